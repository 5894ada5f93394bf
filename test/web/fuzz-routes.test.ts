import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configSchema } from "../../app/config.js";
import type { Channel } from "../../bot/channels/channel.js";
import { createTelegramChannel } from "../../bot/channels/telegram/index.js";
import { createZaloBotChannel } from "../../bot/channels/zalo-bot/index.js";
import { zaloSignatureHeader } from "../../bot/channels/zalo-oa/webhook-signature.js";
import { createZaloOaChannel } from "../../bot/channels/zalo-oa/zalo-oa-channel.js";
import type { Database } from "../../db/client.js";
import { createFeedbackService } from "../../feedback/feedback-service.js";
import { loadWorkingCalendar } from "../../feedback/holidays-file.js";
import { workingDayDueDates } from "../../feedback/pakn-due-dates.js";
import { QUEUES } from "../../feedback/queue-names.js";
import { loadAgencies } from "../../feedback/routing/agencies.js";
import { type FakeZaloBot, startFakeZaloBot } from "../../scripts/lib/fake-zalo-bot-api.js";
import { seededRandom } from "../../scripts/lib/seeded-random.js";
import { buildWebApp } from "../../web/app.js";
import { ACTION_PATHS } from "../../web/console/action-paths.js";
import { type AppRoute, routesOf } from "../helpers/app-routes.js";
import { createTestDispatcher } from "../helpers/bot.js";
import { seedPakn } from "../helpers/console-work.js";
import { createTestDatabase, DRIVERS } from "../helpers/databases.js";
import { type FakeTelegram, startFakeTelegram, textUpdate } from "../helpers/fake-telegram.js";
import { type FakeZaloOa, startFakeZaloOa } from "../helpers/fake-zalo-oa.js";
import {
  encodeHostile,
  hostileBody,
  hostileQuery,
  hostileString,
  pathValue,
} from "../helpers/hostile-input.js";
import { bundledKnowledgeBase, silentLogger } from "../helpers/knowledge.js";
import { createTestOfficer, signInOfficer } from "../helpers/officers.js";
import { seedPublicPakn } from "../helpers/published-pakn.js";
import { createTestRedis } from "../helpers/redis.js";

/** Tuesday 10 March 2026, 10:00 in Viet Nam: the clock of the site, the intake and the Zalo channel. */
const NOW = new Date("2026-03-10T03:00:00Z");
/** Requests per route per driver (FUZZ_RUNS to go deeper); FUZZ_SEED replays another run. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 12);
const SEED = Number(process.env.FUZZ_SEED ?? 20_260_310);
/** FUZZ_ROUTE: only the routes whose pattern contains it (to replay a failure quickly). */
const ONLY = process.env.FUZZ_ROUTE;

const TG = { token: "555555555:AAfuzz-test-token-for-the-fake-bot", secret: "tg-fuzz-secret-0123456789" };
const ZB = { token: "777:zalo-bot-fuzz-token", secret: "zalo-bot-fuzz-secret" };
const OA = { appId: "4305089612345678901", appSecret: "app-secret-key", oaSecret: "oa-secret-key" };
const OPEN311_KEY = "fuzz-open311-key-0123456789";
const METRICS_TOKEN = "fuzz-metrics-token-0123456789";

/** Every query parameter name some route reads, so hostile values reach the code that reads them. */
const QUERY_NAMES = (
  "q linh_vuc co_quan thang tu den trang status mark field agency from to triage page page_size " +
  "service_request_id service_code start_date end_date mau next r jobId queueName"
).split(" ");
/** Every body field some form, API or webhook reads. */
const BODY_FIELDS = (
  "text payload description first_name last_name name phone email address address_string service_code " +
  "api_key account_id idempotency_key lat long password current new_password confirm answer note reason " +
  "agency role content json title body canned code into safe index question format next update_id " +
  "message event_name timestamp sender result callback_query procedure place field"
).split(" ");

type Role = "anonymous" | "officer" | "admin";

describe.each(DRIVERS)("every route of the app, fed hostile input, on %s", (driver) => {
  const r = createTestRedis();
  let database: Database;
  let disposeDb: () => Promise<void>;
  let app: FastifyInstance;
  let channels: Channel[] = [];
  let telegram: FakeTelegram;
  let zaloBot: FakeZaloBot;
  let zaloOa: FakeZaloOa;
  let uploads: string;
  const sessions: Partial<Record<Role, { cookie: string; csrf: string }>> = {};
  const accounts: Partial<Record<Role, { email: string; password: string }>> = {};
  let plausible: Record<string, string[]> = {};

  beforeAll(async () => {
    ({ database, dispose: disposeDb } = await createTestDatabase(driver));
    uploads = await mkdtemp(join(tmpdir(), "motcua-fuzz-"));
    [telegram, zaloBot, zaloOa] = await Promise.all([
      startFakeTelegram(TG.token),
      startFakeZaloBot(ZB.token),
      startFakeZaloOa({ appId: OA.appId, appSecret: OA.appSecret }),
    ]);
    const pair = zaloOa.issuePair();
    const config = configSchema.parse({
      TELEGRAM_BOT_TOKEN: TG.token,
      TELEGRAM_API_ROOT: telegram.apiRoot,
      TELEGRAM_WEBHOOK_SECRET: TG.secret,
      ZALO_BOT_TOKEN: ZB.token,
      ZALO_BOT_WEBHOOK_SECRET: ZB.secret,
      ZALO_BOT_API_ROOT: zaloBot.apiRoot,
      ZALO_APP_ID: OA.appId,
      ZALO_APP_SECRET: OA.appSecret,
      ZALO_OA_SECRET_KEY: OA.oaSecret,
      ZALO_ACCESS_TOKEN: pair.accessToken,
      ZALO_REFRESH_TOKEN: pair.refreshToken,
      ZALO_API_ROOT: zaloOa.url,
      ZALO_OAUTH_ROOT: zaloOa.url,
    });
    const now = () => NOW;
    const feedback = createFeedbackService({
      db: database.db,
      dueDates: workingDayDueDates(loadWorkingCalendar()),
      now,
    });
    const dispatcher = createTestDispatcher(r, { feedback, flood: { limit: 100_000 } });
    const deps = { config, dispatcher, logger: silentLogger, redis: r.redis, database };
    channels = [
      createTelegramChannel({ ...deps, prefix: r.prefix }),
      createZaloBotChannel(deps, { prefix: r.prefix }),
      createZaloOaChannel(deps, { now: () => NOW.getTime(), retryDelaysMs: [10] }),
    ];
    app = await buildWebApp({
      dispatcher,
      channels,
      logger: silentLogger,
      sessionSecret: "fuzz-session-secret-0123456789",
      secureCookies: false,
      probes: { database: async () => 1, redis: () => r.redis.ping(), procedures: () => 2642 },
      site: {
        db: database.db,
        redis: r.redis,
        kb: bundledKnowledgeBase(),
        feedback,
        agencies: loadAgencies(),
        calendar: loadWorkingCalendar(),
        open311ApiKeys: [OPEN311_KEY],
        metricsToken: METRICS_TOKEN,
        secureCookies: false,
        publicUrl: "https://motcua.example.vn",
        uploadsDir: uploads,
        redisPrefix: r.prefix,
        now,
      },
    });
    await app.ready();

    // Something behind every kind of id: a victim account (created first, so low ids are not the
    // admin's own), a published and an open PAKN of the officer's agency.
    const victim = await createTestOfficer(database.db, { role: "officer" });
    for (const role of ["officer", "admin"] as const) {
      const { officer, password } = await createTestOfficer(database.db, { role });
      accounts[role] = { email: officer.email, password };
      sessions[role] = await signInOfficer(app, accounts[role]);
    }
    const published = await seedPublicPakn(database.db, { receivedAt: new Date("2026-02-20T02:00:00Z") });
    const open = await seedPakn(database.db, { status: "in_progress" });
    plausible = {
      code: [published.code, open.code, "1.001193"],
      n: ["0", "1"],
      id: [String(victim.officer.id), "1"],
      slug: Object.values(ACTION_PATHS),
      name: ["site.css", "public.css", "holidays-vn.json", "routing-rules.tsv", "synonyms.tsv"],
      file: [`${published.code}.json`, `${published.code}.xml`],
      queueName: Object.values(QUEUES),
      queueStatus: ["failed", "completed", "waiting"],
      jobId: ["1"],
      schedulerId: ["x"],
    };
  });

  afterAll(async () => {
    await app?.close();
    for (const c of channels) await c.stop?.();
    await Promise.all([telegram?.close(), zaloBot?.close(), zaloOa?.close()]);
    await disposeDb?.();
    await r.dispose();
    await rm(uploads, { recursive: true, force: true });
  });

  /** A session cut short by a fuzzed request (sign-out, a changed role) is opened again. */
  async function keepSignedIn(): Promise<void> {
    for (const role of ["officer", "admin"] as const) {
      const session = sessions[role];
      const res = session && (await app.inject({ url: "/officer", headers: { cookie: session.cookie } }));
      if (res?.statusCode !== 200) sessions[role] = await signInOfficer(app, accounts[role] as never);
    }
  }

  /** One hostile request for a route: filled path, query, body, headers of the chosen role. */
  function hostileRequest(route: AppRoute, seed: number) {
    const rnd = seededRandom(seed);
    const role: Role = rnd.pick(["anonymous", "officer", "admin"]);
    const session = role === "anonymous" ? undefined : sessions[role];
    const path = route.url
      .replace(/:(\w+)/g, (_m, name: string) => pathValue(rnd, plausible[name] ?? []))
      .replace("*", () => pathValue(rnd, ["", "static/x.js"]));
    const body =
      route.method !== "GET" || rnd.chance(0.1) ? hostileBody(rnd, BODY_FIELDS, session?.csrf) : {};
    const headers: Record<string, string> = {};
    if (session) headers.cookie = session.cookie;
    else if (rnd.chance(0.1)) headers.cookie = "motcua_officer=forged.value; mc_chat=x.y; =;;";
    if (session && rnd.chance(0.5)) headers["x-csrf-token"] = session.csrf;
    if (body.contentType !== undefined) headers["content-type"] = body.contentType;
    if (rnd.chance(0.2))
      headers.authorization = rnd.pick([`Bearer ${METRICS_TOKEN}`, "Bearer \u00ff", "Basic ="]);
    if (rnd.chance(0.2)) headers["idempotency-key"] = encodeHostile(hostileString(rnd)).slice(0, 200);
    if (role !== "anonymous") {
      // Signed-in callers also get past the channels' checks, with updates carrying hostile text.
      headers["x-telegram-bot-api-secret-token"] = TG.secret;
      headers["x-bot-api-secret-token"] = ZB.secret;
      if (route.url.startsWith("/webhooks/") && rnd.chance(0.6)) {
        const text = hostileString(rnd);
        const update =
          route.url === "/webhooks/telegram"
            ? textUpdate(rnd.int(1, 2 ** 40), text, rnd.int(1, 2 ** 31))
            : route.url === "/webhooks/zalo-bot"
              ? {
                  ok: true,
                  result: {
                    event_name: "message.text.received",
                    message: { message_id: `m${seed}`, chat: { id: "c1" }, from: { id: "u1" }, text },
                  },
                }
              : {
                  app_id: OA.appId,
                  event_name: "user_send_text",
                  timestamp: String(NOW.getTime()),
                  sender: { id: "u1" },
                  recipient: { id: "oa-1" },
                  message: { msg_id: `m${seed}`, text },
                };
        body.payload = JSON.stringify(update);
        headers["content-type"] = "application/json";
      }
      if (route.url === "/webhooks/zalo" && body.payload !== undefined) {
        const raw = Buffer.isBuffer(body.payload) ? body.payload : Buffer.from(body.payload);
        headers["x-zevent-signature"] = zaloSignatureHeader(
          OA.appId,
          raw,
          String(NOW.getTime()),
          OA.oaSecret,
        );
      }
    }
    const url = `${path}${hostileQuery(rnd, QUERY_NAMES)}`;
    return { method: route.method as "GET", url, headers, payload: body.payload, role };
  }

  /** What a failure report says of a request: enough to see it, the seed to replay it. */
  function describeRequest(request: ReturnType<typeof hostileRequest>): string {
    const payload = request.payload === undefined ? "" : String(request.payload).slice(0, 120);
    return `${request.url.slice(0, 160)} [${request.headers["content-type"] ?? "no body type"}] ${JSON.stringify(payload)}`;
  }

  it("answers every request below 500", { timeout: 600_000 }, async () => {
    const routes = routesOf(app);
    // The enumeration sees the whole app: the site, the API, the channels' webhooks.
    for (const url of [
      "/phan-anh",
      "/open311/v2/requests.json",
      "/officer/pakn/:code/:slug",
      "/webhooks/zalo",
    ])
      expect(routes.map((route) => route.url)).toContain(url);
    const failures: string[] = [];
    let sent = 0;
    let accepted = 0;
    for (const [index, route] of routes.entries()) {
      if (ONLY && !route.url.includes(ONLY)) continue;
      for (let run = 0; run < RUNS; run++) {
        const seed = SEED + index * 1_000 + run;
        const request = hostileRequest(route, seed);
        const res = await app.inject(request);
        sent += 1;
        if (res.statusCode < 400) accepted += 1;
        if (res.statusCode >= 500)
          failures.push(
            `${res.statusCode} ${request.method} ${route.url} as ${request.role} (seed ${seed}): ${describeRequest(request)} -> ${res.body.slice(0, 200)}`,
          );
      }
      await keepSignedIn();
    }
    expect(failures, `${failures.length} of ${sent} requests failed`).toEqual([]);
    // Hostile input must not only bounce off the first check: a good share gets a real answer.
    expect(accepted / sent, `${accepted} of ${sent} answered below 400`).toBeGreaterThan(0.2);
  });
});
