import type { Redis } from "ioredis";
import type { Button } from "../../lib/reply.js";

/** One line of a web chat as the page shows it: who said it, the text, the buttons under a bot reply. */
export interface TranscriptEntry {
  who: "user" | "bot";
  text: string;
  buttons?: Button[];
}

/** The recent conversation of a web chat visitor, kept server-side so a reload shows it again. */
export interface WebTranscript {
  /** Adds entries at the end; the oldest give way past the limit, and the TTL starts again. */
  append(conversation: string, entries: TranscriptEntry[]): Promise<void>;
  /** The kept entries, oldest first. */
  recent(conversation: string): Promise<TranscriptEntry[]>;
}

/** Entries kept per conversation by default. */
export const TRANSCRIPT_LIMIT = 60;

/** How long an idle conversation's transcript is kept by default (it may hold what the citizen typed). */
export const TRANSCRIPT_TTL_SECONDS = 24 * 60 * 60;

/** Longest text kept per entry; a longer one is kept with its end marked as cut. */
const MAX_ENTRY_CHARS = 20_000;

const isEntry = (value: unknown): value is TranscriptEntry => {
  const e = value as TranscriptEntry;
  return (
    typeof e === "object" &&
    e !== null &&
    (e.who === "user" || e.who === "bot") &&
    typeof e.text === "string" &&
    (e.buttons === undefined || Array.isArray(e.buttons))
  );
};

/**
 * A bounded Redis list per conversation (the cookie's random id) with a sliding TTL, shared by every
 * web process, so the page never has to keep personal data in the browser's storage.
 */
export function createWebTranscript(
  redis: Redis,
  options: { prefix?: string; limit?: number; ttlSeconds?: number } = {},
): WebTranscript {
  const key = (conversation: string) => `${options.prefix ?? "motcua:"}web-transcript:${conversation}`;
  const limit = options.limit ?? TRANSCRIPT_LIMIT;
  const ttl = options.ttlSeconds ?? TRANSCRIPT_TTL_SECONDS;
  return {
    async append(conversation, entries) {
      if (entries.length === 0) return;
      const k = key(conversation);
      const rows = entries.map((e) =>
        JSON.stringify({
          who: e.who,
          text: e.text.length > MAX_ENTRY_CHARS ? `${e.text.slice(0, MAX_ENTRY_CHARS)}…` : e.text,
          ...(e.buttons?.length ? { buttons: e.buttons } : {}),
        }),
      );
      await redis
        .multi()
        .rpush(k, ...rows)
        .ltrim(k, -limit, -1)
        .expire(k, ttl)
        .exec();
    },
    async recent(conversation) {
      const rows = await redis.lrange(key(conversation), 0, -1);
      return rows.flatMap((raw) => {
        try {
          const value: unknown = JSON.parse(raw);
          return isEntry(value) ? [value] : [];
        } catch {
          return [];
        }
      });
    },
  };
}
