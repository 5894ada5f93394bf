import { index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
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

/**
 * The current OAuth token pair of a channel that rotates its tokens (Zalo OA): each refresh token
 * works once, so every process reads and replaces the pair here, one refresher at a time.
 */
export const channelTokens = pgTable("channel_tokens", {
  channel: text("channel").primaryKey(),
  accessToken: text("access_token").notNull(),
  refreshToken: text("refresh_token").notNull(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  /** sha-256 of the configured pair the row was seeded from, so new operator tokens replace it. */
  seedHash: text("seed_hash").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Replies a channel could not deliver for a permanent reason (e.g. Zalo's 7-day window), for operators. */
export const deliveryFailures = pgTable(
  "delivery_failures",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    channel: text("channel").notNull(),
    recipient: text("recipient").notNull(),
    errorCode: integer("error_code").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("delivery_failures_channel_recipient_idx").on(t.channel, t.recipient)],
);
