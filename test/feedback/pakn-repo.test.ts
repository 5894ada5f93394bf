import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client.js";
import { outbox, paknCodeCounters } from "../../db/schema.js";
import {
  createPakn,
  findPaknByCode,
  listPaknBySender,
  type NewPakn,
  paknHistory,
  transitionPakn,
} from "../../feedback/pakn-repo.js";
import { createTestDatabase, DRIVERS } from "../helpers/databases.js";

const day = (iso: string) => new Date(iso);

function draft(inboundMessageId: string, over: Partial<NewPakn> = {}): NewPakn {
  return {
    kind: "phan_anh",
    content: "Đường liên thôn bị ngập sâu sau mưa, xe máy không đi được.",
    attachments: [],
    contact: { name: "Nguyễn Văn A", phone: "0912345678", address: "Thôn 3, xã Đông" },
    consentAt: day("2026-11-22T08:00:00+07:00"),
    channel: "telegram",
    channelUser: "u1",
    conversation: "c1",
    inboundMessageId,
    receivedAt: day("2026-11-22T08:01:00+07:00"),
    forwardDueAt: day("2026-11-27T17:00:00+07:00"),
    answerDueAt: day("2026-12-04T17:00:00+07:00"),
    ...over,
  };
}

describe.each(DRIVERS)("PAKN repository on %s", (driver) => {
  let database: Database;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    ({ database, dispose } = await createTestDatabase(driver));
  });
  afterAll(() => dispose());

  it("stores a confirmed PAKN with a day-numbered code, its first event and a routing job", async () => {
    const { row, created } = await createPakn(database.db, draft("m-1"));
    expect(created).toBe(true);
    expect(row.code).toBe("PAKN.20261122.0001");
    expect(row.status).toBe("received");
    const history = await paknHistory(database.db, row.id);
    expect(history.map((e) => [e.fromStatus, e.toStatus])).toEqual([[null, "received"]]);
    const jobs = await database.db
      .select()
      .from(outbox)
      .where(eq(outbox.jobId, `classify-${row.id}`));
    expect(jobs).toHaveLength(1);
  });

  it("returns the first PAKN for a redelivered confirmation, even when both arrive at once", async () => {
    const results = await Promise.all([
      createPakn(database.db, draft("m-2")),
      createPakn(database.db, draft("m-2")),
    ]);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.row.code)).size).toBe(1);
    const again = await createPakn(database.db, draft("m-2"));
    expect(again).toMatchObject({ created: false, row: { code: results[0]?.row.code } });
  });

  it("hands out distinct codes under concurrent confirmations, numbered per Viet Nam day", async () => {
    const n = driver === "pg" ? 60 : 20;
    const rows = await Promise.all(
      Array.from({ length: n }, (_, i) =>
        createPakn(database.db, draft(`burst-${i}`, { receivedAt: day("2026-11-23T06:30:00+07:00") })),
      ),
    );
    const codes = rows.map((r) => r.row.code);
    expect(new Set(codes).size).toBe(n);
    expect(codes.every((c) => c.startsWith("PAKN.20261123."))).toBe(true);
    // 23:30 UTC on the 22nd is already the 23rd in Viet Nam.
    const late = await createPakn(database.db, draft("late", { receivedAt: day("2026-11-22T23:30:00Z") }));
    expect(late.row.code.startsWith("PAKN.20261123.")).toBe(true);
  });

  it("keeps numbering past the 9,999th PAKN of a day", async () => {
    await database.db.insert(paknCodeCounters).values({ day: "20261201", last: 9_999 });
    const { row } = await createPakn(
      database.db,
      draft("busy-day", { receivedAt: day("2026-12-01T10:00:00+07:00") }),
    );
    expect(row.code).toBe("PAKN.20261201.10000");
  });

  it("goes on after the last code of the day when the day's sequence is lost (a restored backup)", async () => {
    const at = { receivedAt: day("2026-12-02T09:00:00+07:00") };
    const first = await createPakn(database.db, draft("restored-1", at));
    const second = await createPakn(database.db, draft("restored-2", at));
    expect(second.row.code).toBe("PAKN.20261202.0002");
    await database.db.execute(sql.raw("DROP SEQUENCE pakn_code_20261202"));
    const third = await createPakn(database.db, draft("restored-3", at));
    expect([first.row.code, third.row.code]).toEqual(["PAKN.20261202.0001", "PAKN.20261202.0003"]);
  });

  it("moves a PAKN only along allowed transitions, recording each event with a notification job", async () => {
    const { row } = await createPakn(database.db, draft("m-3"));
    await transitionPakn(database.db, {
      paknId: row.id,
      to: "assigned",
      actor: "system",
      set: { agencyId: "ubnd-xa" },
    });
    await expect(
      transitionPakn(database.db, { paknId: row.id, to: "published", actor: "officer:1" }),
    ).rejects.toMatchObject({ code: "conflict" });
    await expect(
      transitionPakn(database.db, { paknId: row.id, to: "rejected", actor: "officer:1" }),
    ).rejects.toMatchObject({ code: "bad_request" });
    const { event } = await transitionPakn(database.db, {
      paknId: row.id,
      to: "transferred",
      actor: "officer:1",
      note: "Thuộc thẩm quyền Sở Giao thông vận tải",
    });
    const jobs = await database.db
      .select()
      .from(outbox)
      .where(eq(outbox.jobId, `notify-${event.id}`));
    expect(jobs).toHaveLength(1);
    const history = await paknHistory(database.db, row.id);
    expect(history.map((e) => e.toStatus)).toEqual(["received", "assigned", "transferred"]);
    expect((await findPaknByCode(database.db, row.code))?.agencyId).toBe("ubnd-xa");
  });

  it("lets only one of two simultaneous moves from the same state through, and returns typed rows", async () => {
    const { row } = await createPakn(database.db, draft("m-race"));
    const answeredAt = day("2026-11-25T09:00:00+07:00");
    const moves = await Promise.allSettled([
      transitionPakn(database.db, { paknId: row.id, to: "assigned", actor: "a", set: { agencyId: "so-a" } }),
      transitionPakn(database.db, { paknId: row.id, to: "assigned", actor: "b", set: { agencyId: "so-b" } }),
    ]);
    expect(moves.filter((m) => m.status === "fulfilled")).toHaveLength(1);
    expect(moves.find((m) => m.status === "rejected")).toMatchObject({ reason: { code: "conflict" } });
    const { row: answered, event } = await transitionPakn(database.db, {
      paknId: row.id,
      to: "answered",
      actor: "officer:1",
      set: { answer: "Đã sửa xong đoạn đường bị ngập.", answeredAt },
      data: { via: "console" },
    });
    expect(answered.answeredAt).toEqual(answeredAt);
    expect(answered.updatedAt).toBeInstanceOf(Date);
    expect(answered.status).toBe("answered");
    expect(answered.attachments).toEqual([]);
    expect(event).toMatchObject({
      paknId: row.id,
      fromStatus: "assigned",
      toStatus: "answered",
      data: { via: "console" },
    });
    expect(event.createdAt).toBeInstanceOf(Date);
    expect(typeof event.id).toBe("number");
  });

  it("lists a sender's own PAKN, newest first, and nobody else's", async () => {
    await createPakn(database.db, draft("other", { channelUser: "someone-else" }));
    const mine = await listPaknBySender(database.db, { channel: "telegram", user: "u1" }, 100);
    expect(mine.length).toBeGreaterThan(3);
    expect(mine.every((r) => r.channelUser === "u1")).toBe(true);
    expect(mine[0]?.receivedAt.getTime()).toBeGreaterThanOrEqual(mine.at(-1)?.receivedAt.getTime() ?? 0);
  });
});
