import type { FastifyInstance } from "fastify";
import type { Reply } from "../../lib/reply.js";

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
  /**
   * Sends replies to a conversation without a message to answer (a PAKN status change); channels
   * that cannot reach a citizen unprompted (the web chat) leave it out.
   */
  push?(conversation: string, replies: Reply[]): Promise<void>;
  /**
   * Whether a push reaches the person right now, for channels that can only show it while they
   * are there (the web chat: its page is open); channels that deliver any time leave it out.
   */
  isLive?(conversation: string): Promise<boolean>;
  /** Stops background work and waits for replies still being sent. */
  stop?(): Promise<void>;
}
