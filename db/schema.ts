import { integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import type { Procedure } from "../knowledge/procedure.js";

/** The knowledge base: one row per procedure, the canonical record as JSON, upserted by code. */
export const procedures = pgTable("procedures", {
  code: text("code").primaryKey(),
  name: text("name").notNull(),
  data: jsonb("data").$type<Procedure>().notNull(),
  /** sha-256 of the canonical JSON, so a re-import of unchanged records writes nothing. */
  contentHash: text("content_hash").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** One row per knowledge-base import, for operators to see what was loaded and when. */
export const importRuns = pgTable("import_runs", {
  id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
  source: text("source").notNull(),
  format: text("format").notNull(),
  inserted: integer("inserted").notNull(),
  updated: integer("updated").notNull(),
  unchanged: integer("unchanged").notNull(),
  skipped: integer("skipped").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
