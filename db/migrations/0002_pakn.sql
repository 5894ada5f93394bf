CREATE TABLE "notifications" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "notifications_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"event_id" bigint NOT NULL,
	"audience" text NOT NULL,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "outbox_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"queue" text NOT NULL,
	"job_id" text NOT NULL,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"relayed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "pakn" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "pakn_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"code" text NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"content" text NOT NULL,
	"procedure_code" text,
	"place" text,
	"agency_id" text,
	"field" text,
	"attachments" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"contact_name" text NOT NULL,
	"contact_phone" text NOT NULL,
	"contact_address" text NOT NULL,
	"consent_at" timestamp with time zone NOT NULL,
	"channel" text NOT NULL,
	"channel_user" text NOT NULL,
	"conversation" text NOT NULL,
	"inbound_message_id" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"forward_due_at" timestamp with time zone NOT NULL,
	"answer_due_at" timestamp with time zone NOT NULL,
	"answer" text,
	"answered_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"merged_into" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pakn_code_counters" (
	"day" text PRIMARY KEY NOT NULL,
	"last" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pakn_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "pakn_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"pakn_id" bigint NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"actor" text NOT NULL,
	"note" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_event_id_pakn_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."pakn_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pakn_events" ADD CONSTRAINT "pakn_events_pakn_id_pakn_id_fk" FOREIGN KEY ("pakn_id") REFERENCES "public"."pakn"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_event_audience_idx" ON "notifications" USING btree ("event_id","audience");--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_job_idx" ON "outbox" USING btree ("queue","job_id");--> statement-breakpoint
CREATE INDEX "outbox_pending_idx" ON "outbox" USING btree ("relayed_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "pakn_code_idx" ON "pakn" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "pakn_inbound_idx" ON "pakn" USING btree ("channel","inbound_message_id");--> statement-breakpoint
CREATE INDEX "pakn_sender_idx" ON "pakn" USING btree ("channel","channel_user");--> statement-breakpoint
CREATE INDEX "pakn_status_due_idx" ON "pakn" USING btree ("status","answer_due_at");--> statement-breakpoint
CREATE INDEX "pakn_events_pakn_idx" ON "pakn_events" USING btree ("pakn_id","id");