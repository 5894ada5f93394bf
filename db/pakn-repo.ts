import { and, asc, desc, eq, sql } from "drizzle-orm";
import { assertTransition, type PaknStatus } from "../feedback/lifecycle.js";
import { QUEUES } from "../feedback/queue-names.js";
import { codeDay } from "../feedback/tracking-code.js";
import type { Db } from "./client.js";
import { rowsOf } from "./migrate.js";
import { outbox, type PaknAttachment, pakn, paknEvents } from "./schema.js";

/** A PAKN row as stored. */
export type PaknRow = typeof pakn.$inferSelect;

/** A history entry as stored. */
export type PaknEventRow = typeof paknEvents.$inferSelect;

/** What the intake hands to the database once the citizen confirmed. */
export interface NewPakn {
  kind: string;
  content: string;
  procedureCode?: string | null;
  place?: string | null;
  attachments: PaknAttachment[];
  contact: { name: string; phone: string; address: string };
  consentAt: Date;
  channel: string;
  channelUser: string;
  conversation: string;
  inboundMessageId: string;
  receivedAt: Date;
  forwardDueAt: Date;
  answerDueAt: Date;
}

/** The stored PAKN and whether this call created it (false for a redelivered confirmation). */
export interface CreatedPakn {
  row: PaknRow;
  created: boolean;
}

class AlreadyStored extends Error {}

async function existingByInbound(db: Db, channel: string, inboundMessageId: string) {
  const [row] = await db
    .select()
    .from(pakn)
    .where(and(eq(pakn.channel, channel), eq(pakn.inboundMessageId, inboundMessageId)));
  return row;
}

/**
 * Stores a confirmed PAKN in one transaction: the next tracking code of its day, the row, its first
 * event and the outbox job that routes it. A confirmation delivered twice returns the first PAKN.
 */
export async function createPakn(db: Db, input: NewPakn): Promise<CreatedPakn> {
  const before = await existingByInbound(db, input.channel, input.inboundMessageId);
  if (before) return { row: before, created: false };
  const day = codeDay(input.receivedAt);
  const hasImages = input.attachments.some((a) => a.kind === "image");
  try {
    // One statement under the day's counter lock (instead of five round trips): confirmations from
    // many citizens at once queue on that row only for the length of this statement and the commit.
    const id = await db.transaction(async (tx) => {
      const result = await tx.execute(sql`
        WITH n AS (
          INSERT INTO pakn_code_counters (day, last) VALUES (${day}, 1)
          ON CONFLICT (day) DO UPDATE SET last = pakn_code_counters.last + 1
          RETURNING last),
        p AS (
          INSERT INTO pakn (code, kind, status, content, procedure_code, place, attachments, contact_name,
            contact_phone, contact_address, consent_at, channel, channel_user, conversation,
            inbound_message_id, received_at, forward_due_at, answer_due_at)
          SELECT ${`PAKN.${day}.`} || CASE WHEN n.last < 10000 THEN lpad(n.last::text, 4, '0') ELSE n.last::text END,
            ${input.kind}, 'received', ${input.content}, ${input.procedureCode ?? null}, ${input.place ?? null},
            ${JSON.stringify(input.attachments)}::jsonb, ${input.contact.name}, ${input.contact.phone},
            ${input.contact.address}, ${input.consentAt.toISOString()}::timestamptz, ${input.channel},
            ${input.channelUser}, ${input.conversation}, ${input.inboundMessageId},
            ${input.receivedAt.toISOString()}::timestamptz, ${input.forwardDueAt.toISOString()}::timestamptz,
            ${input.answerDueAt.toISOString()}::timestamptz
          FROM n
          ON CONFLICT (channel, inbound_message_id) DO NOTHING
          RETURNING id),
        e AS (
          INSERT INTO pakn_events (pakn_id, from_status, to_status, actor)
          SELECT id, NULL, 'received', ${`citizen:${input.channel}`} FROM p),
        routing AS (
          INSERT INTO outbox (queue, job_id, payload)
          SELECT ${QUEUES.classify}, 'classify-' || id, jsonb_build_object('paknId', id) FROM p),
        photos AS (
          -- Photos are fetched from the channel and stored after commit (attachments worker).
          INSERT INTO outbox (queue, job_id, payload)
          SELECT ${QUEUES.attachments}, 'attachments-' || id, jsonb_build_object('paknId', id) FROM p
          WHERE ${hasImages})
        SELECT id FROM p`);
      const inserted = rowsOf<{ id: number | string }>(result)[0];
      // A concurrent delivery of the same confirmation won: undo this one (and its code number).
      if (!inserted) throw new AlreadyStored();
      return Number(inserted.id);
    });
    const [row] = await db.select().from(pakn).where(eq(pakn.id, id));
    if (!row) throw new Error(`PAKN ${id} vanished after commit`);
    return { row, created: true };
  } catch (err) {
    if (!(err instanceof AlreadyStored)) throw err;
    const after = await existingByInbound(db, input.channel, input.inboundMessageId);
    if (!after) throw err;
    return { row: after, created: false };
  }
}

/** A requested move of a PAKN, with the fields it sets (assigned agency, answer …). */
export interface TransitionInput {
  paknId: number;
  to: PaknStatus;
  actor: string;
  note?: string | null;
  data?: Record<string, unknown>;
  set?: Partial<
    Pick<
      PaknRow,
      | "agencyId"
      | "field"
      | "answer"
      | "answeredAt"
      | "publishedAt"
      | "mergedInto"
      | "publicQuestion"
      | "publicAnswer"
    >
  >;
}

/**
 * Moves a PAKN to another state under a row lock, refusing illegal moves, and records the event
 * with the outbox job that notifies the citizen, all in one transaction.
 */
export async function transitionPakn(
  db: Db,
  input: TransitionInput,
): Promise<{ row: PaknRow; event: PaknEventRow }> {
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(pakn).where(eq(pakn.id, input.paknId)).for("update");
    if (!current) throw new Error(`PAKN ${input.paknId} does not exist`);
    assertTransition(current.status as PaknStatus, input.to, input.note);
    const [row] = await tx
      .update(pakn)
      .set({ ...input.set, status: input.to, updatedAt: sql`now()` })
      .where(eq(pakn.id, input.paknId))
      .returning();
    const [event] = await tx
      .insert(paknEvents)
      .values({
        paknId: input.paknId,
        fromStatus: current.status,
        toStatus: input.to,
        actor: input.actor,
        note: input.note ?? null,
        data: input.data ?? {},
      })
      .returning();
    if (!row || !event) throw new Error("transition was not written");
    await tx
      .insert(outbox)
      .values({ queue: QUEUES.notify, jobId: `notify-${event.id}`, payload: { eventId: event.id } });
    return { row, event };
  });
}

/** A PAKN by its tracking code. */
export async function findPaknByCode(db: Db, code: string): Promise<PaknRow | undefined> {
  const [row] = await db.select().from(pakn).where(eq(pakn.code, code));
  return row;
}

/** The PAKN one channel identity sent, newest first. */
export async function listPaknBySender(
  db: Db,
  sender: { channel: string; user: string },
  limit = 10,
): Promise<PaknRow[]> {
  return db
    .select()
    .from(pakn)
    .where(and(eq(pakn.channel, sender.channel), eq(pakn.channelUser, sender.user)))
    .orderBy(desc(pakn.receivedAt), desc(pakn.id))
    .limit(limit);
}

/** A PAKN's history, oldest first. */
export async function paknHistory(db: Db, paknId: number): Promise<PaknEventRow[]> {
  return db.select().from(paknEvents).where(eq(paknEvents.paknId, paknId)).orderBy(asc(paknEvents.id));
}

/** An event with the PAKN it belongs to (what notifications and alerts are composed from). */
export async function findEventWithPakn(
  db: Db,
  eventId: number,
): Promise<{ event: PaknEventRow; item: PaknRow } | undefined> {
  const [found] = await db
    .select({ event: paknEvents, item: pakn })
    .from(paknEvents)
    .innerJoin(pakn, eq(pakn.id, paknEvents.paknId))
    .where(eq(paknEvents.id, eventId));
  return found;
}
