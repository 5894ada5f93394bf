import type { FastifyRequest } from "fastify";
import type { SiteDeps } from "../../site.js";

/**
 * Reloads this process's lessons so its next answer follows the edit; a failed reload is logged
 * only (the lesson is saved, and the periodic sync picks it up).
 */
export async function refreshQuietly(deps: SiteDeps, req: FastifyRequest): Promise<void> {
  try {
    await deps.refreshLessons?.();
  } catch (err) {
    req.log.warn({ err }, "reloading the lessons failed");
  }
}
