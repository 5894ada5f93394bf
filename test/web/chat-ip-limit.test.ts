import { Queue, Worker } from "bullmq";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBot } from "../../bot/core/create-bot.js";
import { createRedisDispatcher } from "../../bot/core/redis-dispatcher.js";
import { createRedisSessionStore } from "../../bot/core/redis-session-store.js";
import { buildWebApp } from "../../web/app.js";
import { clientBucket, createChatIpLimit } from "../../web/chat-ip-limit.js";
import { createQueueConnection } from "../../workers/queues.js";
import { bundledKnowledgeBase, silentLogger } from "../helpers/knowledge.js";
import { createTestRedis, TEST_REDIS_URL } from "../helpers/redis.js";

const WINDOW_SECONDS = 600;
const NEW_SESSIONS = 5;
const MESSAGES = 12;
const SHORT_TTL = 1800;
const LONG_TTL = 7 * 24 * 60 * 60;
/** A fixed clock at the start of a window, moved by the tests. */
const T0 = Math.ceil(Date.UTC(2026, 2, 2, 2, 0, 0) / (WINDOW_SECONDS * 1000)) * WINDOW_SECONDS * 1000;

describe("web chat budget per client address", () => {
  const r = createTestRedis();
  const bullPrefix = `${r.prefix}bull`;
  const connection = createQueueConnection(TEST_REDIS_URL);
  let now = T0;
  let app: FastifyInstance;

  beforeAll(async () => {
    const sessions = createRedisSessionStore(r.redis, {
      ttlSeconds: LONG_TTL,
      prefix: `${r.prefix}session:`,
      shortLived: { ttlSeconds: SHORT_TTL, channels: ["web"] },
    });
    const bot = createBot({ kb: bundledKnowledgeBase(), logger: silentLogger, sessions });
    app = await buildWebApp({
      dispatcher: createRedisDispatcher({ bot, redis: r.redis, logger: silentLogger, prefix: r.prefix }),
      chatIpLimit: createChatIpLimit(r.redis, {
        windowSeconds: WINDOW_SECONDS,
        messages: MESSAGES,
        newSessions: NEW_SESSIONS,
        now: () => now,
        prefix: r.prefix,
      }),
      logger: silentLogger,
      sessionSecret: "ip-limit-test-secret-0123456789",
      secureCookies: false,
      probes: { database: async () => 1, redis: () => r.redis.ping(), procedures: () => 2642 },
    });
  });
  afterAll(async () => {
    await app.close();
    await connection.quit();
    await r.dispose();
  });

  const post = (ip: string, text: string, cookie?: string) =>
    app.inject({
      method: "POST",
      url: "/api/chat/messages",
      remoteAddress: ip,
      headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) },
      payload: JSON.stringify({ text }),
    });
  const cookieOf = (res: { headers: Record<string, unknown> }) =>
    String(res.headers["set-cookie"]).split(";")[0] as string;
  const sessionKeys = () => r.redis.keys(`${r.prefix}session:web:*`);

  /** Enqueues a job on a real BullMQ queue and waits until a worker has processed it. */
  async function roundTrip(queue: Queue, worker: Worker, n: number): Promise<unknown> {
    const done = new Promise((resolve, reject) => {
      const onDone = (job: { data: { n: number } }, value: unknown) => {
        if (job.data.n === n) resolve(value);
      };
      worker.on("completed", onDone);
      worker.on("failed", (_job, err) => reject(err));
    });
    await queue.add("check", { n });
    return done;
  }

  it("answers a cookie-less flood from one address with 429 after the budget, keeping few short-lived sessions, while others and the queues carry on", async () => {
    const queue = new Queue("flood-check", { connection, prefix: bullPrefix });
    const worker = new Worker("flood-check", async (job) => job.data.n * 2, {
      connection,
      prefix: bullPrefix,
    });
    now = T0 + 100_000;
    const flood = (async () => {
      const out = [];
      for (let i = 0; i < 200; i++) out.push(await post("203.0.113.7", `đăng ký khai sinh ${i}`));
      return out;
    })();
    const [responses, during] = await Promise.all([flood, roundTrip(queue, worker, 21)]);
    expect(during).toBe(42);

    const statuses = responses.map((res) => res.statusCode);
    expect(statuses.slice(0, NEW_SESSIONS)).toEqual(Array(NEW_SESSIONS).fill(200));
    expect(statuses.slice(NEW_SESSIONS).every((s) => s === 429)).toBe(true);
    const refused = responses[NEW_SESSIONS];
    // The page shows it like any reply; the wait is what is left of the window (600 s - 100 s).
    expect(refused?.headers["retry-after"]).toBe("500");
    expect(refused?.headers["set-cookie"]).toBeUndefined();
    expect(refused?.json()).toEqual({
      replies: [{ text: expect.stringMatching(/quá nhiều tin nhắn.*đợi khoảng 9 phút/), buttons: [] }],
    });

    const keys = await sessionKeys();
    expect(keys).toHaveLength(NEW_SESSIONS);
    for (const key of keys) {
      const ttl = await r.redis.ttl(key);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(SHORT_TTL);
    }
    // Nothing the chat path wrote stays forever.
    const chatKeys = (await r.redis.keys(`${r.prefix}*`)).filter((k) => !k.startsWith(bullPrefix));
    const ttls = await Promise.all(chatKeys.map(async (k) => [k, await r.redis.ttl(k)] as const));
    expect(ttls.filter(([, ttl]) => ttl === -1)).toEqual([]);

    const other = await post("198.51.100.23", "đăng ký khai sinh cần giấy tờ gì");
    expect(other.statusCode).toBe(200);
    expect(other.json().replies[0].text).toContain("1.001193");

    expect(await roundTrip(queue, worker, 50)).toBe(100);
    await worker.close();
    await queue.close();
  });

  it("keeps serving a conversation already started while its address may start no new one, and keeps it the normal time", async () => {
    now = T0 + 2 * WINDOW_SECONDS * 1000;
    const ip = "192.0.2.10";
    const first = await post(ip, "đăng ký khai sinh cần giấy tờ gì");
    const cookie = cookieOf(first);
    const key = `${r.prefix}session:web:${decodeURIComponent(cookie.split("=")[1] ?? "").split(".")[0]}`;
    expect(await r.redis.ttl(key)).toBeLessThanOrEqual(SHORT_TTL);
    for (let i = 1; i < NEW_SESSIONS; i++) expect((await post(ip, "lệ phí kết hôn")).statusCode).toBe(200);
    expect((await post(ip, "lệ phí kết hôn")).statusCode).toBe(429);

    const followUp = await post(ip, "lệ phí bao nhiêu", cookie);
    expect(followUp.statusCode).toBe(200);
    expect(followUp.json().replies[0].text).toContain("1.001193");
    // A second message: the conversation is worth keeping now.
    expect(await r.redis.ttl(key)).toBeGreaterThan(SHORT_TTL);

    // The address's message budget holds for cookie holders too.
    const results = [];
    for (let i = 0; i < MESSAGES; i++) results.push((await post(ip, "thời gian bao lâu", cookie)).statusCode);
    expect(results.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect(results.filter((s) => s === 200)).toHaveLength(MESSAGES - NEW_SESSIONS - 2);
  });

  it("lets the address start conversations again in the next window", async () => {
    now = T0 + 4 * WINDOW_SECONDS * 1000;
    const ip = "192.0.2.20";
    for (let i = 0; i < NEW_SESSIONS; i++) await post(ip, "khai sinh");
    expect((await post(ip, "khai sinh")).statusCode).toBe(429);
    now += WINDOW_SECONDS * 1000;
    expect((await post(ip, "khai sinh")).statusCode).toBe(200);
  });

  it("counts an IPv6 client by its /64, so rotating addresses within it does not escape", async () => {
    now = T0 + 6 * WINDOW_SECONDS * 1000;
    const statuses = [];
    for (let i = 1; i <= NEW_SESSIONS + 1; i++)
      statuses.push((await post(`2001:db8:1:2::${i.toString(16)}`, "khai sinh")).statusCode);
    expect(statuses.at(-1)).toBe(429);
    expect((await post("2001:db8:1:3::1", "khai sinh")).statusCode).toBe(200);
    expect((await post("::ffff:192.0.2.99", "khai sinh")).statusCode).toBe(200);
  });

  it("reads an IPv6 address in any spelling as the same /64, and an IPv4-mapped one as IPv4", () => {
    const net = clientBucket("2001:db8:1:2::1");
    expect(clientBucket("2001:0db8:0001:0002:0000:0000:0000:0009")).toBe(net);
    expect(clientBucket("2001:DB8:1:2:ffff::")).toBe(net);
    expect(clientBucket("2001:db8:1::")).not.toBe(net);
    expect(clientBucket("::ffff:192.0.2.1")).toBe(clientBucket("192.0.2.1"));
    expect(clientBucket("192.0.2.1")).not.toBe(clientBucket("192.0.2.2"));
    expect(clientBucket("192.0.2.1")).not.toContain("192");
  });
});
