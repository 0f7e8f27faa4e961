CREATE TABLE "usage_daily" (
	"account_id" uuid NOT NULL,
	"metric_id" text NOT NULL,
	"day" date NOT NULL,
	"quantity" numeric(24, 6) NOT NULL,
	"records" integer NOT NULL,
	CONSTRAINT "usage_daily_account_id_metric_id_day_pk" PRIMARY KEY("account_id","metric_id","day")
);
--> statement-breakpoint
CREATE TABLE "api_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"display_prefix" text NOT NULL,
	"last4" text NOT NULL,
	"secret_hash" text NOT NULL,
	"read_only" boolean DEFAULT false NOT NULL,
	"expires_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"last_used_ip" text,
	"revoked_at" timestamp with time zone,
	"revoked_by_id" uuid,
	CONSTRAINT "api_keys_name" CHECK (char_length("api_keys"."name") between 1 and 100),
	CONSTRAINT "api_keys_expiry_after_creation" CHECK ("api_keys"."expires_at" is null or "api_keys"."expires_at" > "api_keys"."created_at")
);
--> statement-breakpoint
CREATE TABLE "platform_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"display_prefix" text NOT NULL,
	"last4" text NOT NULL,
	"secret_hash" text NOT NULL,
	"scopes" text[] NOT NULL,
	"expires_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"last_used_ip" text,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "platform_keys_name" CHECK (char_length("platform_keys"."name") between 1 and 100),
	CONSTRAINT "platform_keys_scopes" CHECK (cardinality("platform_keys"."scopes") > 0 and "platform_keys"."scopes" <@ array['accounts:read','members:read','usage:read','usage:write','audit:read']::text[])
);
--> statement-breakpoint
CREATE TABLE "api_idempotency_keys" (
	"credential_id" text NOT NULL,
	"key" text NOT NULL,
	"method" text NOT NULL,
	"path" text NOT NULL,
	"request_hash" text NOT NULL,
	"status" integer,
	"response_body" jsonb,
	"response_headers" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "api_idempotency_keys_credential_id_key_pk" PRIMARY KEY("credential_id","key"),
	CONSTRAINT "api_idempotency_keys_key" CHECK (char_length("api_idempotency_keys"."key") between 1 and 255)
);
--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "actor_channel" text;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "actor_credential_id" text;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "actor_label" text;--> statement-breakpoint
ALTER TABLE "usage_daily" ADD CONSTRAINT "usage_daily_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "usage_daily" ADD CONSTRAINT "usage_daily_metric_id_metrics_id_fk" FOREIGN KEY ("metric_id") REFERENCES "public"."metrics"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_revoked_by_id_users_id_fk" FOREIGN KEY ("revoked_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_membership_fk" FOREIGN KEY ("account_id","user_id") REFERENCES "public"."memberships"("account_id","user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "usage_daily_account_day_idx" ON "usage_daily" USING btree ("account_id","day");--> statement-breakpoint
CREATE UNIQUE INDEX "api_keys_secret_hash_key" ON "api_keys" USING btree ("secret_hash");--> statement-breakpoint
CREATE INDEX "api_keys_account_created_idx" ON "api_keys" USING btree ("account_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "api_keys_user_idx" ON "api_keys" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "api_keys_live_name_key" ON "api_keys" USING btree ("account_id","user_id",lower("name")) WHERE "api_keys"."revoked_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "platform_keys_secret_hash_key" ON "platform_keys" USING btree ("secret_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "platform_keys_live_name_key" ON "platform_keys" USING btree (lower("name")) WHERE "platform_keys"."revoked_at" is null;--> statement-breakpoint
CREATE INDEX "api_idempotency_keys_created_idx" ON "api_idempotency_keys" USING btree ("created_at");--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_actor_channel" CHECK ("audit_events"."actor_channel" is null or "audit_events"."actor_channel" in ('session', 'api_key', 'platform_key', 'job'));--> statement-breakpoint
-- The kept daily aggregate starts from the records already written.
INSERT INTO "usage_daily" ("account_id", "metric_id", "day", "quantity", "records")
SELECT "account_id", "metric_id", ("recorded_at" AT TIME ZONE 'UTC')::date, sum("quantity"), count(*)
FROM "usage_records" GROUP BY 1, 2, 3;
