-- usage_daily is the kept aggregate of usage_records per account, metric and UTC day. The
-- database keeps it, in the statement's own transaction, whoever writes usage_records: the batch
-- ingestion (one INSERT ... ON CONFLICT DO NOTHING of up to 1,000 rows), the single-record writer,
-- the demo seed, and raw SQL in tests and journeys. A statement-level trigger sees exactly the rows
-- the statement changed (for ON CONFLICT DO NOTHING: only the rows really inserted, i.e. what
-- RETURNING returns) and folds them in with one set-based upsert, sorted by key so that
-- concurrent batches lock the aggregate rows in the same order (no deadlock).
CREATE FUNCTION usage_daily_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO usage_daily AS d (account_id, metric_id, day, quantity, records)
  SELECT account_id, metric_id, (recorded_at AT TIME ZONE 'UTC')::date, sum(quantity), count(*)
  FROM usage_added
  GROUP BY 1, 2, 3
  ORDER BY 1, 2, 3
  ON CONFLICT (account_id, metric_id, day) DO UPDATE
    SET quantity = d.quantity + excluded.quantity, records = d.records + excluded.records;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- Removed rows (a DELETE, or the old side of an UPDATE) only lower existing aggregate rows, never
-- create one: when an account is deleted its usage_daily rows may already be gone.
CREATE FUNCTION usage_daily_remove() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM usage_daily d
  WHERE (d.account_id, d.metric_id, d.day) IN (SELECT account_id, metric_id, (recorded_at AT TIME ZONE 'UTC')::date FROM usage_removed)
  ORDER BY d.account_id, d.metric_id, d.day
  FOR UPDATE;
  UPDATE usage_daily d SET quantity = d.quantity - r.quantity, records = d.records - r.records
  FROM (
    SELECT account_id, metric_id, (recorded_at AT TIME ZONE 'UTC')::date AS day, sum(quantity) AS quantity, count(*) AS records
    FROM usage_removed
    GROUP BY 1, 2, 3
  ) r
  WHERE d.account_id = r.account_id AND d.metric_id = r.metric_id AND d.day = r.day;
  DELETE FROM usage_daily d WHERE d.records <= 0
    AND (d.account_id, d.metric_id, d.day) IN (SELECT account_id, metric_id, (recorded_at AT TIME ZONE 'UTC')::date FROM usage_removed);
  IF TG_OP = 'UPDATE' THEN
    INSERT INTO usage_daily AS d (account_id, metric_id, day, quantity, records)
    SELECT account_id, metric_id, (recorded_at AT TIME ZONE 'UTC')::date, sum(quantity), count(*)
    FROM usage_added
    GROUP BY 1, 2, 3
    ORDER BY 1, 2, 3
    ON CONFLICT (account_id, metric_id, day) DO UPDATE
      SET quantity = d.quantity + excluded.quantity, records = d.records + excluded.records;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER usage_daily_on_insert AFTER INSERT ON usage_records
  REFERENCING NEW TABLE AS usage_added FOR EACH STATEMENT EXECUTE FUNCTION usage_daily_add();
--> statement-breakpoint
CREATE TRIGGER usage_daily_on_update AFTER UPDATE ON usage_records
  REFERENCING OLD TABLE AS usage_removed NEW TABLE AS usage_added FOR EACH STATEMENT EXECUTE FUNCTION usage_daily_remove();
--> statement-breakpoint
CREATE TRIGGER usage_daily_on_delete AFTER DELETE ON usage_records
  REFERENCING OLD TABLE AS usage_removed FOR EACH STATEMENT EXECUTE FUNCTION usage_daily_remove();
--> statement-breakpoint
CREATE FUNCTION usage_daily_clear() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM usage_daily;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER usage_daily_on_truncate AFTER TRUNCATE ON usage_records
  FOR EACH STATEMENT EXECUTE FUNCTION usage_daily_clear();
--> statement-breakpoint
-- The triggers hold usage_records against writers until this migration commits, so the aggregate
-- is recomputed from a still table (0007's backfill may predate rows written since).
DELETE FROM usage_daily;
--> statement-breakpoint
INSERT INTO usage_daily (account_id, metric_id, day, quantity, records)
SELECT account_id, metric_id, (recorded_at AT TIME ZONE 'UTC')::date, sum(quantity), count(*)
FROM usage_records
GROUP BY 1, 2, 3;
