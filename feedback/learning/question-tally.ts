import { and, gte, sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { kbQuestionDays } from "../../db/schema.js";
import { toLocalDate } from "../working-calendar.js";

/** Counts one question asked of the knowledge base on its Viet Nam calendar day, and whether it was answered. */
export async function countQuestion(
  deps: { db: Db; now?: () => Date },
  input: { channel: string; answered: boolean },
): Promise<void> {
  const day = toLocalDate(deps.now?.() ?? new Date());
  const answered = input.answered ? 1 : 0;
  await deps.db
    .insert(kbQuestionDays)
    .values({ day, channel: input.channel, asked: 1, answered })
    .onConflictDoUpdate({
      target: [kbQuestionDays.day, kbQuestionDays.channel],
      set: {
        asked: sql`${kbQuestionDays.asked} + 1`,
        answered: sql`${kbQuestionDays.answered} + ${answered}`,
      },
    });
}

/**
 * Questions asked and answered per week, this week (the 7 days ending today, Viet Nam time) first,
 * for `weeks` weeks: the share the editors' work should raise.
 */
export async function questionsPerWeek(
  db: Db,
  input: { now: Date; weeks: number },
): Promise<Array<{ asked: number; answered: number }>> {
  const today = toLocalDate(input.now);
  const dayMs = 24 * 3600 * 1000;
  const first = toLocalDate(new Date(input.now.getTime() - (input.weeks * 7 - 1) * dayMs));
  const rows = await db
    .select({ day: kbQuestionDays.day, asked: kbQuestionDays.asked, answered: kbQuestionDays.answered })
    .from(kbQuestionDays)
    .where(and(gte(kbQuestionDays.day, first), sql`${kbQuestionDays.day} <= ${today}`));
  const out = Array.from({ length: input.weeks }, () => ({ asked: 0, answered: 0 }));
  const todayMs = Date.parse(`${today}T00:00:00Z`);
  for (const r of rows) {
    const ago = Math.round((todayMs - Date.parse(`${r.day}T00:00:00Z`)) / dayMs);
    const week = out[Math.floor(ago / 7)];
    if (!week) continue;
    week.asked += r.asked;
    week.answered += r.answered;
  }
  return out;
}
