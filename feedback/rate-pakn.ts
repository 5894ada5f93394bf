import { and, desc, eq, gte, isNotNull, isNull } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { pakn } from "../db/schema.js";
import { AppError } from "../lib/errors.js";
import { sentBy } from "./pakn-repo.js";
import type { PaknSender } from "./track-pakn.js";

/** What a rating did: recorded, or why not (an unknown code and another sender's code look alike). */
export type RateOutcome =
  | { kind: "rated"; code: string; rating: number }
  | { kind: "not_found" }
  | { kind: "not_published"; code: string };

/** How long after publication a bare typed number is still taken as the answer to the rating question. */
export const TYPED_RATING_WINDOW_DAYS = 7;

function checkRating(rating: number): void {
  if (!Number.isInteger(rating) || rating < 1 || rating > 5)
    throw new AppError("bad_request", "a rating is a whole number from 1 to 5", { rating });
}

/**
 * Records the submitter's satisfaction (1–5) with a published answer; rating again replaces it.
 * Only the channel identity that sent the PAKN may rate it, and only once it is published. The
 * PAKN's state and history do not change: the rating is its own pair of columns.
 */
export async function ratePakn(
  deps: { db: Db; now?: () => Date },
  input: { code: string; sender: PaknSender; rating: number },
): Promise<RateOutcome> {
  checkRating(input.rating);
  const own = and(eq(pakn.code, input.code), sentBy(input.sender));
  const [rated] = await deps.db
    .update(pakn)
    .set({ rating: input.rating, ratedAt: deps.now?.() ?? new Date() })
    .where(and(own, isNotNull(pakn.publishedAt)))
    .returning({ code: pakn.code });
  if (rated) return { kind: "rated", code: rated.code, rating: input.rating };
  const [mine] = await deps.db.select({ code: pakn.code }).from(pakn).where(own);
  return mine ? { kind: "not_published", code: mine.code } : { kind: "not_found" };
}

/**
 * Takes a bare typed number as the rating of the sender's most recently published, not yet rated
 * PAKN (published within the last week); "not_found" when there is none, so the message is
 * handled as usual.
 */
export async function rateLatestPublished(
  deps: { db: Db; now?: () => Date },
  input: { sender: PaknSender; rating: number },
): Promise<RateOutcome> {
  checkRating(input.rating);
  const now = deps.now?.() ?? new Date();
  const since = new Date(now.getTime() - TYPED_RATING_WINDOW_DAYS * 24 * 60 * 60 * 1000);
  const [latest] = await deps.db
    .select({ id: pakn.id, code: pakn.code })
    .from(pakn)
    .where(and(sentBy(input.sender), gte(pakn.publishedAt, since), isNull(pakn.rating)))
    .orderBy(desc(pakn.publishedAt))
    .limit(1);
  if (!latest) return { kind: "not_found" };
  // Still unrated when written: a button press in between is not overwritten.
  const [rated] = await deps.db
    .update(pakn)
    .set({ rating: input.rating, ratedAt: now })
    .where(and(eq(pakn.id, latest.id), isNull(pakn.rating)))
    .returning({ code: pakn.code });
  return rated ? { kind: "rated", code: rated.code, rating: input.rating } : { kind: "not_found" };
}
