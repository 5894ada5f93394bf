import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  readChannelToken,
  rotateChannelToken,
  seedChannelToken,
  type TokenPair,
} from "../../db/channel-token-repo.js";
import { type Database, openDatabase } from "../../db/client.js";
import { listDeliveryFailures, recordDeliveryFailure } from "../../db/delivery-failure-repo.js";
import { createTestDatabase, DRIVERS } from "../helpers/databases.js";

const later = (hours: number) => new Date(Date.now() + hours * 3_600_000);

describe.each(DRIVERS)("channel token store on %s", (driver) => {
  let database: Database;
  /** A second "process": its own pool on the server, the same embedded engine for PGlite. */
  let other: Database;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    const created = await createTestDatabase(driver);
    database = created.database;
    other = created.url ? await openDatabase({ url: created.url, poolSize: 5 }) : database;
    dispose = async () => {
      if (other !== database) await other.close();
      await created.dispose();
    };
  });
  afterAll(() => dispose());

  it("seeds once, keeps a rotated pair, and takes a new pair the operator configured", async () => {
    const seed = { accessToken: "a0", refreshToken: "r0", accessExpiresAt: later(24) };
    const first = await seedChannelToken(database.db, "seed-test", seed);
    expect(first).toMatchObject({ accessToken: "a0", refreshToken: "r0" });

    await rotateChannelToken(database.db, "seed-test", "a0", async () => ({
      accessToken: "a1",
      refreshToken: "r1",
      expiresAt: later(25),
    }));
    // A restart with the same configuration keeps the rotated pair (r0 is spent).
    expect((await seedChannelToken(other.db, "seed-test", seed)).accessToken).toBe("a1");

    const reauthorised = { accessToken: "b0", refreshToken: "s0", accessExpiresAt: later(24) };
    expect(await seedChannelToken(database.db, "seed-test", reauthorised)).toMatchObject({
      accessToken: "b0",
      refreshToken: "s0",
    });
  });

  it("a refresh token alone seeds an already expired access token", async () => {
    const stored = await seedChannelToken(database.db, "refresh-only", {
      refreshToken: "r0",
      accessExpiresAt: later(24),
    });
    expect(stored.accessToken).toBe("");
    expect(stored.expiresAt.getTime()).toBeLessThan(Date.now());
  });

  it("renews once when two processes race with the token they both saw", async () => {
    await seedChannelToken(database.db, "race", {
      accessToken: "old",
      refreshToken: "r-old",
      accessExpiresAt: new Date(0),
    });
    const spent: string[] = [];
    const exchange = async (refreshToken: string): Promise<TokenPair> => {
      spent.push(refreshToken);
      await new Promise((resolve) => setTimeout(resolve, 50));
      return { accessToken: "new", refreshToken: "r-new", expiresAt: later(25) };
    };
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        rotateChannelToken((i % 2 ? other : database).db, "race", "old", exchange),
      ),
    );
    expect(spent).toEqual(["r-old"]);
    expect(results.filter((r) => r.refreshed)).toHaveLength(1);
    expect(results.every((r) => r.token.accessToken === "new")).toBe(true);
    expect(await readChannelToken(database.db, "race")).toMatchObject({
      accessToken: "new",
      refreshToken: "r-new",
    });
  });

  it("keeps the old pair when the exchange fails", async () => {
    await seedChannelToken(database.db, "failing", {
      accessToken: "x",
      refreshToken: "rx",
      accessExpiresAt: new Date(0),
    });
    await expect(
      rotateChannelToken(database.db, "failing", "x", async () => {
        throw new Error("oauth down");
      }),
    ).rejects.toThrow("oauth down");
    expect(await readChannelToken(database.db, "failing")).toMatchObject({
      accessToken: "x",
      refreshToken: "rx",
    });
  });

  it("records permanent delivery failures per channel and recipient", async () => {
    await recordDeliveryFailure(database.db, { channel: "zalo", recipient: "u1", errorCode: -230 });
    await recordDeliveryFailure(database.db, { channel: "zalo", recipient: "u2", errorCode: -213 });
    await recordDeliveryFailure(database.db, { channel: "other", recipient: "u1", errorCode: 1 });
    const all = await listDeliveryFailures(database.db, "zalo");
    expect(all.map((f) => [f.recipient, f.errorCode])).toEqual([
      ["u1", -230],
      ["u2", -213],
    ]);
    expect(await listDeliveryFailures(database.db, "zalo", "u1")).toHaveLength(1);
    expect(all[0]?.createdAt).toBeInstanceOf(Date);
  });
});
