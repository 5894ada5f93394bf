import { eq } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { pakn } from "../db/schema.js";
import { AppError } from "../lib/errors.js";
import { type PaknRow, transitionPakn } from "./pakn-repo.js";
import { redactForPublic } from "./redact.js";

/** Shortest answer worth sending to a citizen (a real sentence, not "ok"). */
const MIN_ANSWER_CHARS = 20;

async function load(db: Db, paknId: number): Promise<PaknRow> {
  const [row] = await db.select().from(pakn).where(eq(pakn.id, paknId));
  if (!row) throw new AppError("not_found", `PAKN ${paknId} does not exist`);
  return row;
}

/** An officer's draft answer: the PAKN becomes "answered" and waits for a leader's approval. */
export async function answerPakn(
  deps: { db: Db; now?: () => Date },
  input: { paknId: number; actor: string; answer: string },
): Promise<PaknRow> {
  const answer = input.answer.trim();
  if (answer.length < MIN_ANSWER_CHARS) {
    throw new AppError("bad_request", `an answer needs at least ${MIN_ANSWER_CHARS} characters`);
  }
  const at = deps.now?.() ?? new Date();
  const { row } = await transitionPakn(deps.db, {
    paknId: input.paknId,
    to: "answered",
    actor: input.actor,
    at,
    set: { answer, answeredAt: at },
  });
  return row;
}

/** A leader approves the draft answer as it stands. */
export async function approvePakn(
  deps: { db: Db; now?: () => Date },
  input: { paknId: number; actor: string },
): Promise<PaknRow> {
  const { row } = await transitionPakn(deps.db, {
    paknId: input.paknId,
    to: "approved",
    actor: input.actor,
    at: deps.now?.(),
  });
  return row;
}

/** A leader sends the draft back to the officer with what to change. */
export async function sendBackAnswer(
  deps: { db: Db; now?: () => Date },
  input: { paknId: number; actor: string; note: string },
): Promise<PaknRow> {
  if (!input.note.trim()) throw new AppError("bad_request", "sending an answer back needs a note");
  const { row } = await transitionPakn(deps.db, {
    paknId: input.paknId,
    to: "in_progress",
    actor: input.actor,
    note: input.note,
    at: deps.now?.(),
  });
  return row;
}

/**
 * Publishes an approved answer: the public record carries the question with every personal detail
 * removed (the sender's name, phone, address, ID numbers, e-mails, plates, named people) and the
 * answer; the citizen is notified through the event's outbox job.
 */
export async function publishPakn(
  deps: { db: Db; now?: () => Date },
  input: { paknId: number; actor: string },
): Promise<PaknRow> {
  const current = await load(deps.db, input.paknId);
  const sender = { name: current.contactName, address: current.contactAddress, phone: current.contactPhone };
  const publicQuestion = redactForPublic(current.content, sender);
  const publicAnswer = redactForPublic(current.answer ?? "", sender);
  const at = deps.now?.() ?? new Date();
  const { row } = await transitionPakn(deps.db, {
    paknId: input.paknId,
    to: "published",
    actor: input.actor,
    at,
    set: { publishedAt: at, publicQuestion, publicAnswer },
    data: { publicQuestion, publicAnswer },
  });
  return row;
}
