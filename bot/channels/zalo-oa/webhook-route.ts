import type { FastifyInstance } from "fastify";
import type { Logger } from "pino";
import { AppError } from "../../../lib/errors.js";
import { parseZaloEvent, type ZaloEventOutcome } from "./parse-event.js";
import {
  DEFAULT_MAX_EVENT_AGE_MS,
  eventTimestamp,
  isFreshTimestamp,
  verifyZaloSignature,
  zaloEventMac,
} from "./webhook-signature.js";

/** The path Zalo posts events to (DESIGN.md contract). */
export const ZALO_WEBHOOK_PATH = "/webhooks/zalo";

/** What the webhook needs to verify events and hand them on. */
export interface ZaloWebhookOptions {
  appId: string;
  oaSecretKey: string;
  logger: Logger;
  /** Called with each verified event; must not block (the answer goes back at once). */
  onEvent: (outcome: ZaloEventOutcome) => void;
  maxEventAgeMs?: number;
  now?: () => number;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Registers `POST /webhooks/zalo` in its own plugin scope, with a raw-buffer body parser because
 * the MAC covers the exact bytes: forged, missing or stale signatures get 401 and nothing else
 * happens; a genuine but malformed body gets 400; a genuine event is handed on and acknowledged.
 */
export async function registerZaloWebhook(app: FastifyInstance, options: ZaloWebhookOptions): Promise<void> {
  const now = options.now ?? Date.now;
  const maxAge = options.maxEventAgeMs ?? DEFAULT_MAX_EVENT_AGE_MS;
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser("*", { parseAs: "buffer" }, (_request, body, done) => done(null, body));

    scope.post(ZALO_WEBHOOK_PATH, async (request, reply) => {
      const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      let text = "";
      let parsed: unknown;
      let malformed = false;
      try {
        text = utf8.decode(raw);
        parsed = JSON.parse(text);
      } catch {
        malformed = true;
      }
      const timestamp = eventTimestamp(malformed ? undefined : parsed, text);
      const header = request.headers["x-zevent-signature"];
      const signature = Array.isArray(header) ? header[0] : header;
      const genuine =
        timestamp !== undefined &&
        verifyZaloSignature(signature, zaloEventMac(options.appId, raw, timestamp, options.oaSecretKey));
      if (!genuine || !isFreshTimestamp(timestamp, now(), maxAge)) {
        request.log.warn({ signed: Boolean(signature), genuine }, "zalo webhook rejected");
        return reply.code(401).send({ error: { code: "unauthorized", message: "Chữ ký không hợp lệ." } });
      }
      if (malformed || !parsed || typeof parsed !== "object" || Array.isArray(parsed)) {
        throw new AppError("invalid_json", "event is not a JSON object");
      }
      try {
        options.onEvent(parseZaloEvent(parsed));
      } catch (err) {
        options.logger.error({ err }, "zalo event could not be handed on");
      }
      return { ok: true };
    });
  });
}
