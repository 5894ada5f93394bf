import { and, desc, eq } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { pakn, paknEvents } from "../db/schema.js";
import { MAX_CONTENT_CHARS } from "./pakn-input-rules.js";
import { sentBy, transitionPakn } from "./pakn-repo.js";
import type { PaknSender } from "./track-pakn.js";

/** A PAKN of the sender that an officer returned for more information, with what the officer asked. */
export interface PendingSupplement {
  code: string;
  /** The officer's question (the note of the move to "returned"). */
  question: string | null;
  returnedAt: Date;
}

/** What sending a supplement did: recorded (the PAKN goes back to its officer), or why not. */
export type SupplementOutcome =
  | { kind: "supplemented"; code: string }
  | { kind: "not_waiting" }
  | { kind: "too_short" }
  | { kind: "too_long" };

/** Fewest characters of a supplement (an address, a date, a parcel number is enough). */
export const MIN_SUPPLEMENT_CHARS = 3;

/**
 * The sender's PAKN waiting for their supplement, the most recently returned first; `code` picks
 * one. Only the channel identity that sent a PAKN ever finds it.
 */
export async function findPendingSupplement(
  deps: { db: Db },
  input: { sender: PaknSender; code?: string },
): Promise<PendingSupplement | undefined> {
  const own = and(
    sentBy(input.sender),
    eq(pakn.status, "returned"),
    input.code ? eq(pakn.code, input.code) : undefined,
  );
  const [row] = await deps.db
    .select({ code: pakn.code, question: paknEvents.note, returnedAt: paknEvents.createdAt })
    .from(pakn)
    .innerJoin(paknEvents, and(eq(paknEvents.paknId, pakn.id), eq(paknEvents.toStatus, "returned")))
    .where(own)
    .orderBy(desc(paknEvents.id))
    .limit(1);
  return row;
}

/**
 * Records what the citizen sent in answer to an officer's request for more information: the PAKN
 * goes back to "in progress" (its deadline clock runs again) with the text as the event's note,
 * and its officers see it in the history. Nothing happens unless the PAKN waits for this sender.
 */
export async function supplementPakn(
  deps: { db: Db },
  input: { sender: PaknSender; code?: string; text: string },
): Promise<SupplementOutcome> {
  const text = input.text.normalize("NFC").trim();
  if (text.length < MIN_SUPPLEMENT_CHARS) return { kind: "too_short" };
  if (text.length > MAX_CONTENT_CHARS) return { kind: "too_long" };
  const [row] = await deps.db
    .select({ id: pakn.id, code: pakn.code })
    .from(pakn)
    .where(
      and(
        sentBy(input.sender),
        eq(pakn.status, "returned"),
        input.code ? eq(pakn.code, input.code) : undefined,
      ),
    )
    .orderBy(desc(pakn.updatedAt))
    .limit(1);
  if (!row) return { kind: "not_waiting" };
  try {
    await transitionPakn(deps.db, {
      paknId: row.id,
      to: "in_progress",
      actor: `citizen:${input.sender.channel}`,
      note: text,
      data: { supplement: true },
    });
  } catch (err) {
    // Moved meanwhile (an officer closed it, or a twin message got there first).
    if ((err as { code?: string }).code === "conflict") return { kind: "not_waiting" };
    throw err;
  }
  return { kind: "supplemented", code: row.code };
}
