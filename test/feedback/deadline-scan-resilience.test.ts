import { eq, inArray } from "drizzle-orm";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client.js";
import { pakn, paknEvents, paknReminders } from "../../db/schema.js";
import { scanDeadlines } from "../../feedback/deadline-scan.js";
import { loadWorkingCalendar } from "../../feedback/holidays-file.js";
import { createPakn, transitionPakn } from "../../feedback/pakn-repo.js";
import { createTestDatabase, DRIVERS } from "../helpers/databases.js";
import { receivedPakn } from "../helpers/pakn.js";

const at = (iso: string) => new Date(iso);
const RECEIVED = at("2026-11-02T09:00:00+07:00");
// Ten working days from Monday 2 November end on Monday 16 November: every point is due by now.
const NOW = at("2026-11-20T10:00:00+07:00");
const ALL_POINTS = ["due", "eighty", "half", "overdue"];

const received = (id: string) => receivedPakn(id, RECEIVED);

describe.each(DRIVERS)("deadline scan with odd rows on %s", (driver) => {
  let database: Database;
  let dispose: () => Promise<void>;
  const calendar = loadWorkingCalendar();

  beforeAll(async () => {
    ({ database, dispose } = await createTestDatabase(driver));
  });
  afterAll(() => dispose());

  const pointsOf = async (paknId: number) =>
    (await database.db.select().from(paknReminders).where(eq(paknReminders.paknId, paknId)))
      .map((p) => p.point)
      .sort();

  it("treats a pause stamped by a clock a little ahead as starting now, and skips a corrupt PAKN with a log line", async () => {
    const db = database.db;
    // Returned by a process whose clock runs 3 s ahead of the scanning worker's.
    const skewed = (await createPakn(db, received("skewed-open"))).row;
    await transitionPakn(db, { paknId: skewed.id, to: "assigned", actor: "system", at: RECEIVED });
    await transitionPakn(db, {
      paknId: skewed.id,
      to: "returned",
      actor: "officer:1",
      note: "Số thửa?",
      at: new Date(NOW.getTime() + 3_000),
    });
    // Returned by a process 2 s ahead, resumed a second later by one that is behind.
    const crossed = (await createPakn(db, received("skewed-closed"))).row;
    await transitionPakn(db, { paknId: crossed.id, to: "assigned", actor: "system", at: RECEIVED });
    const returnedAt = at("2026-11-05T09:00:02+07:00");
    await transitionPakn(db, {
      paknId: crossed.id,
      to: "returned",
      actor: "officer:1",
      note: "?",
      at: returnedAt,
    });
    await transitionPakn(db, {
      paknId: crossed.id,
      to: "in_progress",
      actor: "citizen:telegram",
      note: "Thửa 12",
      at: at("2026-11-05T09:00:01+07:00"),
    });
    // A corrupt history written straight into the database: resumed days before it was returned.
    const corrupt = (await createPakn(db, received("corrupt"))).row;
    await db.insert(paknEvents).values([
      {
        paknId: corrupt.id,
        fromStatus: "assigned",
        toStatus: "returned",
        actor: "x",
        createdAt: at("2026-11-10T09:00:00+07:00"),
      },
      {
        paknId: corrupt.id,
        fromStatus: "returned",
        toStatus: "in_progress",
        actor: "x",
        createdAt: at("2026-11-04T09:00:00+07:00"),
      },
    ]);
    await db.update(pakn).set({ status: "in_progress" }).where(eq(pakn.id, corrupt.id));
    // Somebody else's PAKN, after the corrupt one in the scan's order.
    const healthy = (await createPakn(db, received("healthy"))).row;

    const lines: string[] = [];
    const logger = pino({ level: "info" }, { write: (line: string) => lines.push(line) });
    const result = await scanDeadlines({ db, calendar, now: () => NOW, logger });

    expect(result.scanned).toBe(4);
    expect(await pointsOf(healthy.id)).toEqual(ALL_POINTS);
    // The 2 s crossing counts as a pause of no working day; the 3 s one as a pause that starts now.
    expect(await pointsOf(crossed.id)).toEqual(ALL_POINTS);
    expect(await pointsOf(skewed.id)).toEqual(ALL_POINTS);
    expect(await pointsOf(corrupt.id)).toEqual([]);
    const warnings = lines.map((l) => JSON.parse(l)).filter((l) => l.level === 40);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ paknId: corrupt.id });
    expect(lines.join("\n")).not.toMatch(/0912345678|Nguyễn|Thôn 3/);

    // The corrupt PAKN is not retried (nor logged) every minute; the others are not bothered either.
    const again = await scanDeadlines({ db, calendar, now: () => new Date(NOW.getTime() + 60_000), logger });
    expect(again).toMatchObject({ scanned: 0, reminders: 0 });
    const stored = await db
      .select({ id: pakn.id, answerDueAt: pakn.answerDueAt })
      .from(pakn)
      .where(inArray(pakn.id, [healthy.id, corrupt.id]));
    const due = new Map(stored.map((r) => [r.id, r.answerDueAt.toISOString()]));
    expect(due.get(healthy.id)).toBe(at("2026-11-16T23:59:59.999+07:00").toISOString());
    expect(due.get(corrupt.id)).toBe(RECEIVED.toISOString());
  });
});
