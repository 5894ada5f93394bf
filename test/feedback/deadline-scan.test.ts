import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client.js";
import { outbox, paknReminders } from "../../db/schema.js";
import { scanDeadlines } from "../../feedback/deadline-scan.js";
import { loadWorkingCalendar } from "../../feedback/holidays-file.js";
import { createPakn, transitionPakn } from "../../feedback/pakn-repo.js";
import { QUEUES } from "../../feedback/queue-names.js";
import { createTestDatabase, DRIVERS } from "../helpers/databases.js";
import { receivedPakn } from "../helpers/pakn.js";

const at = (iso: string) => new Date(iso);

describe.each(DRIVERS)("deadline scan on %s", (driver) => {
  let database: Database;
  let dispose: () => Promise<void>;
  const calendar = loadWorkingCalendar();

  beforeAll(async () => {
    ({ database, dispose } = await createTestDatabase(driver));
  });
  afterAll(() => dispose());

  it("keeps the due date current and raises each reminder point once, with its job", async () => {
    const { row } = await createPakn(database.db, receivedPakn("late-one", at("2026-11-02T09:00:00+07:00")));
    const fresh = await createPakn(database.db, receivedPakn("fresh-one", at("2026-11-19T09:00:00+07:00")));
    const now = () => at("2026-11-20T10:00:00+07:00");
    const first = await scanDeadlines({ db: database.db, calendar, now });
    expect(first.scanned).toBe(2);
    const points = await database.db.select().from(paknReminders).where(eq(paknReminders.paknId, row.id));
    expect(points.map((p) => p.point).sort()).toEqual(["due", "eighty", "half", "overdue"]);
    const jobs = await database.db.select().from(outbox).where(eq(outbox.queue, QUEUES.remind));
    expect(jobs.map((j) => j.jobId).sort()).toEqual(points.map((p) => `remind-${row.id}-${p.point}`).sort());
    const none = await database.db.select().from(paknReminders).where(eq(paknReminders.paknId, fresh.row.id));
    expect(none).toEqual([]);
    // Ten working days from Monday 2 November end on Monday 16 November.
    expect(first.dueDatesMoved).toBe(2);
    const again = await scanDeadlines({ db: database.db, calendar, now });
    expect(again).toMatchObject({ reminders: 0, dueDatesMoved: 0 });
  });
  it("looks only at the PAKN with something due, again at once after a pause starts, and at all when asked", async () => {
    const start = at("2026-11-23T09:00:00+07:00");
    const scan = (iso: string, all = false) =>
      scanDeadlines({ db: database.db, calendar, now: () => at(iso) }, { all });
    // The other test's PAKN are looked at now, and not again for a day.
    await scan("2026-11-23T14:00:00+07:00");
    const { row } = await createPakn(database.db, receivedPakn("checked-1", start));
    const other = await createPakn(database.db, receivedPakn("checked-2", start));
    // Nothing can be due on the day of receipt; the next morning both are looked at once.
    expect((await scan("2026-11-23T15:00:00+07:00")).scanned).toBe(0);
    expect((await scan("2026-11-24T09:00:00+07:00")).scanned).toBe(2);
    expect((await scan("2026-11-24T09:01:00+07:00")).scanned).toBe(0);
    // Returned to the citizen: its deadlines move, so the next scan takes it.
    const movedAt = at("2026-11-24T09:01:30+07:00");
    await transitionPakn(database.db, { paknId: row.id, to: "assigned", actor: "system", at: movedAt });
    await transitionPakn(database.db, {
      paknId: row.id,
      to: "returned",
      actor: "officer:1",
      note: "Số thửa?",
      at: movedAt,
    });
    expect((await scan("2026-11-24T09:02:00+07:00")).scanned).toBe(1);
    // The half-way point (day 6 of 10 working days) brings the one still running back, once.
    await scan("2026-12-01T09:00:00+07:00");
    const points = await database.db
      .select()
      .from(paknReminders)
      .where(eq(paknReminders.paknId, other.row.id));
    expect(points.map((p) => p.point)).toEqual(["half"]);
    expect((await scan("2026-12-01T09:01:00+07:00")).scanned).toBe(0);
    expect((await scan("2026-12-01T09:02:00+07:00", true)).scanned).toBeGreaterThanOrEqual(4);
  });
});
