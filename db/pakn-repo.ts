import { and, asc, desc, eq, sql } from "drizzle-orm";
import { assertTransition, type PaknStatus } from "../feedback/lifecycle.js";
import { QUEUES } from "../feedback/queue-names.js";
import { codeDay, formatTrackingCode } from "../feedback/tracking-code.js";
import type { Db } from "./client.js";
import { rowsOf } from "./migrate.js";
import { outbox, type PaknAttachment, pakn, paknCodeCounters, paknEvents } from "./schema.js";

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
  try {
    const row = await db.transaction(async (tx) => {
      const day = codeDay(input.receivedAt);
      const counted = await tx
        .insert(paknCodeCounters)
        .values({ day, last: 1 })
        .onConflictDoUpdate({
          target: paknCodeCounters.day,
          set: { last: sql`${paknCodeCounters.last} + 1` },
        })
        .returning({ last: paknCodeCounters.last });
      const n = rowsOf<{ last: number }>(counted)[0]?.last ?? 1;
      const [inserted] = await tx
        .insert(pakn)
        .values({
          code: formatTrackingCode(day, n),
          kind: input.kind,
          status: "received",
          content: input.content,
          procedureCode: input.procedureCode ?? null,
          place: input.place ?? null,
          attachments: input.attachments,
          contactName: input.contact.name,
          contactPhone: input.contact.phone,
          contactAddress: input.contact.address,
          consentAt: input.consentAt,
          channel: input.channel,
          channelUser: input.channelUser,
          conversation: input.conversation,
          inboundMessageId: input.inboundMessageId,
          receivedAt: input.receivedAt,
          forwardDueAt: input.forwardDueAt,
          answerDueAt: input.answerDueAt,
        })
        .onConflictDoNothing({ target: [pakn.channel, pakn.inboundMessageId] })
        .returning();
      // A concurrent delivery of the same confirmation won: undo this one (and its code number).
      if (!inserted) throw new AlreadyStored();
      await tx.insert(paknEvents).values({
        paknId: inserted.id,
        fromStatus: null,
        toStatus: "received",
        actor: `citizen:${input.channel}`,
        note: null,
      });
      await tx.insert(outbox).values({
        queue: QUEUES.classify,
        jobId: `classify-${inserted.id}`,
        payload: { paknId: inserted.id },
      });
      // Photos are fetched from the channel and stored after commit (attachments worker).
      if (input.attachments.some((a) => a.kind === "image"))
        await tx.insert(outbox).values({
          queue: QUEUES.attachments,
          jobId: `attachments-${inserted.id}`,
          payload: { paknId: inserted.id },
        });
      return inserted;
    });
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
  set?: Partial<Pick<PaknRow, "agencyId" | "field" | "answer" | "answeredAt" | "publishedAt" | "mergedInto">>;
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
