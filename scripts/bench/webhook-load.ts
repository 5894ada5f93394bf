import { type Agent, request } from "node:http";
import type { Delivery } from "./webhook-workload.js";

/** What happened to one delivery: its HTTP status (0: no answer) and latency from its scheduled time. */
export interface DeliveryOutcome {
  delivery: Delivery;
  status: number;
  latencyMs: number;
  /** `performance.now()` when the answer arrived. */
  doneAt: number;
  /** `performance.now()` when the request got its connection, and whether that one was reused. */
  socketAt: number;
  reusedSocket: boolean;
}

/** The outcome of an open-loop run. */
export interface LoadResult {
  /** `performance.now()` of the schedule's time zero. */
  startedAt: number;
  outcomes: DeliveryOutcome[];
  /** How late the generator itself sent its worst delivery (its own event loop), in ms. */
  maxSendLagMs: number;
}

/**
 * Offers the deliveries open-loop: each is sent at its scheduled time whatever the answers to
 * earlier ones, over the keep-alive connections of `agent` (its `maxSockets`: Telegram's
 * `max_connections` is 40 by default, 100 at most), and its latency counts from the scheduled time, so queueing
 * behind a slow server is measured rather than hidden.
 */
export async function offerLoad(options: {
  url: string;
  secret: string;
  deliveries: Delivery[];
  agent: Agent;
  timeoutMs?: number;
  onProgress?: (sent: number) => void;
}): Promise<LoadResult> {
  const { deliveries } = options;
  const url = new URL(options.url);
  const { agent } = options;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const outcomes: DeliveryOutcome[] = [];
  let maxSendLagMs = 0;

  const send = (delivery: Delivery, scheduledAt: number) =>
    new Promise<void>((resolve) => {
      let socketAt = 0;
      const finish = (status: number) => {
        const doneAt = performance.now();
        const reusedSocket = req.reusedSocket;
        outcomes.push({ delivery, status, latencyMs: doneAt - scheduledAt, doneAt, socketAt, reusedSocket });
        resolve();
      };
      const req = request(
        {
          agent,
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: "POST",
          timeout: timeoutMs,
          headers: {
            "content-type": "application/json",
            "content-length": Buffer.byteLength(delivery.body),
            "x-telegram-bot-api-secret-token": options.secret,
          },
        },
        (res) => {
          res.resume();
          res.on("end", () => finish(res.statusCode ?? 0));
          res.on("error", () => finish(0));
        },
      );
      req.on("socket", () => {
        socketAt = performance.now();
      });
      req.on("timeout", () => req.destroy(new Error("timeout")));
      req.on("error", () => finish(0));
      req.end(delivery.body);
    });

  const pending: Promise<void>[] = [];
  const startedAt = performance.now();
  let next = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now() - startedAt;
      while (next < deliveries.length && (deliveries[next] as Delivery).at <= now) {
        const delivery = deliveries[next++] as Delivery;
        maxSendLagMs = Math.max(maxSendLagMs, now - delivery.at);
        pending.push(send(delivery, startedAt + delivery.at));
      }
      options.onProgress?.(next);
      if (next >= deliveries.length) return resolve();
      const wait = (deliveries[next] as Delivery).at - (performance.now() - startedAt);
      setTimeout(tick, Math.max(0, Math.min(wait, 50)));
    };
    tick();
  });
  await Promise.all(pending);
  return { startedAt, outcomes, maxSendLagMs };
}
