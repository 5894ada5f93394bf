import type { Logger } from "pino";
import type { Db } from "../../../db/client.js";
import { recordDeliveryFailure } from "../../../db/delivery-failure-repo.js";
import type { Reply } from "../../../lib/reply.js";
import { ZALO_CHANNEL } from "./parse-event.js";
import { renderReplies } from "./render-replies.js";
import { errorSummary, type TokenKeeper } from "./token-keeper.js";
import type { ZaloApi, ZaloCsMessage } from "./zalo-api-client.js";
import { ZaloApiError, ZaloHttpError } from "./zalo-errors.js";

/**
 * Sends a turn's replies to one Zalo user; says "sent", or the Zalo code that refused the recipient
 * (the 7-day window, not following, blocked) when the first message could not be delivered.
 */
export type ZaloSender = (userId: string, replies: Reply[]) => Promise<"sent" | { refused: number }>;

/** What the sender needs. */
export interface ZaloSenderDeps {
  api: ZaloApi;
  tokens: TokenKeeper;
  db: Db;
  logger: Logger;
  /** Waits before each further try of a transient failure (network, HTTP 5xx, rate limit). */
  retryDelaysMs?: readonly number[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Renders and sends replies in order. A refused access token is renewed and the message sent again
 * once; a recipient Zalo will not deliver to (7-day window …) is recorded and the rest of the turn
 * dropped; a malformed message is recorded and skipped; transient failures are tried again a few
 * times and then thrown, so the dispatcher releases the delivery for another attempt.
 */
export function createZaloSender(deps: ZaloSenderDeps): ZaloSender {
  const { api, tokens, db, logger } = deps;
  const delays = deps.retryDelaysMs ?? [250, 1_000];

  async function sendWithToken(body: ZaloCsMessage): Promise<void> {
    const token = await tokens.accessToken();
    try {
      await api.sendCs(token, body);
    } catch (err) {
      if (!(err instanceof ZaloApiError && err.isTokenError)) throw err;
      logger.info(
        { channel: ZALO_CHANNEL, code: err.code },
        "access token refused; renewing and sending again",
      );
      const fresh = await tokens.renewAfterRefusal(token);
      await api.sendCs(fresh, body);
    }
  }

  async function sendOne(body: ZaloCsMessage): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await sendWithToken(body);
      } catch (err) {
        const transient = err instanceof ZaloHttpError || (err instanceof ZaloApiError && err.isTransient);
        const delay = delays[attempt];
        if (!transient || delay === undefined) throw err;
        logger.warn({ channel: ZALO_CHANNEL, err: errorSummary(err), attempt }, "send failed; trying again");
        await sleep(delay);
      }
    }
  }

  async function record(recipient: string, errorCode: number): Promise<void> {
    try {
      await recordDeliveryFailure(db, { channel: ZALO_CHANNEL, recipient, errorCode });
    } catch (err) {
      logger.error({ channel: ZALO_CHANNEL, err: errorSummary(err) }, "could not record a delivery failure");
    }
  }

  return async (userId, replies) => {
    let delivered = 0;
    for (const body of renderReplies(userId, replies)) {
      try {
        await sendOne(body);
        delivered += 1;
      } catch (err) {
        if (
          !(err instanceof ZaloApiError) ||
          err.isTokenError ||
          err.isTransient ||
          err.method !== "message/cs"
        )
          throw err;
        await record(userId, err.code);
        if (err.isRecipientError) {
          logger.info({ channel: ZALO_CHANNEL, code: err.code }, "recipient cannot be reached now; recorded");
          return delivered === 0 ? { refused: err.code } : "sent";
        }
        logger.error(
          { channel: ZALO_CHANNEL, code: err.code, err: errorSummary(err) },
          "message refused; recorded",
        );
      }
    }
    return "sent";
  };
}
