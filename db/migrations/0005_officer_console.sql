CREATE TABLE "asset_overrides" (
	"name" text PRIMARY KEY NOT NULL,
	"content" text NOT NULL,
	"updated_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"officer_id" integer,
	"action" text NOT NULL,
	"target_type" text,
	"target_id" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"ip" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "canned_answers" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "canned_answers_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"agency_id" text,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "officer_sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"officer_id" integer NOT NULL,
	"csrf_token" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "officers" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "officers_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"email" text NOT NULL,
	"name" text NOT NULL,
	"role" text NOT NULL,
	"agency_id" text,
	"password_hash" text NOT NULL,
	"must_change_password" boolean DEFAULT true NOT NULL,
	"failed_logins" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"disabled_at" timestamp with time zone,
	"last_login_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pakn_notes" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "pakn_notes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"pakn_id" bigint NOT NULL,
	"officer_id" integer NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "pakn" ADD COLUMN "public_question" text;--> statement-breakpoint
ALTER TABLE "pakn" ADD COLUMN "public_answer" text;--> statement-breakpoint
ALTER TABLE "pakn" ADD COLUMN "rating" integer;--> statement-breakpoint
ALTER TABLE "pakn" ADD COLUMN "rated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "officer_sessions" ADD CONSTRAINT "officer_sessions_officer_id_officers_id_fk" FOREIGN KEY ("officer_id") REFERENCES "public"."officers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pakn_notes" ADD CONSTRAINT "pakn_notes_pakn_id_pakn_id_fk" FOREIGN KEY ("pakn_id") REFERENCES "public"."pakn"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pakn_notes" ADD CONSTRAINT "pakn_notes_officer_id_officers_id_fk" FOREIGN KEY ("officer_id") REFERENCES "public"."officers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_log_created_idx" ON "audit_log" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "audit_log_target_idx" ON "audit_log" USING btree ("target_type","target_id");--> statement-breakpoint
CREATE INDEX "canned_answers_agency_idx" ON "canned_answers" USING btree ("agency_id");--> statement-breakpoint
CREATE INDEX "officer_sessions_officer_idx" ON "officer_sessions" USING btree ("officer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "officers_email_idx" ON "officers" USING btree ("email");--> statement-breakpoint
CREATE INDEX "pakn_notes_pakn_idx" ON "pakn_notes" USING btree ("pakn_id","id");--> statement-breakpoint
CREATE INDEX "pakn_agency_due_idx" ON "pakn" USING btree ("agency_id","answer_due_at");--> statement-breakpoint
CREATE INDEX "pakn_published_idx" ON "pakn" USING btree ("published_at");--> statement-breakpoint
UPDATE "pakn" SET "public_question" = e."data"->>'publicQuestion', "public_answer" = e."data"->>'publicAnswer' FROM "pakn_events" e WHERE e."pakn_id" = "pakn"."id" AND e."to_status" = 'published' AND "pakn"."public_question" IS NULL;