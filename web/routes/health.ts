import type { FastifyInstance } from "fastify";

/** A dependency the health check probes. */
export type HealthProbe = () => Promise<unknown>;

/** `GET /healthz`: 200 when the database answers (Redis is reported; losing it degrades follow-ups only). */
export function registerHealth(
  app: FastifyInstance,
  probes: { database: HealthProbe; redis: HealthProbe; procedures: () => number },
): void {
  const check = async (probe: HealthProbe) => {
    try {
      await Promise.race([
        probe(),
        new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), 1_500)),
      ]);
      return "ok";
    } catch {
      return "down";
    }
  };
  app.get("/healthz", async (_request, reply) => {
    const [database, redis] = await Promise.all([check(probes.database), check(probes.redis)]);
    const status = database === "ok" ? (redis === "ok" ? "ok" : "degraded") : "down";
    return reply
      .status(status === "down" ? 503 : 200)
      .header("cache-control", "no-store")
      .send({ status, database, redis, procedures: probes.procedures() });
  });
}
