import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client.js";
import { pakn } from "../../db/schema.js";
import { answerPakn, approvePakn, publishPakn } from "../../feedback/answer-pakn.js";
import { createPakn, type NewPakn, paknHistory, transitionPakn } from "../../feedback/pakn-repo.js";
import { rateLatestPublished, ratePakn } from "../../feedback/rate-pakn.js";
import { createTestDatabase, DRIVERS } from "../helpers/databases.js";
import { confirmedPakn } from "../helpers/pakn.js";
import { TEST_NOW } from "../helpers/test-clock.js";

const DAY = 24 * 60 * 60 * 1000;
const ME = { channel: "telegram", user: "u-rate" };

describe.each(DRIVERS)("rating a published answer on %s", (driver) => {
  let database: Database;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    ({ database, dispose } = await createTestDatabase(driver));
  });
  afterAll(() => dispose());

  async function filed(id: string, over: Partial<NewPakn> = {}) {
    const { row } = await createPakn(
      database.db,
      confirmedPakn(id, { channel: ME.channel, channelUser: ME.user, ...over }),
    );
    return row;
  }

  async function published(id: string, publishedAt = TEST_NOW) {
    const row = await filed(id);
    await transitionPakn(database.db, {
      paknId: row.id,
      to: "assigned",
      actor: "system",
      set: { agencyId: "ubnd-xa" },
    });
    await answerPakn(
      { db: database.db, now: () => TEST_NOW },
      {
        paknId: row.id,
        actor: "officer:1",
        answer: "UBND xã đã cho sửa đoạn đường, nay đã đi lại bình thường.",
      },
    );
    await approvePakn({ db: database.db, now: () => TEST_NOW }, { paknId: row.id, actor: "leader:1" });
    await publishPakn({ db: database.db, now: () => publishedAt }, { paknId: row.id, actor: "leader:1" });
    return row;
  }

  const stored = async (id: number) => (await database.db.select().from(pakn).where(eq(pakn.id, id)))[0];

  it("records the submitter's 1-5, replaces it on a second press, and changes nothing else", async () => {
    const row = await published("rate-1");
    const before = await stored(row.id);
    const history = await paknHistory(database.db, row.id);
    expect(
      await ratePakn({ db: database.db, now: () => TEST_NOW }, { code: row.code, sender: ME, rating: 4 }),
    ).toEqual({
      kind: "rated",
      code: row.code,
      rating: 4,
    });
    expect(await stored(row.id)).toMatchObject({ rating: 4, status: "published" });
    expect((await stored(row.id))?.ratedAt).toBeInstanceOf(Date);
    await ratePakn({ db: database.db, now: () => TEST_NOW }, { code: row.code, sender: ME, rating: 2 });
    const after = await stored(row.id);
    expect(after).toMatchObject({ rating: 2, status: "published", updatedAt: before?.updatedAt });
    expect(await paknHistory(database.db, row.id)).toHaveLength(history.length);
  });

  it("lets only the sender's own channel identity rate, and only a published answer", async () => {
    const row = await published("rate-2");
    for (const sender of [
      { channel: "telegram", user: "someone-else" },
      { channel: "zalo", user: ME.user },
    ]) {
      expect(
        await ratePakn({ db: database.db, now: () => TEST_NOW }, { code: row.code, sender, rating: 5 }),
      ).toEqual({
        kind: "not_found",
      });
    }
    expect(
      await ratePakn(
        { db: database.db, now: () => TEST_NOW },
        { code: "PAKN.20200101.0001", sender: ME, rating: 5 },
      ),
    ).toEqual({
      kind: "not_found",
    });
    const open = await filed("rate-3");
    expect(
      await ratePakn({ db: database.db, now: () => TEST_NOW }, { code: open.code, sender: ME, rating: 5 }),
    ).toEqual({
      kind: "not_published",
      code: open.code,
    });
    expect((await stored(open.id))?.rating).toBeNull();
    expect((await stored(row.id))?.rating).toBeNull();
    for (const rating of [0, 6, 2.5, Number.NaN])
      await expect(
        ratePakn({ db: database.db, now: () => TEST_NOW }, { code: row.code, sender: ME, rating }),
      ).rejects.toMatchObject({
        code: "bad_request",
      });
  });

  it("takes a typed number for the latest answer of the past week that is not rated yet", async () => {
    const sender = { channel: "zalo", user: "u-typed" };
    const mine = async (id: string, publishedAt: Date) => {
      const { row } = await createPakn(
        database.db,
        confirmedPakn(id, { channel: sender.channel, channelUser: sender.user }),
      );
      await transitionPakn(database.db, { paknId: row.id, to: "assigned", actor: "system" });
      await answerPakn(
        { db: database.db, now: () => TEST_NOW },
        { paknId: row.id, actor: "o", answer: "Đã xử lý xong việc bạn phản ánh." },
      );
      await approvePakn({ db: database.db, now: () => TEST_NOW }, { paknId: row.id, actor: "l" });
      await publishPakn({ db: database.db, now: () => publishedAt }, { paknId: row.id, actor: "l" });
      return row;
    };
    expect(
      await rateLatestPublished({ db: database.db, now: () => TEST_NOW }, { sender, rating: 5 }),
    ).toEqual({
      kind: "not_found",
    });
    const old = await mine("typed-old", new Date(TEST_NOW.getTime() - 10 * DAY));
    expect(
      await rateLatestPublished({ db: database.db, now: () => TEST_NOW }, { sender, rating: 5 }),
    ).toEqual({
      kind: "not_found",
    });
    const earlier = await mine("typed-1", new Date(TEST_NOW.getTime() - 2 * DAY));
    const latest = await mine("typed-2", new Date(TEST_NOW.getTime() - DAY));
    expect(
      await rateLatestPublished({ db: database.db, now: () => TEST_NOW }, { sender, rating: 3 }),
    ).toMatchObject({
      kind: "rated",
      code: latest.code,
    });
    // The latest is rated now: the next typed number goes to the one before.
    expect(
      await rateLatestPublished({ db: database.db, now: () => TEST_NOW }, { sender, rating: 5 }),
    ).toMatchObject({
      code: earlier.code,
    });
    expect(
      await rateLatestPublished({ db: database.db, now: () => TEST_NOW }, { sender, rating: 1 }),
    ).toEqual({
      kind: "not_found",
    });
    expect((await stored(latest.id))?.rating).toBe(3);
    expect((await stored(old.id))?.rating).toBeNull();
  });
});
