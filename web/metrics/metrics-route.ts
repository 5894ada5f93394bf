import { createHash, timingSafeEqual } from "node:crypto";
import type { FastifyInstance } from "fastify";
import type { Redis } from "ioredis";
import { collectDefaultMetrics, Gauge, Registry } from "prom-client";
import type { Db } from "../../db/client.js";
import { countOverdueByAgency } from "../../feedback/overdue-count.js";
import { withTimeout } from "../../lib/with-timeout.js";
import { registerHttpMetrics } from "./http-metrics.js";
import { createQueueMetrics } from "./queue-metrics.js";

/** What `/metrics` reads: the database (overdue count), Redis (queue depths), an optional token. */
export interface MetricsDeps {
  db: Db;
  redis: Redis;
  /** METRICS_TOKEN: when set, a scrape must send `Authorization: Bearer <token>`. */
  metricsToken?: string;
  /** BullMQ key prefix of the pipeline's queues (tests); default BullMQ's own. */
  queuePrefix?: string;
  now?: () => Date;
}

/** Label for PAKN no agency holds yet (waiting for the coordinator's triage). */
export const NO_AGENCY = "(none)";

/** How long a scrape waits for Redis before reporting the queues as unavailable. */
const QUEUE_TIMEOUT_MS = 2_000;

const digest = (value: string) => createHash("sha256").update(value).digest();

/** Constant-time check of `Authorization: Bearer <token>` (digests, so lengths leak nothing either). */
function bearerMatches(header: string | undefined, token: string): boolean {
  const given = /^Bearer +(\S+)\s*$/i.exec(header ?? "")?.[1] ?? "";
  return timingSafeEqual(digest(given), digest(token));
}

/**
 * `GET /metrics` in Prometheus text: process metrics, HTTP requests and durations by route
 * pattern, overdue PAKN per agency (one grouped query per scrape) and every pipeline queue's depth
 * through BullMQ's own export. It carries no personal data; METRICS_TOKEN closes it when set.
 */
export async function registerMetrics(app: FastifyInstance, deps: MetricsDeps): Promise<void> {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  registerHttpMetrics(app, registry);
  new Gauge({
    name: "motcua_pakn_overdue",
    help: "PAKN waiting for their answer past the answer date, by agency",
    labelNames: ["agency"] as const,
    registers: [registry],
    async collect() {
      const counts = await countOverdueByAgency(deps, { now: deps.now?.() ?? new Date() });
      this.reset();
      for (const c of counts) this.set({ agency: c.agencyId ?? NO_AGENCY }, c.count);
    },
  });
  const queues = createQueueMetrics(deps.redis, {
    prefix: deps.queuePrefix,
    onError: (err) => app.log.debug({ err: err.message }, "queue metrics connection error"),
  });
  const queuesUp = new Gauge({
    name: "motcua_queue_metrics_up",
    help: "1 when the queue depths below were read from Redis on this scrape, 0 when Redis did not answer",
    registers: [registry],
  });
  app.addHook("onClose", () => queues.close());

  app.get("/metrics", async (request, reply) => {
    if (deps.metricsToken && !bearerMatches(request.headers.authorization, deps.metricsToken)) {
      return reply
        .status(401)
        .header("www-authenticate", 'Bearer realm="metrics"')
        .type("text/plain; charset=utf-8")
        .send("unauthorized\n");
    }
    const queueText = await withTimeout(queues.text(), QUEUE_TIMEOUT_MS).catch((err) => {
      request.log.warn({ err: (err as Error).message }, "queue metrics unavailable");
      return "";
    });
    queuesUp.set(queueText ? 1 : 0);
    const text = await registry.metrics();
    return reply
      .header("cache-control", "no-store")
      .type(registry.contentType)
      .send(`${text.trimEnd()}\n${queueText ? `${queueText}\n` : ""}`);
  });
}
