import type { FastifyInstance } from "fastify";
import type { Redis } from "ioredis";
import type { Db } from "../db/client.js";
import type { FeedbackService } from "../feedback/feedback-service.js";
import type { AgencyDirectory } from "../feedback/routing/agencies.js";
import type { WorkingCalendar } from "../feedback/working-calendar.js";
import type { KnowledgeBase } from "../knowledge/decision-types.js";
import { registerQueueBoard } from "./admin/queue-board.js";
import { registerAdminPages } from "./console/admin/admin-pages.js";
import { registerConsoleAuth } from "./console/auth-pages.js";
import { isConsolePath } from "./console/console-paths.js";
import { registerLearningPages } from "./console/learning/learning-pages.js";
import { registerConsoleWork } from "./console/register-console-work.js";
import { registerFormBody } from "./form-body.js";
import { registerMetrics } from "./metrics/metrics-route.js";
import { registerOpen311 } from "./open311/open311-routes.js";
import { registerPublicPages } from "./public/register-public-pages.js";

/**
 * What the officer console, the public pages, Open311 and the metrics need: the database, Redis,
 * the knowledge base, the PAKN intake, the agency list and calendar; absent in channel-only tests.
 */
export interface SiteDeps {
  db: Db;
  redis: Redis;
  kb: KnowledgeBase;
  feedback: FeedbackService;
  agencies: AgencyDirectory;
  calendar: WorkingCalendar;
  /** Keys allowed to POST to Open311 (OPEN311_API_KEYS). */
  open311ApiKeys: readonly string[];
  /** METRICS_TOKEN: when set, `/metrics` wants it as a bearer token. */
  metricsToken?: string;
  /** Secure cookies when served over https. */
  secureCookies: boolean;
  publicUrl?: string;
  /** Where PAKN photos are stored (uploadsDirOf(config)); the public pages serve only those marked safe. */
  uploadsDir?: string;
  /** How long an officer's console session lasts from sign-in (OFFICER_SESSION_MAX_HOURS; default 12 hours). */
  officerSessionMaxMs?: number;
  /** Prefix of the site's Redis keys (default "motcua:"; tests give each run its own). */
  redisPrefix?: string;
  now?: () => Date;
  /** Reloads the editors' lessons in this process at once (other processes poll for them). */
  refreshLessons?: () => Promise<void>;
  /** The steps the province has an approved ZNS template for: officers may resend those by ZNS. */
  znsSteps?: ReadonlySet<string>;
}

/** Registers every area of the web site that works on PAKN data; each area is one call. */
export async function registerSite(app: FastifyInstance, deps: SiteDeps): Promise<void> {
  // Plain HTML forms post to the console; Open311 clients post forms too.
  registerFormBody(app, { accepts: (url) => isConsolePath(url) || url.startsWith("/open311/") });
  await registerConsoleAuth(app, deps);
  await registerConsoleWork(app, deps);
  await registerAdminPages(app, deps);
  registerLearningPages(app, deps);
  await registerMetrics(app, deps);
  await registerQueueBoard(app, deps);
  await registerOpen311(app, deps);
  await registerPublicPages(app, deps);
}
