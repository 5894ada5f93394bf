import type { FastifyInstance } from "fastify";

/**
 * A messaging channel as the composition root sees it: the HTTP routes it adds (webhooks), and
 * what it does at start and stop (long polling, setWebhook, token refresh timers).
 */
export interface Channel {
  name: string;
  /** Registers the channel's webhook routes; called before the server listens. */
  routes?(app: FastifyInstance): void | Promise<void>;
  /** Called once the server listens. */
  start?(): Promise<void>;
  /** Stops background work and waits for replies still being sent. */
  stop?(): Promise<void>;
}
