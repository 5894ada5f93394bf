import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { kbFollowers, kbMisses, kbVotes } from "../../db/schema.js";
import { redactForPublic } from "../redact.js";

/**
 * Why a question is logged: nothing found, a choice the citizen left, an answer marked unhelpful,
 * an answer given although its runner-up was nearly as good.
 */
export const MISS_KINDS = ["not_found", "clarify", "unhelpful", "unsure"] as const;
export type MissKind = (typeof MISS_KINDS)[number];

/** The longest question text kept (a long story is cut, its question usually comes last, so the end is kept too). */
export const MAX_MISS_CHARS = 1_000;

/** A question the assistant could not answer well, as the bot reports it. */
export interface MissInput {
  kind: MissKind;
  channel: string;
  text: string;
  candidates: Array<{ code: string; name: string; score: number }>;
}

/**
 * The text as the miss log keeps it: personal data removed exactly as on the public pages (names,
 * phones, ID numbers, addresses, plates …), at most MAX_MISS_CHARS.
 */
export function missText(text: string): string {
  const redacted = redactForPublic(text.normalize("NFC").replace(/\s+/g, " ").trim());
  if (redacted.length <= MAX_MISS_CHARS) return redacted;
  const half = MAX_MISS_CHARS / 2 - 1;
  return `${redacted.slice(0, half)} … ${redacted.slice(-half)}`;
}

/** Logs a miss without the sender's identity and returns its id. */
export async function recordMiss(deps: { db: Db; now?: () => Date }, input: MissInput): Promise<number> {
  const [row] = await deps.db
    .insert(kbMisses)
    .values({
      kind: input.kind,
      channel: input.channel,
      text: missText(input.text),
      candidates: input.candidates.slice(0, 5),
      createdAt: deps.now?.() ?? new Date(),
    })
    .returning({ id: kbMisses.id });
  return (row as { id: number }).id;
}

/** Records which candidate the citizen picked after a choice was offered (a hint for the editor). */
export async function recordChoice(db: Db, input: { missId: number; code: string }): Promise<void> {
  await db
    .update(kbMisses)
    .set({ chosenCode: input.code })
    .where(and(eq(kbMisses.id, input.missId), isNull(kbMisses.chosenCode)));
}

/**
 * Keeps where to tell a citizen who asked to hear when their question is answered: the only link
 * between the miss log and a person, made only at their request. Asking twice is one follower.
 */
export async function followMiss(
  deps: { db: Db; now?: () => Date },
  input: { missId: number; channel: string; conversation: string },
): Promise<boolean> {
  const [miss] = await deps.db
    .select({ id: kbMisses.id, lessonId: kbMisses.lessonId })
    .from(kbMisses)
    .where(eq(kbMisses.id, input.missId));
  if (!miss) return false;
  await deps.db
    .insert(kbFollowers)
    .values({ ...input, createdAt: deps.now?.() ?? new Date() })
    .onConflictDoNothing();
  return true;
}

/** "Đúng ý tôi" / "Chưa đúng" on an answer about a procedure. */
export async function recordVote(
  deps: { db: Db; now?: () => Date },
  input: { code: string; helpful: boolean },
): Promise<void> {
  await deps.db
    .insert(kbVotes)
    .values({ procedureCode: input.code, helpful: input.helpful, createdAt: deps.now?.() ?? new Date() });
}
