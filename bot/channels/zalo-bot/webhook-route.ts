import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Logger } from "pino";
import { AppError } from "../../../lib/errors.js";
import type { InboundMessage } from "../../core/types.js";
import { parseZaloBotUpdate } from "./parse-update.js";
import { secretTokenMatches } from "./secret-token.js";

/** Where the Zalo Bot Platform posts updates (DESIGN.md contract). */
export const ZALO_BOT_WEBHOOK_PATH = "/webhooks/zalo-bot";

/** The header the platform repeats the `secret_token` of setWebhook in. */
export const ZALO_BOT_SECRET_HEADER = "x-bot-api-secret-token";

const utf8 = new TextDecoder("utf-8", { fatal: true });

function parseJson(body: unknown): unknown {
  if (!Buffer.isBuffer(body) || body.length === 0) throw new AppError("invalid_json", "empty body");
  let text: string;
  try {
    text = utf8.decode(body);
  } catch {
    throw new AppError("invalid_utf8", "body is not valid UTF-8");
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new AppError("invalid_json", (err as Error).message);
  }
}

/**
 * Registers `POST /webhooks/zalo-bot` in its own scope: the secret header is checked before the
 * body is even read (401, nothing processed), the raw bytes are parsed whatever the content type,
 * and a parsed message is handed to `accept`, which must not wait for the answer: the platform
 * expects a 200 within 2 seconds. Unknown events are acknowledged and ignored.
 */
export async function registerZaloBotWebhook(
  app: FastifyInstance,
  deps: { secret: string; logger: Logger; accept: (message: InboundMessage) => void },
): Promise<void> {
  const { secret, logger, accept } = deps;

  const verify = async (request: FastifyRequest, reply: FastifyReply) => {
    if (secretTokenMatches(request.headers[ZALO_BOT_SECRET_HEADER], secret)) return;
    logger.warn({ ip: request.ip }, "zalo-bot webhook with a missing or wrong secret token");
    return reply
      .status(401)
      .send({ error: { code: "unauthorized", message: "Yêu cầu không được xác thực." } });
  };

  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser("*", { parseAs: "buffer" }, (_request, body, done) => done(null, body));
    scope.post(ZALO_BOT_WEBHOOK_PATH, { onRequest: verify }, async (request) => {
      const parsed = parseZaloBotUpdate(parseJson(request.body));
      if (parsed.kind === "invalid") throw new AppError("bad_request", parsed.reason);
      if (parsed.kind === "ignored") {
        logger.debug({ event: parsed.event }, "zalo-bot event ignored");
        return { ok: true };
      }
      accept(parsed.message);
      return { ok: true };
    });
  });
}
