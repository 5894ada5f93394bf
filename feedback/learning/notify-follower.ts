import { eq } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { claimDelivery, sendClaimed, skipDelivery } from "../../db/notification-claims.js";
import { kbFollowers, kbLessons, kbMisses } from "../../db/schema.js";
import { composeEarlierQuestionNote, composeFaqAnswer } from "../../knowledge/compose/compose-learned.js";
import { type ComposedMessage, composeAnswer, composeOutOfScope } from "../../knowledge/compose/index.js";
import type { Procedure } from "../../knowledge/procedure.js";
import type { NotifyOutcome, PushMessage } from "../notify-citizen.js";

/** How long a send in progress keeps its claim before another job may take it over. */
const CLAIM_LEASE_MS = 30_000;

/** What telling a follower needs: the database, a push on the channel they used, the procedures. */
export interface NotifyFollowerDeps {
  db: Db;
  push: PushMessage;
  procedureOf: (code: string) => Procedure | undefined;
  claimLeaseMs?: number;
}

/** The replies that tell a follower their earlier question now has an answer; none for noise. */
function repliesFor(
  lesson: typeof kbLessons.$inferSelect,
  question: string,
  procedureOf: (code: string) => Procedure | undefined,
): ComposedMessage[] | undefined {
  const note = composeEarlierQuestionNote(question);
  if (lesson.kind === "faq" && lesson.answer)
    return [note, composeFaqAnswer({ answer: lesson.answer, source: lesson.source ?? undefined })];
  if (lesson.kind === "elsewhere" && lesson.answer)
    return [note, composeOutOfScope({ elsewhere: lesson.answer })];
  const procedure =
    lesson.kind === "link" && lesson.procedureCode ? procedureOf(lesson.procedureCode) : undefined;
  if (!procedure) return undefined;
  return [note, ...composeAnswer(procedure, [])];
}

/**
 * Tells one citizen who asked to hear, on the channel they used, that the question they asked is
 * now answered, and how: once, whatever the retries (a ledger row per follower is claimed before the
 * push, like PAKN notifications).
 */
export async function notifyFollower(
  deps: NotifyFollowerDeps,
  input: { followerId: number },
): Promise<NotifyOutcome> {
  const [found] = await deps.db
    .select({ follower: kbFollowers, miss: kbMisses, lesson: kbLessons })
    .from(kbFollowers)
    .innerJoin(kbMisses, eq(kbMisses.id, kbFollowers.missId))
    .innerJoin(kbLessons, eq(kbLessons.id, kbMisses.lessonId))
    .where(eq(kbFollowers.id, input.followerId));
  if (!found) return "missing";
  const replies = repliesFor(found.lesson, found.miss.text, deps.procedureOf);
  const delivery = { ledger: "lessons" as const, key: input.followerId, audience: "citizen" };
  if (!replies) {
    // Nothing to tell (the linked procedure was since removed): recorded, so nothing rebuilds it.
    await skipDelivery(deps.db, delivery);
    return "skipped";
  }
  const claim = await claimDelivery(deps.db, delivery, deps.claimLeaseMs ?? CLAIM_LEASE_MS);
  if (claim !== "claimed") return claim;
  return sendClaimed(deps.db, delivery, () =>
    deps.push(found.follower.channel, found.follower.conversation, replies),
  );
}
