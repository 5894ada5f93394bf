import { sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { rowsOf } from "../../db/migrate.js";
import { QUEUES } from "../../feedback/queue-names.js";
import type { FakeZaloBot } from "../lib/fake-zalo-bot-api.js";
import type { FakeZns } from "./pipeline-fake-zns.js";

/** One citizen notification a bench PAKN is owed (an event with a notify job), as the database has it. */
export interface CitizenNotificationRow {
  conversation: string;
  eventId: number;
  toStatus: string;
  /** Null while no job has claimed it yet. */
  notificationId: number | null;
  status: string | null;
  route: string | null;
  reason: string | null;
  /** When it was told (told_at), else its last try (ms since the epoch); null without either. */
  settledAt: number | null;
}

/** A status that ends a citizen notification (the bench's "settled"): told, waiting for the next message, or not owed. */
export const SETTLED_STATUSES: ReadonlySet<string> = new Set(["sent", "waiting", "skipped"]);

/**
 * The citizen notifications owed to the PAKN of chats `<tag>-…` (every event the pipeline queued a
 * notify job for), or only to `conversations` when given.
 */
export async function citizenNotifications(
  db: Db,
  tag: string,
  conversations?: readonly string[],
): Promise<CitizenNotificationRow[]> {
  const only = conversations
    ? sql`AND p.conversation = ANY(${`{${conversations.join(",")}}`}::text[])`
    : sql``;
  const rows = rowsOf<{
    conversation: string;
    event_id: string | number;
    to_status: string;
    notification_id: string | number | null;
    status: string | null;
    route: string | null;
    reason: string | null;
    settled_at: string | number | null;
  }>(
    await db.execute(sql`
      SELECT p.conversation, e.id AS event_id, e.to_status, n.id AS notification_id, n.status, n.route,
        n.reason,
        (extract(epoch FROM coalesce(n.told_at,
          (SELECT max(a.created_at) FROM delivery_attempts a WHERE a.notification_id = n.id))) * 1000)::float8
          AS settled_at
      FROM pakn p
      JOIN pakn_events e ON e.pakn_id = p.id
      JOIN outbox o ON o.queue = ${QUEUES.notify} AND o.job_id = 'notify-' || e.id
      LEFT JOIN notifications n ON n.event_id = e.id AND n.audience = 'citizen'
      WHERE p.conversation LIKE ${`${tag}-%`} ${only}
      ORDER BY e.id`),
  );
  return rows.map((r) => ({
    conversation: r.conversation,
    eventId: Number(r.event_id),
    toStatus: r.to_status,
    notificationId: r.notification_id === null ? null : Number(r.notification_id),
    status: r.status,
    route: r.route,
    reason: r.reason,
    settledAt: r.settled_at === null ? null : Number(r.settled_at),
  }));
}

/**
 * Each chat's first owed notification (its PAKN's routing step), what the bench's latency and
 * "done" are about; later steps (the officer's) are only counted in `deliveryCounts`.
 */
export function firstOwed(rows: readonly CitizenNotificationRow[]): CitizenNotificationRow[] {
  const first = new Map<string, CitizenNotificationRow>();
  for (const r of rows) {
    const seen = first.get(r.conversation);
    if (!seen || r.eventId < seen.eventId) first.set(r.conversation, r);
  }
  return [...first.values()];
}

/**
 * The chats whose every owed notification is settled, with when the last one settled; a chat with
 * no notification owed yet (not routed) is not settled.
 */
export function settledChats(rows: readonly CitizenNotificationRow[]): Map<string, number> {
  const byChat = new Map<string, number | null>();
  for (const r of rows) {
    const before = byChat.get(r.conversation);
    if (before === null) continue;
    const settled = r.status !== null && SETTLED_STATUSES.has(r.status);
    byChat.set(r.conversation, settled ? Math.max(before ?? 0, r.settledAt ?? 0) : null);
  }
  const done = new Map<string, number>();
  for (const [chat, at] of byChat) if (at !== null) done.set(chat, at);
  return done;
}

/** The ZNS tracking id the notifier gives a notification (`n<id>`, see feedback/notify-citizen.ts). */
export const znsTrackingId = (notificationId: number) => `n${notificationId}`;

/** Where a phase's citizen notifications ended, and whether any was lost or delivered twice. */
export interface DeliveryCounts {
  /** Owed and not skipped. */
  expected: number;
  toldOnChannel: number;
  toldByZns: number;
  /** Told by another route (the next contact, an officer's resend). */
  toldOtherwise: number;
  waiting: number;
  waitingReasons: Record<string, number>;
  /** Expected but neither told nor waiting, or recorded told where the fake never got it. */
  lost: number;
  /** Delivered more than once (see `twiceBy`). */
  twice: number;
  twiceBy: {
    /** A ZNS tracking id delivered more than once. */
    znsTrackingId: number;
    /** Delivered by ZNS while the database says it went otherwise (or waits). */
    znsButRecordedOtherwise: number;
    /** Bot messages to a chat beyond the notifications the database says were sent to it there. */
    extraBotMessages: number;
  };
  /** Part of `lost`: the database says told, the fake never got it. */
  recordedButNotArrived: number;
  /** Notifications still unclaimed or in hand (status null, pending or sending). */
  unsettled: number;
}

/**
 * Counts a phase's citizen notifications from the database, checked against what the fakes
 * received: `channel` is the route name of the bot channel (its fake counts messages per chat), `tag`
 * the phase's chat prefix (every chat of it the bot fake heard of is checked).
 */
export function deliveryCounts(
  rows: readonly CitizenNotificationRow[],
  fakes: { bot: FakeZaloBot; zns?: FakeZns },
  phase: { channel: string; tag: string },
): DeliveryCounts {
  const { bot, zns } = fakes;
  const { channel, tag } = phase;
  const byTracking = zns?.countsByTracking() ?? new Map<string, number>();
  const botByChat = bot.countsByChat();
  const botSentByChat = new Map<string, number>();
  const counts: DeliveryCounts = {
    expected: 0,
    toldOnChannel: 0,
    toldByZns: 0,
    toldOtherwise: 0,
    waiting: 0,
    waitingReasons: {},
    lost: 0,
    twice: 0,
    twiceBy: { znsTrackingId: 0, znsButRecordedOtherwise: 0, extraBotMessages: 0 },
    recordedButNotArrived: 0,
    unsettled: 0,
  };
  const chats = new Set([...botByChat.keys()].filter((c) => c.startsWith(`${tag}-`)));
  for (const r of rows) {
    chats.add(r.conversation);
    if (r.status === "skipped") continue;
    counts.expected++;
    const viaZns = r.notificationId === null ? 0 : (byTracking.get(znsTrackingId(r.notificationId)) ?? 0);
    if (viaZns > 1) counts.twiceBy.znsTrackingId += viaZns - 1;
    if (viaZns > 0 && !(r.status === "sent" && r.route === "zns")) counts.twiceBy.znsButRecordedOtherwise++;
    if (r.status === "sent" && r.route === channel) {
      counts.toldOnChannel++;
      botSentByChat.set(r.conversation, (botSentByChat.get(r.conversation) ?? 0) + 1);
    } else if (r.status === "sent" && r.route === "zns") {
      counts.toldByZns++;
      if (viaZns === 0) counts.recordedButNotArrived++;
    } else if (r.status === "sent") counts.toldOtherwise++;
    else if (r.status === "waiting") {
      counts.waiting++;
      const reason = r.reason ?? "none";
      counts.waitingReasons[reason] = (counts.waitingReasons[reason] ?? 0) + 1;
    } else counts.unsettled++;
  }
  for (const chat of chats) {
    const received = botByChat.get(chat) ?? 0;
    const recorded = botSentByChat.get(chat) ?? 0;
    if (received > recorded) counts.twiceBy.extraBotMessages += received - recorded;
    if (received < recorded) counts.recordedButNotArrived += recorded - received;
  }
  counts.lost = counts.unsettled + counts.recordedButNotArrived;
  counts.twice =
    counts.twiceBy.znsTrackingId + counts.twiceBy.znsButRecordedOtherwise + counts.twiceBy.extraBotMessages;
  return counts;
}

/**
 * For the chats whose notifications all settled without a bot message: when (the ZNS fake's
 * delivery time when ZNS told them, else the last try) and whether they were told or wait.
 */
export function settledOtherwise(
  rows: readonly CitizenNotificationRow[],
  zns: FakeZns | undefined,
): Map<string, { at: number; told: boolean }> {
  const znsAt = new Map<string, number>();
  for (const d of zns?.delivered ?? []) if (!znsAt.has(d.trackingId)) znsAt.set(d.trackingId, d.at);
  const settled = settledChats(rows);
  const out = new Map<string, { at: number; told: boolean }>();
  for (const r of rows) {
    if (!settled.has(r.conversation) || r.status === "skipped") continue;
    const viaZns = r.route === "zns" && r.notificationId !== null;
    const at =
      (viaZns ? znsAt.get(znsTrackingId(r.notificationId as number)) : undefined) ?? r.settledAt ?? 0;
    const before = out.get(r.conversation);
    out.set(r.conversation, {
      at: Math.max(before?.at ?? 0, at),
      told: (before?.told ?? true) && r.status === "sent",
    });
  }
  return out;
}

/** How many notifications each chat was told on `channel`, by the database. */
export function sentOnChannelByChat(
  rows: readonly CitizenNotificationRow[],
  channel: string,
): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of rows)
    if (r.status === "sent" && r.route === channel)
      counts.set(r.conversation, (counts.get(r.conversation) ?? 0) + 1);
  return counts;
}

/** Waits until every notification owed to chats `<tag>-…` is settled (true), or `timeoutMs` passed (false). */
export async function waitUntilSettled(
  db: Db,
  tag: string,
  timeoutMs: number,
  onWait?: (unsettled: number) => void,
): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const rows = await citizenNotifications(db, tag);
    const unsettled = rows.filter((r) => r.status === null || !SETTLED_STATUSES.has(r.status)).length;
    if (unsettled === 0) return true;
    if (Date.now() > until) return false;
    onWait?.(unsettled);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
