import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../db/client.js";
import { createPakn, transitionPakn } from "../../../feedback/pakn-repo.js";
import { publicStats } from "../../../feedback/public/public-stats.js";
import { createTestDatabase, DRIVERS } from "../../helpers/databases.js";
import { confirmedPakn } from "../../helpers/pakn.js";
import { seedPublicPakn } from "../../helpers/published-pakn.js";

const at = (iso: string) => new Date(`${iso}+07:00`);
const now = at("2026-06-15T10:00:00");

describe.each(DRIVERS)("public statistics on %s", (driver) => {
  let database: Database;
  let dispose: () => Promise<void>;

  async function closed(to: "merged" | "rejected", receivedAt: Date) {
    const { row } = await createPakn(
      database.db,
      confirmedPakn(`closed-${randomBytes(4).toString("hex")}`, {
        receivedAt,
        answerDueAt: new Date(receivedAt.getTime() + 15 * 86_400_000),
      }),
    );
    await transitionPakn(database.db, {
      paknId: row.id,
      to,
      actor: "system:test",
      note: "Trùng nội dung",
      set: { agencyId: "so-nn-mt", ...(to === "merged" ? { mergedInto: "PAKN.20260101.0001" } : {}) },
    });
  }

  beforeAll(async () => {
    ({ database, dispose } = await createTestDatabase(driver));
    const db = database.db;
    const xd = { agencyId: "so-xay-dung" };
    // Sở Xây dựng, March: on time (rated 5), late (rated 2), overdue and still open.
    await seedPublicPakn(db, {
      ...xd,
      receivedAt: at("2026-03-02T09:00:00"),
      answerDueAt: at("2026-03-20T23:59:59.999"),
      answeredAt: at("2026-03-10T09:00:00"),
      rating: 5,
    });
    await seedPublicPakn(db, {
      ...xd,
      receivedAt: at("2026-03-03T09:00:00"),
      answerDueAt: at("2026-03-21T23:59:59.999"),
      answeredAt: at("2026-03-25T09:00:00"),
      rating: 2,
    });
    await seedPublicPakn(db, {
      ...xd,
      stage: "open",
      receivedAt: at("2026-03-04T09:00:00"),
      answerDueAt: at("2026-03-22T23:59:59.999"),
    });
    // April (06:00 on 1 April in Viet Nam is still 31 March in UTC): a draft answered on time.
    await seedPublicPakn(db, {
      ...xd,
      stage: "answered",
      receivedAt: at("2026-04-01T06:00:00"),
      answerDueAt: at("2026-04-20T23:59:59.999"),
      answeredAt: at("2026-04-05T09:00:00"),
    });
    // June: open, its deadline still ahead.
    await seedPublicPakn(db, {
      ...xd,
      stage: "open",
      receivedAt: at("2026-06-01T09:00:00"),
      answerDueAt: at("2026-06-25T23:59:59.999"),
    });
    // Sở Nông nghiệp và Môi trường, April: answered on its last day (rated 4), a duplicate merged, one refused.
    await seedPublicPakn(db, {
      agencyId: "so-nn-mt",
      field: "Đất đai",
      receivedAt: at("2026-04-02T09:00:00"),
      answerDueAt: at("2026-04-22T23:59:59.999"),
      answeredAt: at("2026-04-22T16:00:00"),
      rating: 4,
    });
    await closed("merged", at("2026-04-03T09:00:00"));
    await closed("rejected", at("2026-04-04T09:00:00"));
    // Not yet assigned, May, overdue.
    await createPakn(
      db,
      confirmedPakn("stats-unassigned", {
        receivedAt: at("2026-05-01T09:00:00"),
        answerDueAt: at("2026-05-20T23:59:59.999"),
      }),
    );
  });
  afterAll(() => dispose());

  it("counts received, answered, on time, due and overdue per agency, with rates and ratings", async () => {
    const stats = await publicStats({ db: database.db, now: () => now });
    const byAgency = Object.fromEntries(stats.byAgency.map((a) => [a.agencyId ?? "none", a]));
    expect(byAgency["so-xay-dung"]).toMatchObject({
      received: 5,
      answered: 3,
      onTime: 2,
      due: 4,
      overdueOpen: 1,
      onTimeRate: 0.5,
      ratingCount: 2,
      averageRating: 3.5,
    });
    expect(byAgency["so-nn-mt"]).toMatchObject({
      received: 2,
      answered: 1,
      onTime: 1,
      due: 1,
      overdueOpen: 0,
      onTimeRate: 1,
      ratingCount: 1,
      averageRating: 4,
    });
    expect(byAgency.none).toMatchObject({ received: 1, answered: 0, due: 1, overdueOpen: 1, onTimeRate: 0 });
    expect(byAgency.none?.averageRating).toBeNull();
    expect(stats.total).toMatchObject({
      received: 8,
      answered: 4,
      onTime: 3,
      due: 6,
      overdueOpen: 2,
      onTimeRate: 0.5,
    });
    expect(stats.total.averageRating).toBeCloseTo(11 / 3);
  });

  it("counts per month of receipt on Viet Nam's calendar, every month of the span present", async () => {
    const stats = await publicStats({ db: database.db, now: () => now });
    expect(stats.fromMonth).toBe("2025-07");
    expect(stats.toMonth).toBe("2026-06");
    expect(stats.byMonth).toHaveLength(12);
    const m = Object.fromEntries(stats.byMonth.map((x) => [x.month, x]));
    expect(m["2026-03"]).toMatchObject({ received: 3, answered: 2, onTime: 1, due: 3, overdueOpen: 1 });
    expect(m["2026-04"]).toMatchObject({ received: 3, answered: 2, onTime: 2, due: 2, onTimeRate: 1 });
    expect(m["2026-05"]).toMatchObject({ received: 1, due: 1, overdueOpen: 1, onTimeRate: 0 });
    expect(m["2026-06"]).toMatchObject({ received: 1, due: 0, onTimeRate: null });
    expect(m["2025-12"]).toMatchObject({ received: 0, onTimeRate: null });
  });

  it("narrows to a chosen span of months (given either way round)", async () => {
    const stats = await publicStats(
      { db: database.db, now: () => now },
      { fromMonth: "2026-04", toMonth: "2026-04" },
    );
    expect(stats.byMonth.map((x) => x.month)).toEqual(["2026-04"]);
    expect(stats.total).toMatchObject({ received: 3, answered: 2, onTime: 2, due: 2 });
    const reversed = await publicStats(
      { db: database.db, now: () => now },
      { fromMonth: "2026-05", toMonth: "2026-03" },
    );
    expect(reversed.byMonth.map((x) => x.month)).toEqual(["2026-03", "2026-04", "2026-05"]);
  });
});
