import type { Logger } from "pino";
import type { Db } from "../../../db/client.js";
import type { ZnsSender } from "../../../feedback/citizen-delivery/zns-message.js";
import { fillTemplate, type ZnsTemplates } from "../../../feedback/citizen-delivery/zns-templates.js";
import { RecipientUnreachableError } from "../../../lib/errors.js";
import type { ChannelConfig } from "../channel-config.js";
import { createZaloOaClient } from "./oa-client.js";
import { errorSummary, type TokenKeeper } from "./token-keeper.js";
import type { ZaloApi, ZnsTemplateMessage } from "./zalo-api-client.js";
import { ZaloApiError, ZaloHttpError, ZNS_REFUSALS } from "./zalo-errors.js";
import { isZaloOaEnabled } from "./zalo-oa-channel.js";

/** ZNS's "unknown error, try again later". */
const ZNS_UNKNOWN = -100;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends the province's approved ZNS templates with the OA's token: a refused token is renewed and
 * the message sent once more; the network, Zalo's server errors and its rate limit are tried again
 * after `retryDelaysMs`, then reported as `zns_unavailable`; Zalo's refusals (quota, template,
 * phone) are reported with their reason at once. Logs carry Zalo's code, never the phone or token.
 */
export function createZnsSender(deps: {
  api: ZaloApi;
  tokens: TokenKeeper;
  templates: ZnsTemplates;
  logger: Logger;
  retryDelaysMs?: readonly number[];
}): ZnsSender {
  const { api, tokens, templates, logger } = deps;
  const delays = deps.retryDelaysMs ?? [500, 2_000];

  async function sendWithToken(body: ZnsTemplateMessage): Promise<{ msgId: string }> {
    const token = await tokens.accessToken();
    try {
      return await api.sendTemplate(token, body);
    } catch (err) {
      if (!(err instanceof ZaloApiError && err.isTokenError)) throw err;
      logger.info({ code: err.code }, "zns: access token refused; renewing and sending again");
      return api.sendTemplate(await tokens.renewAfterRefusal(token), body);
    }
  }

  return {
    steps: new Set(templates.keys()),
    async send({ step, phone, fields, trackingId }) {
      const template = templates.get(step);
      if (!template) throw new RecipientUnreachableError("zns_template");
      const body = {
        phone,
        template_id: template.templateId,
        template_data: fillTemplate(template, fields),
        tracking_id: trackingId,
      };
      for (let attempt = 0; ; attempt++) {
        try {
          return await sendWithToken(body);
        } catch (err) {
          const refusal = err instanceof ZaloApiError ? ZNS_REFUSALS.get(err.code) : undefined;
          if (refusal) {
            logger.info(
              { step, code: (err as ZaloApiError).code, reason: refusal },
              "zns refused the message",
            );
            throw new RecipientUnreachableError(refusal, (err as ZaloApiError).code);
          }
          const transient =
            err instanceof ZaloHttpError ||
            (err instanceof ZaloApiError && (err.isTransient || err.code === ZNS_UNKNOWN));
          const delay = delays[attempt];
          if (transient && delay !== undefined) {
            logger.warn({ step, err: errorSummary(err), attempt }, "zns send failed; trying again");
            await sleep(delay);
            continue;
          }
          logger.warn({ step, err: errorSummary(err) }, "zns send failed");
          const code = err instanceof ZaloApiError ? err.code : undefined;
          throw new RecipientUnreachableError(transient ? "zns_unavailable" : "zns_refused", code);
        }
      }
    },
  };
}

/** ZNS is on when the province configured its templates and the OA (whose token ZNS uses) is set up. */
export function isZnsEnabled(config: ChannelConfig): boolean {
  return Boolean(config.ZALO_ZNS_TEMPLATES?.size) && isZaloOaEnabled(config);
}

/** The ZNS sender the configuration asks for, or undefined (with a warning when only half of it is set). */
export function createConfiguredZns(deps: {
  config: ChannelConfig;
  db: Db;
  logger: Logger;
}): ZnsSender | undefined {
  const templates = deps.config.ZALO_ZNS_TEMPLATES;
  if (!templates?.size) return undefined;
  const logger = deps.logger.child({ channel: "zns" });
  if (!isZaloOaEnabled(deps.config)) {
    logger.warn(
      "ZALO_ZNS_TEMPLATES is set but the Zalo OA is not (ZALO_APP_ID, ZALO_OA_SECRET_KEY, a token): ZNS is off",
    );
    return undefined;
  }
  const { api, tokens } = createZaloOaClient({ ...deps, logger });
  return createZnsSender({ api, tokens, templates, logger });
}
