ALTER TABLE "pakn" ADD COLUMN "deadline_check_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "pakn_deadline_check_idx" ON "pakn" USING btree ("deadline_check_at");