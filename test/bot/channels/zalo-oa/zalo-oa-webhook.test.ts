import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PAYLOAD_PREFIX } from "../../../../bot/channels/zalo-oa/parse-event.js";
import { zaloSignatureHeader } from "../../../../bot/channels/zalo-oa/webhook-signature.js";
import { TEXTS } from "../../../../bot/core/texts.js";
import { DRIVERS } from "../../../helpers/databases.js";
import {
  APP_ID,
  createZaloHarness,
  postEvent,
  type ZaloHarness,
  type ZaloProcess,
  zaloEvent,
} from "./zalo-oa-harness.js";

/** Waits for the replies still being sent (stop() waits for them and only clears the token timer). */
const drain = (p: ZaloProcess) => p.channel.stop?.();

describe.each(DRIVERS)("Zalo OA webhook end to end (%s token store)", (driver) => {
  let h: ZaloHarness;
  let p: ZaloProcess;

  beforeAll(async () => {
    h = await createZaloHarness(driver);
    p = await h.process();
  });
  afterAll(() => h.dispose());

  it("answers a question with buttons, and a pressed button shows that part", async () => {
    const res = await postEvent(
      p.app,
      zaloEvent("user_send_text", "citizen-1", { text: "đăng ký khai sinh cần giấy tờ gì" }),
    );
    expect(res.statusCode).toBe(200);
    await drain(p);
    const answer = h.fake.deliveredTo("citizen-1");
    expect(answer[0]?.text).toContain("1.001193");
    const buttons = answer.flatMap((c) => c.buttons);
    expect(buttons.length).toBeGreaterThan(0);
    expect(
      buttons.every((b) => b.type === "oa.query.hide" && String(b.payload).startsWith(PAYLOAD_PREFIX)),
    ).toBe(true);
    const fee = buttons.find((b) => b.title === "Lệ phí");
    expect(fee).toBeDefined();

    // Zalo sends the button's payload back as a (hidden) user text message.
    const before = answer.length;
    const press = await postEvent(
      p.app,
      zaloEvent("user_send_text", "citizen-1", { text: String(fee?.payload) }),
    );
    expect(press.statusCode).toBe(200);
    await drain(p);
    const part = h.fake.deliveredTo("citizen-1").slice(before);
    expect(part[0]?.text).toContain("1.001193");
    expect(
      part
        .map((c) => c.text)
        .join("\n")
        .toLowerCase(),
    ).toContain("phí");
  });

  it("acknowledges at once even while the reply is slow, and stop() waits for it", async () => {
    h.fake.csDelayMs = 800;
    try {
      const started = Date.now();
      const res = await postEvent(p.app, zaloEvent("user_send_text", "citizen-slow", { text: "/start" }));
      expect(res.statusCode).toBe(200);
      expect(Date.now() - started).toBeLessThan(500);
      expect(h.fake.deliveredTo("citizen-slow")).toHaveLength(0);
      await drain(p);
      expect(h.fake.deliveredTo("citizen-slow").length).toBeGreaterThan(0);
    } finally {
      h.fake.csDelayMs = 0;
    }
  });

  it("refuses forged, unsigned and stale events with 401 and sends nothing", async () => {
    const forged = zaloEvent("user_send_text", "intruder", { text: "lệ phí khai sinh" });
    expect((await postEvent(p.app, forged, { signature: `mac=${"0".repeat(64)}` })).statusCode).toBe(401);
    expect((await postEvent(p.app, forged, { signature: "mac=short" })).statusCode).toBe(401);
    expect((await postEvent(p.app, forged, { signature: null })).statusCode).toBe(401);
    // Signed with another secret.
    const wrongKey = zaloSignatureHeader(
      APP_ID,
      Buffer.from(JSON.stringify(forged)),
      String(forged.timestamp),
      "guessed",
    );
    const other = await postEvent(p.app, forged, { signature: wrongKey });
    expect(other.statusCode).toBe(401);
    const stale = zaloEvent(
      "user_send_text",
      "intruder",
      { text: "lệ phí" },
      String(Date.now() - 10 * 60_000),
    );
    expect((await postEvent(p.app, stale)).statusCode).toBe(401);
    const future = zaloEvent(
      "user_send_text",
      "intruder",
      { text: "lệ phí" },
      String(Date.now() + 10 * 60_000),
    );
    expect((await postEvent(p.app, future)).statusCode).toBe(401);
    const noTimestamp = { ...forged, timestamp: undefined };
    expect((await postEvent(p.app, noTimestamp, { timestamp: "" })).statusCode).toBe(401);
    await drain(p);
    expect(h.fake.calls.filter((c) => c.userId === "intruder")).toHaveLength(0);
  });

  it("answers a delivery seen twice once", async () => {
    const event = zaloEvent("user_send_text", "citizen-dup", { text: "/start" });
    const [a, b] = await Promise.all([postEvent(p.app, event), postEvent(p.app, event)]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    await drain(p);
    expect((await postEvent(p.app, event)).statusCode).toBe(200);
    await postEvent(p.app, zaloEvent("user_send_text", "citizen-once", { text: "/start" }));
    await drain(p);
    const once = h.fake.deliveredTo("citizen-once").length;
    expect(once).toBeGreaterThan(0);
    expect(h.fake.deliveredTo("citizen-dup")).toHaveLength(once);
  });

  it("welcomes a follower; ignores unfollow and unknown events; refuses genuine malformed JSON with 400", async () => {
    const follow = {
      app_id: "4305089612345678901",
      oa_id: "oa-1",
      event_name: "follow",
      timestamp: String(Date.now()),
      follower: { id: "follower-1" },
      source: "oa_profile",
    };
    expect((await postEvent(p.app, follow)).statusCode).toBe(200);
    await drain(p);
    const welcome = h.fake.deliveredTo("follower-1");
    expect(welcome[0]?.text).toContain(TEXTS.welcome.split("\n")[0]);

    const unfollow = { ...follow, event_name: "unfollow", timestamp: String(Date.now()) };
    expect((await postEvent(p.app, unfollow)).statusCode).toBe(200);
    const receipt = zaloEvent("user_received_message", "follower-2", { text: "" });
    expect((await postEvent(p.app, receipt)).statusCode).toBe(200);
    const unknown = zaloEvent("some_future_event", "follower-2");
    expect((await postEvent(p.app, unknown)).statusCode).toBe(200);

    const malformed = `{"app_id":"x","event_name":"user_send_text","timestamp":"${Date.now()}","sender":{"id":"follower-2"`;
    const bad = await postEvent(p.app, malformed);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe("invalid_json");
    expect((await postEvent(p.app, "[1,2]", { timestamp: "" })).statusCode).toBe(401);
    await drain(p);
    expect(h.fake.deliveredTo("follower-1")).toHaveLength(welcome.length);
    expect(h.fake.calls.filter((c) => c.userId === "follower-2")).toHaveLength(0);

    // Still serving after all that.
    expect(
      (await postEvent(p.app, zaloEvent("user_send_text", "follower-2", { text: "/start" }))).statusCode,
    ).toBe(200);
    await drain(p);
    expect(h.fake.deliveredTo("follower-2").length).toBeGreaterThan(0);
  });

  it("answers a photo and a location politely", async () => {
    const photo = zaloEvent("user_send_image", "citizen-photo", {
      attachments: [
        {
          type: "image",
          payload: { url: "https://example.org/p.jpg", thumbnail: "https://example.org/t.jpg" },
        },
      ],
    });
    expect((await postEvent(p.app, photo)).statusCode).toBe(200);
    await drain(p);
    expect(h.fake.deliveredTo("citizen-photo")[0]?.text).toBe(TEXTS.nonText);
    const place = zaloEvent("user_send_location", "citizen-place", {
      text: "UBND phường",
      attachments: [
        { type: "location", payload: { coordinates: { latitude: "21.02", longitude: "105.85" } } },
      ],
    });
    expect((await postEvent(p.app, place)).statusCode).toBe(200);
    await drain(p);
    expect(h.fake.deliveredTo("citizen-place")[0]?.text).toBe(TEXTS.nonText);
  });
});
