-- The ledger and the payments log are history: never edited, never deleted except with their account.
CREATE FUNCTION refuse_history_edits() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND TG_TABLE_NAME = 'payments' AND (to_jsonb(NEW) - 'payment_method_id' - 'invoice_id') = (to_jsonb(OLD) - 'payment_method_id' - 'invoice_id') THEN
    RETURN NEW; -- the ON DELETE SET NULL of a removed card or invoice
  END IF;
  IF TG_OP = 'UPDATE' AND TG_TABLE_NAME = 'ledger_entries' AND (to_jsonb(NEW) - 'created_by_id') = (to_jsonb(OLD) - 'created_by_id') THEN
    RETURN NEW; -- the ON DELETE SET NULL of a deleted user
  END IF;
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER ledger_entries_append_only BEFORE UPDATE ON ledger_entries FOR EACH ROW EXECUTE FUNCTION refuse_history_edits();
--> statement-breakpoint
CREATE TRIGGER payments_append_only BEFORE UPDATE ON payments FOR EACH ROW EXECUTE FUNCTION refuse_history_edits();
--> statement-breakpoint
INSERT INTO invoice_counters (id, last_sequence) VALUES ('invoices', 0) ON CONFLICT DO NOTHING;
