import { and, asc, desc, eq, getTableColumns, sql } from "drizzle-orm";
import { batchCalls } from "../db/batch-calls.js";
import type { Db } from "../db/client.js";
import { mapRow } from "../db/map-row.js";
import { rowsOf } from "../db/migrate.js";
import { executeNamed } from "../db/named-statement.js";
import {
  daySequenceName,
  ensureDaySequence,
  forgetDaySequence,
  pgErrorCode,
} from "../db/pakn-code-sequence.js";
import { perDatabase } from "../db/per-database.js";
import { type PaknAttachment, pakn, paknEvents } from "../db/schema.js";
import { assertTransition, PAUSED_STATUSES, type PaknStatus, statusesLeadingTo } from "./lifecycle.js";
import { firstDeadlineCheck } from "./pakn-due-dates.js";
import { QUEUES } from "./queue-names.js";
import { statusIn } from "./status-sql.js";
import { codeDay } from "./tracking-code.js";

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
  /** Notify the citizen of the receipt too (a channel with no lasting reply carrying the code). */
  notifyReceipt?: boolean;
}

/** The stored PAKN and whether this call created it (false for a redelivered confirmation). */
export interface CreatedPakn {
  row: PaknRow;
  created: boolean;
}

async function existingByInbound(db: Db, channel: string, inboundMessageId: string) {
  const [row] = await db
    .select()
    .from(pakn)
    .where(and(eq(pakn.channel, channel), eq(pakn.inboundMessageId, inboundMessageId)));
  return row;
}

/**
 * The PAKN columns by name (qualified by `table` when given): the named statements list them
 * rather than `*`, so a column added by a migration does not change what a statement a live
 * process prepared returns (PostgreSQL refuses to run it then).
 */
const paknColumns = (table?: string) =>
  sql.join(
    Object.values(getTableColumns(pakn)).map((c) =>
      table ? sql`${sql.identifier(table)}.${sql.identifier(c.name)}` : sql.identifier(c.name),
    ),
    sql`, `,
  );
const PAKN_COLUMNS = paknColumns();
const PAKN_COLUMNS_OF_PAKN = paknColumns("pakn");
const PAKN_COLUMNS_OF_P = paknColumns("p");

/** The one statement that stores a confirmation: code number, row, first event, routing, photo and receipt jobs. */
function insertStatement(input: NewPakn, day: string) {
  // Every timestamp comes from the process clock that received it, never the server's now().
  const received = input.receivedAt.toISOString();
  const hasImages = input.attachments.some((a) => a.kind === "image");
  return sql`
    WITH n AS (
      -- A redelivered confirmation takes no number.
      SELECT nextval(${daySequenceName(day)}::regclass) AS last
      WHERE NOT EXISTS (
        SELECT 1 FROM pakn WHERE channel = ${input.channel} AND inbound_message_id = ${input.inboundMessageId})),
    p AS (
      INSERT INTO pakn (code, kind, status, content, procedure_code, place, attachments, contact_name,
        contact_phone, contact_address, consent_at, channel, channel_user, conversation,
        inbound_message_id, received_at, forward_due_at, answer_due_at, deadline_check_at, updated_at)
      SELECT ${`PAKN.${day}.`} || CASE WHEN n.last < 10000 THEN lpad(n.last::text, 4, '0') ELSE n.last::text END,
        ${input.kind}, 'received', ${input.content}, ${input.procedureCode ?? null}, ${input.place ?? null},
        ${JSON.stringify(input.attachments)}::jsonb, ${input.contact.name}, ${input.contact.phone},
        ${input.contact.address}, ${input.consentAt.toISOString()}::timestamptz, ${input.channel},
        ${input.channelUser}, ${input.conversation}, ${input.inboundMessageId},
        ${input.receivedAt.toISOString()}::timestamptz, ${input.forwardDueAt.toISOString()}::timestamptz,
        ${input.answerDueAt.toISOString()}::timestamptz, ${firstDeadlineCheck(input.receivedAt).toISOString()}::timestamptz,
        ${received}::timestamptz
      FROM n
      ON CONFLICT (channel, inbound_message_id) DO NOTHING
      RETURNING ${PAKN_COLUMNS}),
    e AS (
      INSERT INTO pakn_events (pakn_id, from_status, to_status, actor, created_at)
      SELECT id, NULL, 'received', ${`citizen:${input.channel}`}, ${received}::timestamptz FROM p
      RETURNING id),
    receipt AS (
      INSERT INTO outbox (queue, job_id, payload)
      SELECT ${QUEUES.notify}, 'notify-' || id, jsonb_build_object('eventId', id) FROM e
      WHERE ${input.notifyReceipt === true}),
    routing AS (
      INSERT INTO outbox (queue, job_id, payload)
      SELECT ${QUEUES.classify}, 'classify-' || id, jsonb_build_object('paknId', id) FROM p),
    photos AS (
      -- Photos are fetched from the channel and stored after commit (attachments worker).
      INSERT INTO outbox (queue, job_id, payload)
      SELECT ${QUEUES.attachments}, 'attachments-' || id, jsonb_build_object('paknId', id) FROM p
      WHERE ${hasImages})
    SELECT ${PAKN_COLUMNS} FROM p`;
}

/**
 * Stores a confirmed PAKN in one statement (atomic on its own, one round trip): the next tracking
 * code of its day, the row, its first event and the outbox job that routes it. A confirmation
 * delivered twice returns the first PAKN.
 */
export async function createPakn(db: Db, input: NewPakn): Promise<CreatedPakn> {
  const day = codeDay(input.receivedAt);
  await ensureDaySequence(db, day);
  let result: unknown;
  try {
    result = await executeNamed(db, insertStatement(input, day));
  } catch (err) {
    // The day's sequence vanished under this process (a restored backup): make it again, once.
    if (pgErrorCode(err) !== "42P01") throw err;
    forgetDaySequence(db, day);
    await ensureDaySequence(db, day);
    result = await executeNamed(db, insertStatement(input, day));
  }
  const inserted = rowsOf<Record<string, unknown>>(result)[0];
  if (inserted) return { row: mapRow(pakn, inserted), created: true };
  // Stored before, or by a concurrent delivery of the same confirmation.
  const before = await existingByInbound(db, input.channel, input.inboundMessageId);
  if (!before) throw new Error("a PAKN was neither stored nor found");
  return { row: before, created: false };
}

/** A requested move of a PAKN, with the fields it sets (assigned agency, answer …). */
export interface TransitionInput {
  paknId: number;
  to: PaknStatus;
  actor: string;
  note?: string | null;
  data?: Record<string, unknown>;
  /**
   * When the move happens (the event's time, which starts and ends deadline pauses): the caller's
   * injected clock; default the process clock, never the database server's now().
   */
  at?: Date;
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
  /**
   * The caller tells the citizen of the event itself right after the commit: its notify job's
   * outbox row is written as relayed (no relay enqueues it) and the citizen's notification is
   * claimed in the same statement (`claimed` in the result). Should the caller die, the reconciler
   * rebuilds the job, which sends once the claim's lease has run out. Only for steps the citizen
   * is told of.
   */
  notifyInHand?: boolean;
}

/**
 * Moves a PAKN to another state, refusing illegal moves, and records the event with the outbox job
 * that notifies the citizen, in one statement (so one round trip, atomic without a transaction):
 * the row is locked, its state checked against the states that may lead to `to`, updated, and the
 * event and outbox rows written; nothing is written when the move is illegal.
 */
export async function transitionPakn(
  db: Db,
  input: TransitionInput,
): Promise<{ row: PaknRow; event: PaknEventRow; claimed?: number }> {
  if (!input.note?.trim()) {
    // Reasons are checked up front: the statement only knows the states.
    for (const from of statusesLeadingTo(input.to)) assertTransition(from, input.to, input.note);
  }
  const columns = getTableColumns(pakn);
  const assignments = Object.entries(input.set ?? {}).map(([key, value]) => {
    const column = columns[key as keyof typeof columns];
    return sql`${sql.identifier(column.name)} = ${value === null ? null : sql.param(value, column)}`;
  });
  const at = (input.at ?? new Date()).toISOString();
  const inHand = input.notifyInHand === true;
  const result = await executeNamed(
    db,
    sql`
    WITH old AS (
      SELECT id, status FROM pakn WHERE id = ${input.paknId} FOR UPDATE),
    p AS (
      UPDATE pakn SET ${sql.join(
        [
          ...assignments,
          sql`status = ${input.to}`,
          sql`updated_at = ${at}::timestamptz`,
          // Into or out of a pause the deadlines move: the next deadline scan looks again.
          sql`deadline_check_at = CASE WHEN ${statusIn(sql`${input.to}`, PAUSED_STATUSES)}
            OR ${statusIn(sql`old.status`, PAUSED_STATUSES)} THEN NULL ELSE pakn.deadline_check_at END`,
        ],
        sql`, `,
      )}
      FROM old WHERE pakn.id = old.id AND ${statusIn(sql`old.status`, statusesLeadingTo(input.to))}
      RETURNING ${PAKN_COLUMNS_OF_PAKN}, old.status AS old_status),
    e AS (
      INSERT INTO pakn_events (pakn_id, from_status, to_status, actor, note, data, created_at)
      SELECT id, old_status, ${input.to}, ${input.actor}, ${input.note ?? null}, ${JSON.stringify(input.data ?? {})}::jsonb,
        ${at}::timestamptz
      FROM p
      RETURNING id AS e_id, pakn_id AS e_pakn_id, from_status AS e_from_status, to_status AS e_to_status,
        actor AS e_actor, note AS e_note, data AS e_data, created_at AS e_created_at),
    o AS (
      INSERT INTO outbox (queue, job_id, payload, relayed_at)
      SELECT ${QUEUES.notify}, 'notify-' || e_id, jsonb_build_object('eventId', e_id),
        CASE WHEN ${inHand} THEN now() END
      FROM e),
    c AS (
      INSERT INTO notifications (event_id, audience, status, attempts, sent_at)
      SELECT e_id, 'citizen', 'sending', 1, now() FROM e WHERE ${inHand}
      RETURNING id AS c_id)
    SELECT ${PAKN_COLUMNS_OF_P}, e.*, (SELECT c_id FROM c) AS c_id FROM p, e`,
  );
  const [raw] = rowsOf<Record<string, unknown>>(result);
  if (!raw) {
    // Nothing written: say why (missing, or not allowed from the state it is in now).
    const [current] = await db.select({ status: pakn.status }).from(pakn).where(eq(pakn.id, input.paknId));
    if (!current) throw new Error(`PAKN ${input.paknId} does not exist`);
    assertTransition(current.status as PaknStatus, input.to, input.note);
    throw new Error(`PAKN ${input.paknId} changed state during the transition; try again`);
  }
  const claimed = raw.c_id === null || raw.c_id === undefined ? undefined : Number(raw.c_id);
  return { row: mapRow(pakn, raw), event: mapRow(paknEvents, raw, "e_"), ...(claimed ? { claimed } : {}) };
}

/** A PAKN by its tracking code. */
export async function findPaknByCode(db: Db, code: string): Promise<PaknRow | undefined> {
  const [row] = await db.select().from(pakn).where(eq(pakn.code, code));
  return row;
}

/** The condition "sent by this channel identity": only the sender ever sees a PAKN's private side. */
export function sentBy(sender: { channel: string; user: string }) {
  return and(eq(pakn.channel, sender.channel), eq(pakn.channelUser, sender.user));
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
    .where(sentBy(sender))
    .orderBy(desc(pakn.receivedAt), desc(pakn.id))
    .limit(limit);
}

/** A PAKN's history, oldest first. */
export async function paknHistory(db: Db, paknId: number): Promise<PaknEventRow[]> {
  return db.select().from(paknEvents).where(eq(paknEvents.paknId, paknId)).orderBy(asc(paknEvents.id));
}

const eventWithPakn = perDatabase((db) =>
  db
    .select({ event: paknEvents, item: pakn })
    .from(paknEvents)
    .innerJoin(pakn, eq(pakn.id, paknEvents.paknId))
    .where(eq(paknEvents.id, sql.placeholder("eventId")))
    .prepare("event_with_pakn"),
);

/** An event with the PAKN it belongs to (what notifications and alerts are composed from). */
export interface EventWithPakn {
  event: PaknEventRow;
  item: PaknRow;
}

/** An event with the PAKN it belongs to, read in one statement. */
export async function findEventWithPakn(db: Db, eventId: number): Promise<EventWithPakn | undefined> {
  const [found] = await eventWithPakn(db).execute({ eventId });
  return found;
}

const paknById = perDatabase((db) =>
  db
    .select()
    .from(pakn)
    .where(eq(pakn.id, sql.placeholder("id")))
    .prepare("pakn_by_id"),
);

/** What routing a PAKN reads: its state, its text and the procedure it named (not the whole row). */
export type RoutingInput = Pick<PaknRow, "id" | "status" | "content" | "procedureCode">;

/** How long the first routing read waits for others to share its statement (jobs come in batches). */
export const ROUTING_READ_WINDOW_MS = 3;

const routingInputs = perDatabase((db) =>
  batchCalls(
    async (ids: number[]) => {
      const rows = rowsOf<{
        id: number | string;
        status: string;
        content: string;
        procedure_code: string | null;
      }>(
        await executeNamed(
          db,
          sql`SELECT id, status, content, procedure_code FROM pakn WHERE id = ANY(${`{${ids.join(",")}}`}::bigint[])`,
        ),
      );
      const byId = new Map(rows.map((r) => [Number(r.id), r]));
      return ids.map((id): RoutingInput | undefined => {
        const row = byId.get(id);
        return row && { id, status: row.status, content: row.content, procedureCode: row.procedure_code };
      });
    },
    { windowMs: ROUTING_READ_WINDOW_MS, max: 100 },
  ),
);

/** What routing a PAKN reads, read together with the other routing jobs of the same moment. */
export function findRoutingInput(db: Db, id: number): Promise<RoutingInput | undefined> {
  return routingInputs(db)(id);
}

/** A PAKN by its id. */
export async function findPaknById(db: Db, id: number): Promise<PaknRow | undefined> {
  const [row] = await paknById(db).execute({ id });
  return row;
}
