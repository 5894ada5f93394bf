import type { FastifyInstance } from "fastify";
import type { Redis } from "ioredis";
import type { Database } from "../../db/client.js";
import { loadWorkingCalendar } from "../../feedback/holidays-file.js";
import { loadAgencies } from "../../feedback/routing/agencies.js";
import { buildWebApp, type WebDeps } from "../../web/app.js";
import type { SiteDeps } from "../../web/site.js";
import { createTestDispatcher, testFeedbackService } from "./bot.js";
import { createTestDatabase, type Driver } from "./databases.js";
import { bundledKnowledgeBase, silentLogger } from "./knowledge.js";
import { createTestRedis } from "./redis.js";
import { TEST_NOW } from "./test-clock.js";

/** A whole web app with the site (console, public pages, Open311) on a fresh database and Redis prefix. */
export interface TestSite {
  app: FastifyInstance;
  database: Database;
  redis: Redis;
  prefix: string;
  site: SiteDeps;
  /** Moves the site's clock (every `deps.now` reads it); starts at `clock` or `TEST_NOW`. */
  clock: { now: Date; advance(ms: number): void };
  dispose(): Promise<void>;
}

/**
 * Builds the real Fastify app with its site deps (bundled knowledge base, PAKN service, agencies,
 * working calendar) on a migrated test database of the given driver, with an adjustable clock.
 */
export async function buildTestSite(
  options: {
    driver?: Driver;
    site?: Partial<SiteDeps>;
    clock?: Date;
    /** The app's logger (default: silent); tests that read log lines pass a capturing one. */
    logger?: WebDeps["logger"];
    /** TRUST_PROXY as the app gets it (default: trust no proxy). */
    trustProxy?: WebDeps["trustProxy"];
  } = {},
): Promise<TestSite> {
  const r = createTestRedis();
  const { database, dispose } = await createTestDatabase(options.driver ?? "pglite");
  const clock = {
    now: options.clock ?? TEST_NOW,
    advance(ms: number) {
      clock.now = new Date(clock.now.getTime() + ms);
    },
  };
  const feedback = testFeedbackService(database.db);
  const site: SiteDeps = {
    db: database.db,
    redis: r.redis,
    kb: bundledKnowledgeBase(),
    feedback,
    agencies: loadAgencies(),
    calendar: loadWorkingCalendar(),
    open311ApiKeys: [],
    secureCookies: false,
    redisPrefix: r.prefix,
    now: () => clock.now,
    ...options.site,
  };
  const app = await buildWebApp({
    dispatcher: createTestDispatcher(r, { feedback }),
    logger: options.logger ?? silentLogger,
    trustProxy: options.trustProxy,
    sessionSecret: "site-test-session-secret-0123456789",
    secureCookies: false,
    probes: { database: async () => 1, redis: () => r.redis.ping(), procedures: () => 2642 },
    site,
  });
  return {
    app,
    database,
    redis: r.redis,
    prefix: r.prefix,
    site,
    clock,
    dispose: async () => {
      await app.close();
      await r.dispose();
      await dispose();
    },
  };
}
