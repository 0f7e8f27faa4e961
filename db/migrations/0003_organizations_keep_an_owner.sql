-- Backstop for "an organization always has at least one owner": checked at commit, so a transaction
-- may swap roles freely, and skipped when the organization itself is gone (deleted with its members).
CREATE FUNCTION memberships_keep_an_owner() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM accounts a WHERE a.id = OLD.account_id AND a.kind = 'organization')
     AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.account_id = OLD.account_id AND m.role = 'owner') THEN
    RAISE EXCEPTION 'an organization must keep at least one owner' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER memberships_keep_an_owner
  AFTER UPDATE OR DELETE ON memberships
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION memberships_keep_an_owner();
