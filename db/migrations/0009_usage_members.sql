DROP INDEX "memberships_account_created_idx";--> statement-breakpoint
CREATE INDEX "memberships_account_created_user_idx" ON "memberships" USING btree ("account_id","created_at","user_id");