import { eq } from "drizzle-orm";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database, Db } from "../../db/client.js";
import { pakn, paknReminders } from "../../db/schema.js";
import { loadWorkingCalendar } from "../../feedback/holidays-file.js";
import { createPakn } from "../../feedback/pakn-repo.js";
import { startDeadlineScan } from "../../workers/deadline-scan.js";
import { createTestDatabase } from "../helpers/databases.js";
import { receivedPakn } from "../helpers/pakn.js";

const RECEIVED = new Date("2026-11-02T09:00:00+07:00");
// Ten working days from Monday 2 November end on Monday 16 November: every point is due by now.
const NOW = new Date("2026-11-20T10:00:00+07:00");

const capture = () => {
  const lines: Array<Record<string, unknown>> = [];
  const logger = pino({ level: "info" }, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { lines, logger };
};

describe("the deadline scan's timer", () => {
  let database: Database;
  let dispose: () => Promise<void>;
  const calendar = loadWorkingCalendar();

  beforeAll(async () => {
    ({ database, dispose } = await createTestDatabase("pglite"));
  });
  afterAll(() => dispose());

  it("looks at every open PAKN at start, logs what it raised, and stops after the scan in hand", async () => {
    const db = database.db;
    const { row } = await createPakn(db, receivedPakn("timer-1", RECEIVED));
    // Not due a look for a long while: only the start's scan of everything takes it.
    await db
      .update(pakn)
      .set({ deadlineCheckAt: new Date("2027-01-01T00:00:00Z") })
      .where(eq(pakn.id, row.id));
    const { lines, logger } = capture();
    const scan = startDeadlineScan({ db, calendar, now: () => NOW, logger }, { intervalMs: 3_600_000 });
    await scan.stop();
    const points = await db.select().from(paknReminders).where(eq(paknReminders.paknId, row.id));
    expect(points.map((p) => p.point).sort()).toEqual(["due", "eighty", "half", "overdue"]);
    expect(lines.find((l) => l.msg === "deadline scan")).toMatchObject({ reminders: 4, dueDatesMoved: 1 });
  });

  it("logs a failed scan and lets the next minute try again", async () => {
    const failing = {
      select: () => {
        throw new Error("database gone");
      },
    } as unknown as Db;
    const { lines, logger } = capture();
    const scan = startDeadlineScan(
      { db: failing, calendar, now: () => NOW, logger },
      { intervalMs: 3_600_000 },
    );
    await expect(scan.stop()).resolves.toBeUndefined();
    expect(lines.find((l) => l.level === 40)?.msg).toBe("deadline scan failed; next minute tries again");
  });
});
