import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../db/client.js";
import { countQuestion, questionsPerWeek } from "../../../feedback/learning/question-tally.js";
import { createTestDatabase } from "../../helpers/databases.js";

describe("questions asked and answered per week, on Viet Nam's calendar", () => {
  let database: Database;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ database, dispose } = await createTestDatabase("pglite"));
  });
  afterAll(() => dispose());

  it("counts by the local day (UTC+7) and sums weeks back from today", async () => {
    const at = (iso: string) => ({ db: database.db, now: () => new Date(iso) });
    // 23:30 on 17 November in UTC is already 18 November in Viet Nam: the same day as the next two.
    await countQuestion(at("2026-11-17T17:30:00Z"), { channel: "zalo", answered: true });
    await countQuestion(at("2026-11-18T02:00:00Z"), { channel: "zalo", answered: false });
    await countQuestion(at("2026-11-18T03:00:00Z"), { channel: "web", answered: true });
    // Nine days earlier: the week before.
    await countQuestion(at("2026-11-09T03:00:00Z"), { channel: "telegram", answered: false });
    const weeks = await questionsPerWeek(database.db, { now: new Date("2026-11-18T09:00:00Z"), weeks: 3 });
    expect(weeks).toEqual([
      { asked: 3, answered: 2 },
      { asked: 1, answered: 0 },
      { asked: 0, answered: 0 },
    ]);
  });
});
