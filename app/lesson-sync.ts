import type { Logger } from "pino";
import type { Db } from "../db/client.js";
import { lessonsStamp, loadLessons } from "../feedback/learning/lesson-repo.js";
import { loadReviewing } from "../feedback/learning/procedure-review.js";
import type { KnowledgeBase } from "../knowledge/decision-types.js";

/** How often a process looks for editors' new lessons (they answer everywhere within this, plus a reload). */
export const LESSON_POLL_MS = 10_000;

/** A running lesson sync: `refresh` reloads at once (after an edit in this process). */
export interface LessonSync {
  refresh(): Promise<void>;
  stop(): void;
}

/**
 * Keeps the knowledge base's lessons and its procedures under review in step with the database: loads them at start, then polls a
 * cheap fingerprint and reloads when an editor changed something, so every process answers with
 * an edit within a poll interval and without a restart. A failed poll is logged and retried.
 */
export async function startLessonSync(deps: {
  db: Db;
  kb: KnowledgeBase;
  logger: Logger;
  intervalMs?: number;
}): Promise<LessonSync> {
  let stamp = "";
  let running: Promise<void> | undefined;
  const sync = async (force: boolean) => {
    const next = await lessonsStamp(deps.db);
    if (!force && next === stamp) return;
    const [lessons, reviewing] = await Promise.all([loadLessons(deps.db), loadReviewing(deps.db)]);
    deps.kb.setLessons(lessons);
    deps.kb.setReviewing(reviewing);
    stamp = next;
    deps.logger.info({ lessons: lessons.length, reviewing: reviewing.size }, "editors' lessons loaded");
  };
  const once = (force: boolean) => {
    running ??= sync(force).finally(() => {
      running = undefined;
    });
    return running;
  };
  await once(true).catch((err) => deps.logger.warn({ err }, "could not load the editors' lessons"));
  const timer = setInterval(() => {
    once(false).catch((err) => deps.logger.warn({ err }, "could not refresh the editors' lessons"));
  }, deps.intervalMs ?? LESSON_POLL_MS);
  timer.unref();
  return {
    refresh: () => once(true),
    stop: () => clearInterval(timer),
  };
}
