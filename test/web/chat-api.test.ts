import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWebInbox } from "../../bot/channels/web-inbox.js";
import { buildWebApp } from "../../web/app.js";
import { createTestDispatcher } from "../helpers/bot.js";
import { silentLogger } from "../helpers/knowledge.js";
import { createTestRedis } from "../helpers/redis.js";

const SECRET = "test-secret-0123456789abcdef";

describe("web chat over HTTP", () => {
  const r = createTestRedis();
  const inbox = createWebInbox(r.redis, { prefix: r.prefix });
  let web1: FastifyInstance;
  let web2: FastifyInstance;

  const build = () =>
    buildWebApp({
      dispatcher: createTestDispatcher(r),
      inbox,
      logger: silentLogger,
      sessionSecret: SECRET,
      secureCookies: false,
      probes: { database: async () => 1, redis: () => r.redis.ping(), procedures: () => 2642 },
    });

  beforeAll(async () => {
    // Two web processes sharing Redis, as behind a load balancer.
    web1 = await build();
    web2 = await build();
  });
  afterAll(async () => {
    await web1.close();
    await web2.close();
    await r.dispose();
  });

  const post = (app: FastifyInstance, body: string, headers: Record<string, string> = {}) =>
    app.inject({
      method: "POST",
      url: "/api/chat/messages",
      headers: { "content-type": "application/json", ...headers },
      payload: body,
    });

  it("serves a Vietnamese, accessible chat page", async () => {
    const res = await web1.inject({ url: "/chat" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("text/html");
    expect(res.body).toContain('lang="vi"');
    expect(res.body).toContain('role="log"');
    expect(res.body).toContain("<label");
    expect(res.body).toContain("thủ tục hành chính");
    expect((await web1.inject({ url: "/chat/chat.js" })).statusCode).toBe(200);
  });

  it("answers, sets a signed httpOnly cookie, and a second process continues the conversation", async () => {
    const first = await post(web1, JSON.stringify({ text: "đăng ký khai sinh cần giấy tờ gì" }));
    expect(first.statusCode).toBe(200);
    const body = first.json();
    expect(body.replies[0].text).toContain("1.001193");
    expect(body.replies.at(-1).buttons.length).toBeGreaterThan(0);
    const setCookie = String(first.headers["set-cookie"]);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const cookie = setCookie.split(";")[0] as string;

    const followUp = await post(web2, JSON.stringify({ text: "lệ phí bao nhiêu" }), { cookie });
    expect(followUp.json().replies[0].text).toContain("1.001193");
    expect(followUp.headers["set-cookie"]).toBeUndefined();

    const button = await post(web2, JSON.stringify({ payload: body.replies.at(-1).buttons[0].payload }), {
      cookie,
    });
    expect(button.json().replies[0].text).toContain("1.001193");
  });

  it("ignores a forged cookie and starts a new conversation", async () => {
    const res = await post(web1, JSON.stringify({ text: "lệ phí bao nhiêu" }), {
      cookie: "mc_chat=attacker-chosen-id",
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().replies[0].text).not.toContain("1.001193");
    expect(String(res.headers["set-cookie"])).toContain("mc_chat=");
  });

  it.each([
    ["malformed JSON", "{not json", "application/json", 400, "invalid_json"],
    ["empty body", "", "application/json", 400, "invalid_json"],
    ["wrong shape", JSON.stringify({ msg: "hi" }), "application/json", 400, "bad_request"],
    ["wrong content type", "text=hi", "text/plain", 415, "unsupported_media_type"],
  ])("rejects %s with a clear Vietnamese error", async (_name, payload, type, status, code) => {
    const res = await post(web1, payload, { "content-type": type });
    expect(res.statusCode).toBe(status);
    expect(res.json().error.code).toBe(code);
    expect(res.json().error.message).toMatch(/[\u00C0-\u1EF9]/);
  });

  it("rejects invalid UTF-8", async () => {
    const res = await web1.inject({
      method: "POST",
      url: "/api/chat/messages",
      headers: { "content-type": "application/json" },
      payload: Buffer.concat([Buffer.from('{"text":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe("invalid_utf8");
  });

  it("answers a 10,000-character message politely instead of failing", async () => {
    const res = await post(web1, JSON.stringify({ text: "khai sinh ".repeat(1000) }));
    expect(res.statusCode).toBe(200);
    expect(res.json().replies[0].text).toMatch(/dài/);
  });

  it("reports health", async () => {
    const res = await web1.inject({ url: "/healthz" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: "ok", database: "ok", redis: "ok", procedures: 2642 });
  });

  it("keeps a status change for a web visitor until the page collects it, once, from any process", async () => {
    const first = await post(web1, JSON.stringify({ text: "xin chào" }));
    const cookie = String(first.headers["set-cookie"]).split(";")[0] as string;
    const conversation = decodeURIComponent(cookie.split("=")[1] ?? "").split(".")[0] as string;
    await inbox.channel.push?.(conversation, [
      { text: "PAKN.20261122.0001: đã chuyển cơ quan xử lý.", buttons: [] },
    ]);
    const updates = await web2.inject({ url: "/api/chat/updates", headers: { cookie } });
    expect(updates.json()).toEqual({
      replies: [{ text: "PAKN.20261122.0001: đã chuyển cơ quan xử lý.", buttons: [] }],
    });
    expect((await web1.inject({ url: "/api/chat/updates", headers: { cookie } })).json()).toEqual({
      replies: [],
    });
    // Without the signed cookie nobody reads anybody's messages.
    expect((await web1.inject({ url: "/api/chat/updates" })).json()).toEqual({ replies: [] });
    expect(
      (
        await web1.inject({ url: "/api/chat/updates", headers: { cookie: `mc_chat=${conversation}` } })
      ).json(),
    ).toEqual({ replies: [] });
  });
});
