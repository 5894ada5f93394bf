import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../db/client.js";
import { auditLog, deliveryAttempts, outbox } from "../../../db/schema.js";
import { requestResend } from "../../../feedback/citizen-delivery/request-resend.js";
import { createPakn, paknHistory, transitionPakn } from "../../../feedback/pakn-repo.js";
import { QUEUES } from "../../../feedback/queue-names.js";
import { AppError } from "../../../lib/errors.js";
import { seedNotification } from "../../helpers/citizen-deliveries.js";
import { seedOfficer } from "../../helpers/console-work.js";
import { createTestDatabase, DRIVERS } from "../../helpers/databases.js";
import { confirmedPakn } from "../../helpers/pakn.js";
import { TEST_NOW } from "../../helpers/test-clock.js";

/** The error code a promise was rejected with. */
async function codeOf(promise: Promise<unknown>): Promise<string> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  return err instanceof AppError ? err.code : `not an AppError: ${String(err)}`;
}

describe.each(DRIVERS)("an officer asks to tell the citizen again, on %s", (driver) => {
  let database: Database;
  let dispose: () => Promise<void>;
  let officerId: number;
  const clock = { now: TEST_NOW };
  const deps = () => ({ db: database.db, now: () => clock.now });

  beforeAll(async () => {
    ({ database, dispose } = await createTestDatabase(driver));
    officerId = (await seedOfficer(database.db, "officer", "so-xay-dung")).id;
  });
  afterAll(() => dispose());

  /** A PAKN (Telegram unless said) with a waiting citizen notification of its assignment. */
  async function waitingPakn(inbound: string, channel = "telegram") {
    const db = database.db;
    const { row } = await createPakn(db, confirmedPakn(inbound, { channel }));
    const { event } = await transitionPakn(db, {
      paknId: row.id,
      to: "classified",
      actor: "system:test",
      at: TEST_NOW,
      set: { field: "Giao thông" },
    });
    const notificationId = await seedNotification(db, {
      eventId: event.id,
      status: "waiting",
      reason: "window_closed",
    });
    return { item: row, eventId: event.id, notificationId };
  }

  it("records the attempt, one outbox job with its deterministic id and the audit entry, in one go", async () => {
    const db = database.db;
    const { item, notificationId } = await waitingPakn("resend-1");
    clock.now = new Date(TEST_NOW.getTime() + 3_600_000);
    const { attemptId } = await requestResend(deps(), {
      paknId: item.id,
      notificationId,
      route: "channel",
      officerId,
      ip: "10.0.0.9",
    });
    const [attempt] = await db.select().from(deliveryAttempts).where(eq(deliveryAttempts.id, attemptId));
    expect(attempt).toMatchObject({
      notificationId,
      route: "telegram",
      outcome: "requested",
      reason: null,
      actor: `officer:${officerId}`,
      createdAt: clock.now,
      finishedAt: null,
    });
    const jobs = await db
      .select()
      .from(outbox)
      .where(eq(outbox.jobId, `resend-${attemptId}`));
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ queue: QUEUES.notify, payload: { attemptId }, relayedAt: null });
    const audits = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "pakn.resend_notification"), eq(auditLog.targetId, item.code)));
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      officerId,
      targetType: "pakn",
      data: { notificationId, route: "telegram" },
      ip: "10.0.0.9",
    });
    expect(JSON.stringify(audits[0]?.data)).not.toContain(item.contactPhone);
  });

  it("refuses a second request while one is requested or sending, and allows one after it ended", async () => {
    const db = database.db;
    const { item, notificationId } = await waitingPakn("resend-2");
    const first = await requestResend(deps(), {
      paknId: item.id,
      notificationId,
      route: "channel",
      officerId,
    });
    const again = { paknId: item.id, notificationId, officerId };
    expect(await codeOf(requestResend(deps(), { ...again, route: "channel" }))).toBe("conflict");
    await db
      .update(deliveryAttempts)
      .set({ outcome: "sending" })
      .where(eq(deliveryAttempts.id, first.attemptId));
    expect(await codeOf(requestResend(deps(), { ...again, route: "zns" }))).toBe("conflict");
    await db
      .update(deliveryAttempts)
      .set({ outcome: "failed", reason: "window_closed", finishedAt: clock.now })
      .where(eq(deliveryAttempts.id, first.attemptId));
    const second = await requestResend(deps(), { ...again, route: "zns" });
    const [attempt] = await db
      .select()
      .from(deliveryAttempts)
      .where(eq(deliveryAttempts.id, second.attemptId));
    expect(attempt?.route).toBe("zns");
    const attempts = await db
      .select()
      .from(deliveryAttempts)
      .where(eq(deliveryAttempts.notificationId, notificationId));
    expect(attempts).toHaveLength(2);
    const audits = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "pakn.resend_notification"), eq(auditLog.targetId, item.code)));
    expect(audits).toHaveLength(2);
  });

  it("lets only one of two simultaneous requests through", async () => {
    const { item, notificationId } = await waitingPakn("resend-6");
    const ask = () => requestResend(deps(), { paknId: item.id, notificationId, route: "channel", officerId });
    const results = await Promise.allSettled([ask(), ask(), ask()]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results)
      if (r.status === "rejected") expect(r.reason).toMatchObject({ code: "conflict" });
    const attempts = await database.db
      .select()
      .from(deliveryAttempts)
      .where(eq(deliveryAttempts.notificationId, notificationId));
    expect(attempts).toHaveLength(1);
  });

  it("finds nothing for another PAKN's, an officers', a skipped or an unknown notification, and writes nothing", async () => {
    const db = database.db;
    const mine = await waitingPakn("resend-3");
    const other = await waitingPakn("resend-4");
    const agency = await seedNotification(db, { eventId: mine.eventId, audience: "agency", status: "sent" });
    const [first] = await paknHistory(db, mine.item.id);
    const skipped = await seedNotification(db, { eventId: first?.id ?? 0, status: "skipped" });
    const ask = (notificationId: number, paknId = mine.item.id) =>
      codeOf(requestResend(deps(), { paknId, notificationId, route: "channel", officerId }));
    expect(await ask(other.notificationId)).toBe("not_found");
    expect(await ask(mine.notificationId, other.item.id)).toBe("not_found");
    expect(await ask(agency)).toBe("not_found");
    expect(await ask(skipped)).toBe("not_found");
    expect(await ask(987_654_321)).toBe("not_found");
    expect(await ask(Number.MAX_SAFE_INTEGER + 2)).toBe("not_found");
    const written = await db
      .select()
      .from(deliveryAttempts)
      .where(eq(deliveryAttempts.notificationId, mine.notificationId));
    expect(written).toHaveLength(0);
  });

  it("refuses the channel route when the citizen's channel cannot be written to, but not ZNS", async () => {
    const { item, notificationId } = await waitingPakn("resend-5", "open311");
    expect(
      await codeOf(requestResend(deps(), { paknId: item.id, notificationId, route: "channel", officerId })),
    ).toBe("bad_request");
    const { attemptId } = await requestResend(deps(), {
      paknId: item.id,
      notificationId,
      route: "zns",
      officerId,
    });
    expect(attemptId).toBeGreaterThan(0);
  });
});
