CREATE TABLE "pakn_reminders" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "pakn_reminders_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"pakn_id" bigint NOT NULL,
	"point" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "pakn_reminders" ADD CONSTRAINT "pakn_reminders_pakn_id_pakn_id_fk" FOREIGN KEY ("pakn_id") REFERENCES "public"."pakn"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "pakn_reminders_point_idx" ON "pakn_reminders" USING btree ("pakn_id","point");