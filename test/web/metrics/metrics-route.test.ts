import { Queue } from "bullmq";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../db/client.js";
import { createPakn, transitionPakn } from "../../../feedback/pakn-repo.js";
import { QUEUES } from "../../../feedback/queue-names.js";
import { buildWebApp } from "../../../web/app.js";
import { registerMetrics } from "../../../web/metrics/metrics-route.js";
import { createTestDispatcher } from "../../helpers/bot.js";
import { createTestDatabase, DRIVERS } from "../../helpers/databases.js";
import { silentLogger } from "../../helpers/knowledge.js";
import { confirmedPakn } from "../../helpers/pakn.js";
import { createTestRedis } from "../../helpers/redis.js";
import { TEST_NOW } from "../../helpers/test-clock.js";

const TOKEN = "metrics-token-0123456789";
const DAY = 24 * 60 * 60 * 1000;

/** Every sample line is `name{labels} value` (Go's float syntax, case-insensitive), no family declared twice. */
function expectValidExposition(text: string): void {
  const types = new Map<string, number>();
  for (const line of text.split("\n")) {
    if (!line) continue;
    const type = /^# TYPE (\S+) (counter|gauge|histogram|summary|untyped)$/.exec(line);
    if (type) types.set(type[1] as string, (types.get(type[1] as string) ?? 0) + 1);
    else if (!line.startsWith("# HELP "))
      expect(line).toMatch(/^[a-zA-Z_:][a-zA-Z0-9_:]*(\{[^}]*\})? (-?[0-9.e+-]+|nan|[+-]inf)$/i);
  }
  for (const [name, count] of types) expect(count, `TYPE ${name}`).toBe(1);
}

const sample = (text: string, prefix: string) =>
  text
    .split("\n")
    .find((l) => l.startsWith(prefix))
    ?.split(" ")
    .at(-1);

describe.each(DRIVERS)("GET /metrics on %s", (driver) => {
  const r = createTestRedis();
  let database: Database;
  let dispose: () => Promise<void>;
  let app: FastifyInstance;
  let closed: FastifyInstance;
  let queue: Queue;

  const build = async (metricsToken?: string) => {
    const web = await buildWebApp({
      dispatcher: createTestDispatcher(r),
      logger: silentLogger,
      sessionSecret: "test-secret-0123456789abcdef",
      secureCookies: false,
      probes: { database: async () => 1, redis: () => r.redis.ping(), procedures: () => 1 },
    });
    await registerMetrics(web, {
      db: database.db,
      redis: r.redis,
      queuePrefix: r.prefix,
      metricsToken,
      now: () => TEST_NOW,
    });
    web.get("/items/:id", async () => ({ ok: true }));
    return web;
  };

  beforeAll(async () => {
    ({ database, dispose } = await createTestDatabase(driver));
    const past = new Date(TEST_NOW.getTime() - 3 * DAY);
    const future = new Date(TEST_NOW.getTime() + 3 * DAY);
    for (const [i, due] of [past, past, future].entries()) {
      const { row } = await createPakn(database.db, confirmedPakn(`m-${i}`, { answerDueAt: due }));
      await transitionPakn(database.db, {
        paknId: row.id,
        to: "assigned",
        actor: "system",
        set: { agencyId: "so-xay-dung" },
      });
    }
    // Not assigned yet (waiting for triage), overdue all the same.
    await createPakn(database.db, confirmedPakn("m-3", { answerDueAt: past }));
    queue = new Queue(QUEUES.classify, { connection: r.redis, prefix: r.prefix });
    await queue.add("classify", { paknId: 1 }, { jobId: "classify-1" });
    await queue.add("classify", { paknId: 2 }, { jobId: "classify-2", delay: 60_000 });
    app = await build();
    closed = await build(TOKEN);
  });
  afterAll(async () => {
    await app.close();
    await closed.close();
    await queue.obliterate({ force: true });
    await queue.close();
    await r.dispose();
    await dispose();
  });

  it("exposes process, HTTP, overdue and queue metrics in valid Prometheus text", async () => {
    await app.inject({ url: "/healthz" });
    await app.inject({ url: "/items/84912345678" });
    await app.inject({ url: "/no/such/page-0912345678" });
    const res = await app.inject({ url: "/metrics" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("text/plain");
    const text = res.body;
    expectValidExposition(text);
    expect(text).toContain("process_cpu_user_seconds_total");
    expect(text).toContain("nodejs_heap_size_used_bytes");
    expect(sample(text, 'http_requests_total{method="GET",route="/healthz",status="200"}')).toBe("1");
    expect(sample(text, 'http_requests_total{method="GET",route="/items/:id",status="200"}')).toBe("1");
    expect(sample(text, 'http_requests_total{method="GET",route="(unmatched)",status="404"}')).toBe("1");
    expect(text).toContain('http_request_duration_seconds_bucket{le="0.005",method="GET",route="/healthz"');
    // Labels are route patterns: a raw URL (and whatever a caller put in it) never appears.
    expect(text).not.toContain("84912345678");
    expect(text).not.toContain("0912345678");
    expect(sample(text, 'motcua_pakn_overdue{agency="so-xay-dung"}')).toBe("2");
    expect(sample(text, 'motcua_pakn_overdue{agency="(none)"}')).toBe("1");
    expect(sample(text, "motcua_queue_metrics_up")).toBe("1");
    expect(sample(text, 'bullmq_job_count{queue="pakn-classify", state="waiting"}')).toBe("1");
    expect(sample(text, 'bullmq_job_count{queue="pakn-classify", state="delayed"}')).toBe("1");
    for (const name of Object.values(QUEUES))
      expect(text).toContain(`bullmq_job_count{queue="${name}", state="active"} 0`);
    expect(text.match(/^# HELP bullmq_job_count /gm)).toHaveLength(1);
  });

  it("counts its own scrapes and follows the overdue count as it changes", async () => {
    const before = await app.inject({ url: "/metrics" });
    expect(
      sample(before.body, 'http_requests_total{method="GET",route="/metrics",status="200"}'),
    ).toBeDefined();
    await createPakn(database.db, confirmedPakn("m-4", { answerDueAt: new Date(TEST_NOW.getTime() - DAY) }));
    const after = await app.inject({ url: "/metrics" });
    expect(sample(after.body, 'motcua_pakn_overdue{agency="(none)"}')).toBe("2");
  });

  it("wants the bearer token when METRICS_TOKEN is set", async () => {
    const anonymous = await closed.inject({ url: "/metrics" });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers["www-authenticate"]).toContain("Bearer");
    expect(anonymous.body).not.toContain("motcua_");
    const wrong = await closed.inject({ url: "/metrics", headers: { authorization: `Bearer ${TOKEN}x` } });
    expect(wrong.statusCode).toBe(401);
    const right = await closed.inject({ url: "/metrics", headers: { authorization: `Bearer ${TOKEN}` } });
    expect(right.statusCode).toBe(200);
    expect(right.body).toContain("motcua_pakn_overdue");
  });

  it("still answers, marking the queues unavailable, when Redis does not", async () => {
    const broken = createTestRedis();
    await broken.redis.quit();
    const web = await buildWebApp({
      dispatcher: createTestDispatcher(r),
      logger: silentLogger,
      sessionSecret: "test-secret-0123456789abcdef",
      secureCookies: false,
      probes: { database: async () => 1, redis: async () => 1, procedures: () => 1 },
    });
    await registerMetrics(web, { db: database.db, redis: broken.redis, queuePrefix: broken.prefix });
    const res = await web.inject({ url: "/metrics" });
    expect(res.statusCode).toBe(200);
    expect(sample(res.body, "motcua_queue_metrics_up")).toBe("0");
    expect(res.body).toContain("motcua_pakn_overdue");
    await web.close();
  });
});
