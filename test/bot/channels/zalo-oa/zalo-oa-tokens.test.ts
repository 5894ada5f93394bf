import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createZaloSender } from "../../../../bot/channels/zalo-oa/send-replies.js";
import { createTokenKeeper } from "../../../../bot/channels/zalo-oa/token-keeper.js";
import { createZaloApi } from "../../../../bot/channels/zalo-oa/zalo-api-client.js";
import { readChannelToken, seedChannelToken } from "../../../../db/channel-token-repo.js";
import { listDeliveryFailures } from "../../../../db/delivery-failure-repo.js";
import { channelTokens } from "../../../../db/schema.js";
import { DRIVERS } from "../../../helpers/databases.js";
import { silentLogger } from "../../../helpers/knowledge.js";
import {
  APP_ID,
  APP_SECRET,
  createZaloHarness,
  postEvent,
  type ZaloHarness,
  type ZaloProcess,
  zaloEvent,
} from "./zalo-oa-harness.js";

const drain = async (...ps: ZaloProcess[]) => {
  for (const p of ps) await p.channel.stop?.();
};

describe.each(DRIVERS)("Zalo OA tokens and delivery (%s token store)", (driver) => {
  let h: ZaloHarness;
  let p1: ZaloProcess;
  let p2: ZaloProcess;

  beforeAll(async () => {
    h = await createZaloHarness(driver);
    // Two processes sharing Redis and the database (separate pools on the server).
    p1 = await h.process();
    p2 = await h.process();
  });
  afterAll(() => h.dispose());

  const current = async () => (await readChannelToken(h.database.db, "zalo"))?.accessToken;

  it("renews an expired token exactly once under concurrent sends from two processes", async () => {
    // The configured pair is stored with an access token that has already expired.
    await seedChannelToken(h.database.db, "zalo", {
      ...h.pair,
      accessExpiresAt: new Date(Date.now() - 60_000),
    });
    h.fake.refreshDelayMs = 100;

    const users = Array.from({ length: 12 }, (_, i) => `crowd-${i}`);
    const responses = await Promise.all(
      users.map((u, i) =>
        postEvent(i % 2 ? p2.app : p1.app, zaloEvent("user_send_text", u, { text: "/start" })),
      ),
    );
    expect(responses.every((r) => r.statusCode === 200)).toBe(true);
    await drain(p1, p2);
    h.fake.refreshDelayMs = 0;

    expect(h.fake.refreshCalls).toHaveLength(1);
    expect(h.fake.refreshCalls[0]).toMatchObject({
      refreshToken: h.pair.refreshToken,
      appId: APP_ID,
      grantType: "refresh_token",
      secretKey: APP_SECRET,
      granted: true,
    });
    const fresh = await current();
    expect(fresh).not.toBe(h.pair.accessToken);
    for (const u of users) {
      const calls = h.fake.calls.filter((c) => c.userId === u);
      expect(calls.length).toBeGreaterThan(0);
      expect(calls.every((c) => c.error === 0 && c.accessToken === fresh)).toBe(true);
    }
  });

  it("after an invalid-token answer renews once, sends again once, and delivers", async () => {
    const refused = await current();
    h.fake.revoke(String(refused));
    const refreshesBefore = h.fake.refreshCalls.length;
    await postEvent(p1.app, zaloEvent("user_send_text", "after-revoke", { text: "/start" }));
    await drain(p1);
    expect(h.fake.refreshCalls.length).toBe(refreshesBefore + 1);
    const calls = h.fake.calls.filter((c) => c.userId === "after-revoke");
    expect(calls[0]).toMatchObject({ error: -216, accessToken: refused });
    expect(
      calls.slice(1).every((c) => c.error === 0 && c.accessToken === h.fake.calls.at(-1)?.accessToken),
    ).toBe(true);
    expect(h.fake.deliveredTo("after-revoke").length).toBeGreaterThan(0);

    // The other process still holds the refused token: it finds the renewed pair without spending the refresh token.
    await postEvent(p2.app, zaloEvent("user_send_text", "after-revoke-2", { text: "/start" }));
    await drain(p2);
    expect(h.fake.refreshCalls.length).toBe(refreshesBefore + 1);
    expect(h.fake.deliveredTo("after-revoke-2").length).toBeGreaterThan(0);
  });

  it("records a user outside the 7-day window and does not retry", async () => {
    h.fake.refuseUser("away-user", -230);
    const event = zaloEvent("user_send_text", "away-user", { text: "đăng ký khai sinh cần giấy tờ gì" });
    expect((await postEvent(p1.app, event)).statusCode).toBe(200);
    await drain(p1);
    expect(h.fake.calls.filter((c) => c.userId === "away-user")).toHaveLength(1);
    const failures = await listDeliveryFailures(h.database.db, "zalo", "away-user");
    expect(failures.map((f) => f.errorCode)).toEqual([-230]);
    // A redelivery of the same event is still a duplicate: nothing more is sent.
    await postEvent(p1.app, event);
    await drain(p1);
    expect(h.fake.calls.filter((c) => c.userId === "away-user")).toHaveLength(1);
  });

  it("tries a transient failure again, and releases the delivery when Zalo stays away", async () => {
    h.fake.failHttp(1);
    await postEvent(p1.app, zaloEvent("user_send_text", "flaky-1", { text: "/start" }));
    await drain(p1);
    expect(h.fake.deliveredTo("flaky-1").length).toBeGreaterThan(0);

    h.fake.failHttp(3);
    const event = zaloEvent("user_send_text", "flaky-2", { text: "/start" });
    await postEvent(p1.app, event);
    await drain(p1);
    expect(h.fake.deliveredTo("flaky-2")).toHaveLength(0);
    // Zalo's redelivery of the same event is answered, since the claim was released.
    await postEvent(p1.app, event);
    await drain(p1);
    expect(h.fake.deliveredTo("flaky-2").length).toBeGreaterThan(0);
  });

  it("sends a 5,000-character reply as messages of at most 2,000 characters", async () => {
    const api = createZaloApi({
      apiRoot: h.fake.url,
      oauthRoot: h.fake.url,
      appId: APP_ID,
      appSecret: APP_SECRET,
    });
    const tokens = createTokenKeeper({
      db: h.database.db,
      channel: "zalo",
      seed: h.pair,
      exchange: (t) => api.refreshToken(t),
      logger: silentLogger,
    });
    const send = createZaloSender({ api, tokens, db: h.database.db, logger: silentLogger });
    const line = "Bản sao Giấy chứng nhận kết hôn của cha, mẹ trẻ em (nếu có).";
    const lines: string[] = [];
    while (lines.join("\n").length < 5_000) lines.push(`${lines.length + 1}. ${line}`);
    const text = lines
      .join("\n")
      .slice(0, 5_000)
      .replace(/\n[^\n]*$/, "");
    await send("long-reader", [{ text, buttons: [{ label: "Lệ phí", payload: "field|1.001193|fee" }] }]);
    const delivered = h.fake.deliveredTo("long-reader");
    expect(delivered.length).toBe(3);
    expect(delivered.every((c) => c.text.length <= 2_000)).toBe(true);
    expect(delivered.map((c) => c.text).join("\n")).toBe(text);
    expect(delivered.at(-1)?.buttons).toEqual([
      { title: "Lệ phí", type: "oa.query.hide", payload: "#mc:field|1.001193|fee" },
    ]);
  });

  it("renews ahead of expiry from the start() timer, and stop() ends it", async () => {
    let offset = 0;
    const p3 = await h.process({ now: () => Date.now() + offset, tokenCheckMs: 20 });
    const before = h.fake.refreshCalls.length;
    const stored = await readChannelToken(h.database.db, "zalo");
    // Half an hour left, as seen by this process's clock.
    offset = (stored?.expiresAt.getTime() ?? 0) - Date.now() - 30 * 60_000;
    await p3.channel.start?.();
    await h.fake.waitFor(() => h.fake.refreshCalls.length > before);
    // Several more checks on the same moved clock: the renewed token counts from that clock too.
    await new Promise((resolve) => setTimeout(resolve, 150));
    await p3.channel.stop?.();
    offset = 0;
    expect(h.fake.refreshCalls.length).toBe(before + 1);
    const renewed = await h.database.db.select().from(channelTokens).where(eq(channelTokens.channel, "zalo"));
    expect(renewed[0]?.expiresAt.getTime()).toBeGreaterThan(Date.now() + 24 * 3_600_000);
  });
});
