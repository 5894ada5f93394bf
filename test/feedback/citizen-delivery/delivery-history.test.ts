import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../db/client.js";
import { citizenDeliveries, untoldPaknIds } from "../../../feedback/citizen-delivery/delivery-history.js";
import { createPakn, type PaknEventRow, paknHistory, transitionPakn } from "../../../feedback/pakn-repo.js";
import { seedAttempt, seedNotification } from "../../helpers/citizen-deliveries.js";
import { seedOfficer } from "../../helpers/console-work.js";
import { createTestDatabase, DRIVERS } from "../../helpers/databases.js";
import { confirmedPakn } from "../../helpers/pakn.js";
import { TEST_NOW } from "../../helpers/test-clock.js";

const minutes = (n: number) => new Date(TEST_NOW.getTime() + n * 60_000);

describe.each(DRIVERS)("how a PAKN's steps reached the citizen, on %s", (driver) => {
  let database: Database;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ database, dispose } = await createTestDatabase(driver));
  });
  afterAll(() => dispose());

  /** A PAKN moved to in_progress and then given a draft answer; its events in order. */
  async function pakn(inbound: string): Promise<{ id: number; events: PaknEventRow[] }> {
    const db = database.db;
    const { row } = await createPakn(db, confirmedPakn(inbound));
    const go = (to: Parameters<typeof transitionPakn>[1]["to"], at: number, set = {}) =>
      transitionPakn(db, { paknId: row.id, to, actor: "system:test", at: minutes(at), set });
    await go("classified", 1, { field: "Giao thông" });
    await go("assigned", 2, { agencyId: "so-xay-dung" });
    await go("in_progress", 3);
    await go("answered", 4, { answer: "Đã cho sửa đoạn đường." });
    return { id: row.id, events: await paknHistory(db, row.id) };
  }

  it("lists each told step in event order with its tries, leaving out skipped and officers' notifications", async () => {
    const db = database.db;
    const officer = await seedOfficer(db, "officer", "so-xay-dung", "Trần Thị Bình");
    const { id, events } = await pakn("history-1");
    const [received, , assigned, started, answered] = events;
    if (!received || !assigned || !started || !answered) throw new Error("events missing");
    // Stored out of event order on purpose: the list follows the events.
    const waiting = await seedNotification(db, {
      eventId: assigned.id,
      status: "waiting",
      reason: "window_closed",
    });
    const sent = await seedNotification(db, {
      eventId: received.id,
      status: "sent",
      route: "telegram",
      toldAt: minutes(10),
    });
    await seedNotification(db, { eventId: answered.id, status: "skipped" });
    await seedNotification(db, { eventId: assigned.id, audience: "agency", status: "sent" });
    const byZns = await seedNotification(db, {
      eventId: started.id,
      status: "sent",
      route: "zns",
      toldAt: minutes(30),
    });
    const failed = await seedAttempt(db, {
      notificationId: waiting,
      route: "telegram",
      outcome: "failed",
      reason: "window_closed",
      createdAt: minutes(20),
      finishedAt: minutes(21),
    });
    const asked = await seedAttempt(db, {
      notificationId: waiting,
      route: "zns",
      outcome: "requested",
      actor: `officer:${officer.id}`,
      createdAt: minutes(40),
    });
    const other = await pakn("history-2");
    await seedNotification(db, { eventId: other.events[0]?.id ?? 0, status: "waiting", reason: "blocked" });

    const list = await citizenDeliveries({ db }, { paknId: id });
    expect(list.map((d) => d.notificationId)).toEqual([sent, waiting, byZns]);
    expect(list[0]).toEqual({
      notificationId: sent,
      eventId: received.id,
      step: "received",
      stepAt: received.createdAt,
      status: "sent",
      route: "telegram",
      reason: null,
      toldAt: minutes(10),
      attempts: [],
    });
    expect(list[1]).toMatchObject({
      step: "assigned",
      stepAt: minutes(2),
      status: "waiting",
      reason: "window_closed",
    });
    expect(list[1]?.attempts).toEqual([
      {
        id: failed,
        route: "telegram",
        outcome: "failed",
        reason: "window_closed",
        actor: "system",
        officerName: null,
        createdAt: minutes(20),
        finishedAt: minutes(21),
      },
      {
        id: asked,
        route: "zns",
        outcome: "requested",
        reason: null,
        actor: `officer:${officer.id}`,
        officerName: "Trần Thị Bình",
        createdAt: minutes(40),
        finishedAt: null,
      },
    ]);
    expect(list[2]).toMatchObject({ step: "in_progress", route: "zns", toldAt: minutes(30), attempts: [] });

    const untold = await untoldPaknIds({ db }, { paknIds: [id, other.id] });
    expect([...untold].sort()).toEqual([id, other.id].sort());
  });

  it("gives nothing for a PAKN without citizen notifications, and marks only those with an untold step", async () => {
    const db = database.db;
    const quiet = await pakn("history-3");
    const told = await pakn("history-4");
    await seedNotification(db, {
      eventId: told.events[0]?.id ?? 0,
      status: "sent",
      route: "zalo",
      toldAt: minutes(5),
    });
    const lost = await pakn("history-5");
    await seedNotification(db, { eventId: lost.events[1]?.id ?? 0, status: "unreachable" });
    expect(await citizenDeliveries({ db }, { paknId: quiet.id })).toEqual([]);
    const untold = await untoldPaknIds({ db }, { paknIds: [quiet.id, told.id, lost.id] });
    expect([...untold]).toEqual([lost.id]);
    expect((await untoldPaknIds({ db }, { paknIds: [] })).size).toBe(0);
  });
});
