import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../db/client.js";
import { setOfficerDisabled } from "../../../feedback/officers/officer-repo.js";
import { DUMMY_PASSWORD_HASH, verifyPassword } from "../../../feedback/officers/password.js";
import { signIn } from "../../../feedback/officers/sign-in.js";
import { createTestDatabase, DRIVERS } from "../../helpers/databases.js";
import { createTestOfficer } from "../../helpers/officers.js";
import { createTestRedis } from "../../helpers/redis.js";

const START = new Date("2026-03-02T01:00:00Z");

describe.each(DRIVERS)("signIn (%s)", (driver) => {
  let database: Database;
  let disposeDb: () => Promise<void>;
  let r: ReturnType<typeof createTestRedis>;

  beforeAll(async () => {
    ({ database, dispose: disposeDb } = await createTestDatabase(driver));
    r = createTestRedis();
  });
  afterAll(async () => {
    await r.dispose();
    await disposeDb();
  });

  /** A verifier that counts the hash comparisons and which hash each one was against. */
  function countingVerifier() {
    const calls: string[] = [];
    return {
      calls,
      verify: async (password: string, stored: string) => {
        calls.push(stored === DUMMY_PASSWORD_HASH ? "dummy" : "account");
        return verifyPassword(password, stored);
      },
    };
  }

  it("runs exactly one password hash comparison for an unknown e-mail, a wrong password, a disabled account and a slowed-down guess", async () => {
    const now = new Date(START);
    const deps = (verify: (p: string, h: string) => Promise<boolean>) => ({
      db: database.db,
      throttle: { redis: r.redis, prefix: r.prefix },
      now: () => now,
      verifyPassword: verify,
    });
    const { officer, password } = await createTestOfficer(database.db, { role: "officer" });
    const disabled = await createTestOfficer(database.db, { role: "officer" });
    await setOfficerDisabled(database.db, disabled.officer.id, true);

    const cases: [string, { email: string; password: string }][] = [
      ["unknown", { email: "khong-co@test.gov.vn", password }],
      ["wrong", { email: officer.email, password: "sai-mat-khau" }],
      ["disabled", { email: disabled.officer.email, password: disabled.password }],
    ];
    const seen: Record<string, string[]> = {};
    for (const [name, input] of cases) {
      const v = countingVerifier();
      expect(await signIn(deps(v.verify), { ...input, ip: "10.5.0.1" })).toEqual({ ok: false });
      seen[name] = v.calls;
    }
    for (let i = 0; i < 6; i++)
      await signIn(deps(verifyPassword), { email: officer.email, password: `x${i}` });
    const v = countingVerifier();
    expect(await signIn(deps(v.verify), { email: officer.email, password, ip: "10.5.0.2" })).toEqual({
      ok: false,
    });
    seen.throttled = v.calls;
    expect(seen).toEqual({
      unknown: ["dummy"],
      wrong: ["account"],
      disabled: ["account"],
      throttled: ["dummy"],
    });
  });

  it("lets no more guesses through when they arrive all at once than when they come one by one", async () => {
    const now = new Date(START);
    const { officer } = await createTestOfficer(database.db, { role: "officer" });
    const v = countingVerifier();
    const deps = {
      db: database.db,
      throttle: { redis: r.redis, prefix: r.prefix },
      now: () => now,
      verifyPassword: v.verify,
    };
    const guesses = Array.from({ length: 20 }, (_, i) =>
      signIn(deps, { email: officer.email, password: `doan-${i}`, ip: `10.8.0.${i}` }),
    );
    expect((await Promise.all(guesses)).every((res) => !res.ok)).toBe(true);
    // Five free guesses and the sixth that starts the wait; the other fourteen were never looked at.
    expect(v.calls.filter((c) => c === "account")).toHaveLength(6);
    expect(v.calls).toHaveLength(20);
  });

  it("keeps slowing guesses down in this process while Redis is away", async () => {
    const dead = new Redis("redis://127.0.0.1:1", {
      maxRetriesPerRequest: 0,
      lazyConnect: true,
      enableOfflineQueue: false,
      retryStrategy: () => null,
    });
    dead.on("error", () => {});
    try {
      let now = new Date(START);
      const deps = { db: database.db, throttle: { redis: dead, prefix: r.prefix }, now: () => now };
      const { officer, password } = await createTestOfficer(database.db, { role: "officer" });
      for (let i = 0; i < 6; i++)
        await signIn(deps, { email: officer.email, password: `sai-${i}`, ip: "10.6.0.1" });
      expect((await signIn(deps, { email: officer.email, password, ip: "10.6.0.2" })).ok).toBe(false);
      now = new Date(now.getTime() + 16_000);
      expect((await signIn(deps, { email: officer.email, password, ip: "10.6.0.2" })).ok).toBe(true);
    } finally {
      dead.disconnect();
    }
  });
});
