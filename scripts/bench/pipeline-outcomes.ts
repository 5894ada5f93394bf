import { sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { rowsOf } from "../../db/migrate.js";
import type { FakeZaloBot } from "../lib/fake-zalo-bot-api.js";
import { quantile } from "./metrics.js";
import { citizenNotifications, firstOwed, settledChats } from "./pipeline-delivery.js";
import type { Submitted } from "./pipeline-load.js";

/** When each chat's PAKN left 'received' (its routing event), by chat id, in ms since the epoch. */
export async function routedTimes(db: Db, tag: string): Promise<Map<string, number>> {
  const rows = rowsOf<{ conversation: string; at: string | number }>(
    await db.execute(sql`
      SELECT p.conversation, (extract(epoch FROM min(e.created_at)) * 1000)::float8 AS at
      FROM pakn p JOIN pakn_events e ON e.pakn_id = p.id AND e.from_status = 'received'
      WHERE p.conversation LIKE ${`${tag}-%`}
      GROUP BY p.conversation`),
  );
  return new Map(rows.map((r) => [r.conversation, Number(r.at)]));
}

/** How many routing events each chat's PAKN has (more than one would be a PAKN routed twice). */
export async function routingEventsPerPakn(db: Db, tag: string): Promise<number> {
  const rows = rowsOf<{ n: string | number }>(
    await db.execute(sql`
      SELECT count(*) AS n FROM (
        SELECT p.id FROM pakn p JOIN pakn_events e ON e.pakn_id = p.id AND e.from_status = 'received'
        WHERE p.conversation LIKE ${`${tag}-%`} GROUP BY p.id HAVING count(*) > 1) twice`),
  );
  return Number(rows[0]?.n ?? 0);
}

/** The first message each chat received, in ms since the epoch. */
export function notifiedTimes(fake: FakeZaloBot): Map<string, number> {
  const first = new Map<string, number>();
  for (const m of fake.delivered) if (!first.has(m.chatId)) first.set(m.chatId, m.at);
  return first;
}

/** Latency and completeness of a set of confirmations. */
export interface PhaseOutcome {
  confirmations: number;
  /** Routed and notified. */
  completed: number;
  /** When the last of them was both (ms since the epoch). */
  lastDoneAt: number;
  routed: number;
  notified: number;
  lost: number;
  duplicated: number;
  routedTwice: number;
  /** Only when other routes were looked at: settled without being told (waiting for the next message). */
  waiting?: number;
  commitToRoutedMs: { p50: number; p99: number; max: number };
  commitToNotifiedMs: { p50: number; p99: number; max: number };
}

const stats = (values: number[]) => ({
  p50: Math.round(quantile(values, 0.5)),
  p99: Math.round(quantile(values, 0.99)),
  max: Math.round(values.length ? Math.max(...values) : 0),
});

/**
 * How a chat settled without a bot message: told by another route (ZNS) at `at`, or, `told` false,
 * waiting for the citizen's next message since `at`.
 */
export interface SettledOtherwise {
  at: number;
  told: boolean;
}

/**
 * Measures commit→routed and commit→notified for `submitted`; lost = never routed or never notified, duplicated = notified more than once.
 * With `others`, a chat the bot never reached counts as notified when another route told it and
 * as completed (`waiting`, without a latency) when it waits for the citizen's next message, and a
 * chat is duplicated when it got more bot messages than the database says it was sent there.
 */
export async function phaseOutcome(
  db: Db,
  fake: FakeZaloBot,
  tag: string,
  submitted: readonly Submitted[],
  others?: {
    otherwise: ReadonlyMap<string, SettledOtherwise>;
    /** Notifications the database says each chat was told on the bot (a chat may be owed several). */
    botSent: ReadonlyMap<string, number>;
  },
): Promise<PhaseOutcome> {
  const otherwise = others?.otherwise;
  const routed = await routedTimes(db, tag);
  const notified = notifiedTimes(fake);
  const counts = fake.countsByChat();
  const toRouted: number[] = [];
  const toNotified: number[] = [];
  let lost = 0;
  let duplicated = 0;
  let completed = 0;
  let waiting = 0;
  let lastDoneAt = 0;
  for (const s of submitted) {
    const r = routed.get(s.chatId);
    const other = notified.has(s.chatId) ? undefined : otherwise?.get(s.chatId);
    const n = other?.told ? other.at : notified.get(s.chatId);
    if (r !== undefined) toRouted.push(Math.max(0, r - s.committedAt));
    if (n !== undefined) toNotified.push(Math.max(0, n - s.committedAt));
    if (r !== undefined && other && !other.told) {
      waiting++;
      completed++;
      lastDoneAt = Math.max(lastDoneAt, r, other.at);
    } else if (r === undefined || n === undefined) lost++;
    else {
      completed++;
      lastDoneAt = Math.max(lastDoneAt, r, n);
    }
    if ((counts.get(s.chatId) ?? 0) > Math.max(1, others?.botSent.get(s.chatId) ?? 0)) duplicated++;
  }
  return {
    confirmations: submitted.length,
    completed,
    lastDoneAt,
    routed: toRouted.length,
    notified: toNotified.length,
    lost,
    duplicated,
    routedTwice: await routingEventsPerPakn(db, tag),
    ...(otherwise ? { waiting } : {}),
    commitToRoutedMs: stats(toRouted),
    commitToNotifiedMs: stats(toNotified),
  };
}

/**
 * Waits until every chat of `chatIds` was routed and notified (true), or `timeoutMs` passed (false).
 * Notified: the bot fake got its message, or, for a chat it did not, the database says its first
 * notification (the routing step's) is settled (told by another route, or waiting for the next message).
 */
export async function waitUntilDone(
  db: Db,
  fake: FakeZaloBot,
  tag: string,
  chatIds: readonly string[],
  timeoutMs: number,
  onWait?: (remaining: number) => void,
): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const routed = await routedTimes(db, tag);
    const notified = fake.countsByChat();
    const left = chatIds.filter((c) => !routed.has(c) || !notified.has(c));
    // Only routed chats the bot did not reach are looked up (none in a run where every chat is reachable).
    const unreached = left.filter((c) => routed.has(c));
    const settled = unreached.length
      ? settledChats(firstOwed(await citizenNotifications(db, tag, unreached)))
      : new Map();
    const remaining = left.filter((c) => !settled.has(c)).length;
    if (remaining === 0) return true;
    if (Date.now() > until) return false;
    onWait?.(remaining);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
