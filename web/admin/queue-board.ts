import { createBullBoard } from "@bull-board/api";
import { BullMQAdapter } from "@bull-board/api/bullMQAdapter";
import { FastifyAdapter } from "@bull-board/fastify";
import { Queue } from "bullmq";
import type { FastifyInstance } from "fastify";
import { QUEUES } from "../../feedback/queue-names.js";
import { requireOfficer } from "../console/auth-hooks.js";
import type { SiteDeps } from "../site.js";

/** Where the queue board lives. */
export const QUEUE_BOARD_PATH = "/admin/queues";

/**
 * bull-board at /admin/queues for admins only (anyone else: the sign-in page, or 404 for other
 * roles, as requireOfficer decides), on read-only Queue objects of every pipeline queue. The board
 * is read-only: its actions would be state-changing requests without the console's CSRF token, and
 * the pipeline retries and rebuilds jobs by itself. Job data holds database ids only.
 */
export async function registerQueueBoard(
  app: FastifyInstance,
  deps: SiteDeps,
  options: { queuePrefix?: string } = {},
): Promise<void> {
  const queues = Object.values(QUEUES).map(
    (name) => new Queue(name, { connection: deps.redis, prefix: options.queuePrefix }),
  );
  for (const queue of queues)
    queue.on("error", (err) =>
      app.log.debug({ err: err.message, queue: queue.name }, "queue board connection error"),
    );
  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({
    queues: queues.map((queue) => new BullMQAdapter(queue, { readOnlyMode: true })),
    serverAdapter,
    options: { uiConfig: { boardTitle: "motcua · hàng đợi xử lý PAKN", hideDocsLink: true } },
  });
  await app.register(async (scope) => {
    scope.addHook("preHandler", requireOfficer(deps, ["admin"]));
    scope.addHook("onSend", async (_request, reply) => {
      reply.header("cache-control", "no-store");
      reply.header("x-robots-tag", "noindex");
    });
    await scope.register(serverAdapter.registerPlugin(), { prefix: QUEUE_BOARD_PATH });
  });
  app.addHook("onClose", async () => {
    await Promise.allSettled(queues.map((q) => q.close()));
  });
}
