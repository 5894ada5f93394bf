import { createHash, timingSafeEqual } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Logger } from "pino";
import { AppError } from "../../../lib/errors.js";
import { describeError } from "./describe-error.js";

/** Where Telegram posts updates (DESIGN.md contract). */
export const TELEGRAM_WEBHOOK_PATH = "/webhooks/telegram";

/** The header Telegram sets to the `secret_token` given to `setWebhook`. */
export const TELEGRAM_SECRET_HEADER = "x-telegram-bot-api-secret-token";

/** Compares in constant time (both sides hashed to the same length first). */
export function secretMatches(given: unknown, expected: string): boolean {
  if (typeof given !== "string" || !given) return false;
  const digest = (s: string) => createHash("sha256").update(s, "utf8").digest();
  return timingSafeEqual(digest(given), digest(expected));
}

function isUpdate(body: unknown): boolean {
  return (
    typeof body === "object" &&
    body !== null &&
    !Array.isArray(body) &&
    Number.isSafeInteger((body as { update_id?: unknown }).update_id)
  );
}

/**
 * Registers `POST /webhooks/telegram`: a missing or wrong secret header gets 401 before the body
 * is even read, a body that is not an update gets 400, and a genuine update goes to `handle`
 * (grammY's webhook callback, which answers 200 once the channel took the update).
 */
export function registerTelegramWebhook(
  app: FastifyInstance,
  options: {
    secret: string;
    logger: Logger;
    handle: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
  },
): void {
  const { secret, logger, handle } = options;
  app.post(
    TELEGRAM_WEBHOOK_PATH,
    {
      onRequest: async (request, reply) => {
        if (secretMatches(request.headers[TELEGRAM_SECRET_HEADER], secret)) return;
        logger.warn({ ip: request.ip }, "telegram webhook with a missing or wrong secret");
        return reply
          .code(401)
          .send({ error: { code: "unauthorized", message: "Thiếu hoặc sai mã bí mật của webhook." } });
      },
      preHandler: async (request) => {
        if (!isUpdate(request.body)) throw new AppError("bad_request", "body is not a Telegram update");
      },
    },
    async (request, reply) => {
      try {
        await handle(request, reply);
      } catch (err) {
        // Not taken (e.g. getMe failed on a web-only process): Telegram delivers it again after a non-2xx.
        logger.error({ err: describeError(err) }, "telegram update not handled, asking for redelivery");
        throw new AppError("unavailable", "telegram update not handled");
      }
      return reply;
    },
  );
}
