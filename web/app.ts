import cookie from "@fastify/cookie";
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from "fastify";
import type { Logger } from "pino";
import type { Channel } from "../bot/channels/channel.js";
import type { WebInbox } from "../bot/channels/web-inbox.js";
import type { Dispatcher } from "../bot/core/dispatch.js";
import type { FeedbackService } from "../feedback/feedback-service.js";
import { LOG_SERIALIZERS } from "../lib/log-serializers.js";
import type { ChatIpLimit } from "./chat-ip-limit.js";
import { registerErrorHandler } from "./error-handler.js";
import { registerStrictJson } from "./json-body.js";
import { registerPathGuard } from "./path-guard.js";
import { parseQueryString } from "./query-params.js";
import { registerAssets } from "./routes/assets.js";
import { registerChatApi } from "./routes/chat-api.js";
import { registerChatPage } from "./routes/chat-page.js";
import { type HealthProbe, registerHealth } from "./routes/health.js";
import { registerSite, type SiteDeps } from "./site.js";

/** What the web role needs. */
export interface WebDeps {
  dispatcher: Dispatcher;
  /** The PAKN service, for the updates a web chat visitor missed (default: the site's). */
  feedback?: FeedbackService;
  /** Messaging channels whose webhooks this process serves. */
  channels?: Channel[];
  /** Where pushed messages wait for web chat visitors. */
  inbox?: WebInbox;
  /** Per-address budget of the web chat API (messages, new conversations); unset: no limit. */
  chatIpLimit?: ChatIpLimit;
  logger: Logger;
  /**
   * TRUST_PROXY: the proxies whose X-Forwarded-* headers to believe (IPs, CIDRs, `loopback`);
   * unset or false: nobody's, so request.ip is the socket's address and a Host is never taken from them.
   */
  trustProxy?: false | string[];
  sessionSecret: string;
  secureCookies: boolean;
  probes: { database: HealthProbe; redis: HealthProbe; procedures: () => number };
  /** The officer console, public pages, Open311 and metrics; unset in channel-only tests. */
  site?: SiteDeps;
}

/** A web chat visitor's waiting PAKN updates: the cookie id is both their conversation and their identity. */
function webUpdates(feedback: FeedbackService) {
  return (conversation: string) => feedback.takeUpdates({ channel: "web", user: conversation });
}

/** Builds the Fastify app (not listening): health, the web chat page and its API, and the channels' webhooks. */
export async function buildWebApp(deps: WebDeps): Promise<FastifyInstance> {
  const app = Fastify({
    // Whatever logger is given, request URLs lose their query values and errors their parameters.
    loggerInstance: deps.logger.child({}, { serializers: LOG_SERIALIZERS }) as FastifyBaseLogger,
    trustProxy: deps.trustProxy ?? false,
    // Query strings lose control characters (a %00 would reach PostgreSQL) before any route reads them.
    routerOptions: { querystringParser: parseQueryString },
  }) as unknown as FastifyInstance;
  registerErrorHandler(app);
  registerPathGuard(app);
  registerStrictJson(app);
  await app.register(cookie, { secret: deps.sessionSecret });
  registerHealth(app, deps.probes);
  registerAssets(app);
  registerChatPage(app);
  const feedback = deps.feedback ?? deps.site?.feedback;
  registerChatApi(app, {
    dispatcher: deps.dispatcher,
    secureCookies: deps.secureCookies,
    inbox: deps.inbox,
    ipLimit: deps.chatIpLimit,
    ...(feedback ? { waitingUpdates: webUpdates(feedback) } : {}),
  });
  for (const channel of deps.channels ?? []) await channel.routes?.(app);
  // With the site, `/` is its home page; a channels-only app sends visitors to the chat.
  if (deps.site) await registerSite(app, deps.site);
  else app.get("/", (_req, reply) => reply.redirect("/chat"));
  return app;
}
