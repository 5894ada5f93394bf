import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client.js";
import { outbox } from "../../db/schema.js";
import { answerPakn, approvePakn, publishPakn, sendBackAnswer } from "../../feedback/answer-pakn.js";
import { createPakn, paknHistory, transitionPakn } from "../../feedback/pakn-repo.js";
import { createTestDatabase, DRIVERS } from "../helpers/databases.js";
import { confirmedPakn } from "../helpers/pakn.js";

describe.each(DRIVERS)("answer, approval and publication on %s", (driver) => {
  let database: Database;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    ({ database, dispose } = await createTestDatabase(driver));
  });
  afterAll(() => dispose());

  async function inProgress(id: string) {
    const { row } = await createPakn(
      database.db,
      confirmedPakn(id, {
        content: "Tôi là Nguyễn Văn A, số 0912345678, nhà ở Thôn 3, xã Đông bị ngập vì cống tắc.",
        contact: { name: "Nguyễn Văn A", phone: "0912345678", address: "Thôn 3, xã Đông" },
      }),
    );
    await transitionPakn(database.db, {
      paknId: row.id,
      to: "assigned",
      actor: "system",
      set: { agencyId: "ubnd-xa" },
    });
    await transitionPakn(database.db, { paknId: row.id, to: "in_progress", actor: "officer:7" });
    return row;
  }

  it("goes from a draft answer through approval to a public record without the sender's details", async () => {
    const row = await inProgress("answer-1");
    await expect(
      publishPakn({ db: database.db }, { paknId: row.id, actor: "leader:2" }),
    ).rejects.toMatchObject({
      code: "conflict",
    });
    await expect(
      answerPakn({ db: database.db }, { paknId: row.id, actor: "officer:7", answer: "ok" }),
    ).rejects.toMatchObject({
      code: "bad_request",
    });
    await answerPakn(
      { db: database.db },
      {
        paknId: row.id,
        actor: "officer:7",
        answer: "UBND xã đã cho nạo vét cống thoát nước ngày 20/11, nước đã rút.",
      },
    );
    await sendBackAnswer(
      { db: database.db },
      { paknId: row.id, actor: "leader:2", note: "Ghi rõ thời gian hoàn thành" },
    );
    await answerPakn(
      { db: database.db },
      {
        paknId: row.id,
        actor: "officer:7",
        answer: "UBND xã đã nạo vét cống thoát nước xong ngày 20/11/2026, nước đã rút.",
      },
    );
    await approvePakn({ db: database.db }, { paknId: row.id, actor: "leader:2" });
    const published = await publishPakn({ db: database.db }, { paknId: row.id, actor: "leader:2" });
    expect(published.status).toBe("published");
    expect(published.publishedAt).toBeInstanceOf(Date);
    const history = await paknHistory(database.db, row.id);
    expect(history.map((e) => e.toStatus)).toEqual([
      "received",
      "assigned",
      "in_progress",
      "answered",
      "in_progress",
      "answered",
      "approved",
      "published",
    ]);
    const last = history.at(-1);
    const question = String(last?.data.publicQuestion);
    expect(question).not.toMatch(/Nguyễn Văn A|0912345678|Thôn 3, xã Đông/);
    expect(question).toContain("bị ngập vì cống tắc");
    expect(String(last?.data.publicAnswer)).toContain("nạo vét");
    const jobs = await database.db
      .select()
      .from(outbox)
      .where(eq(outbox.jobId, `notify-${last?.id}`));
    expect(jobs).toHaveLength(1);
  });
});
