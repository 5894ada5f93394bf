/**
 * PAKN pipeline benchmark: one worker process of the real app (`app/main.ts worker`) on a
 * PostgreSQL database of its own and a Redis db number of its own, notifying citizens through a
 * local fake Zalo Bot API over HTTP. Confirmations are offered open-loop at a fixed rate through
 * the feedback service (what the bot calls on confirmation). Then a recovery phase flushes the
 * worker's Redis db mid-run and measures how long until every PAKN committed before the flush is
 * routed and notified. Prints one JSON object on stdout, progress on stderr.
 *
 * With `--outside-window s` (0 < s ≤ 1) the fake refuses a share s of chats like a citizen who
 * blocked the bot (HTTP 403), the worker gets ZNS against a local fake ZNS (some first tries answer
 * HTTP 500, some phones have no Zalo account), an officer returns every routed PAKN for more
 * information (the routing step has no ZNS template, the return has; the "received" event is not
 * notified at all: the citizen got the code in the chat), and `delivery` counts where every citizen
 * notification ended: told on the channel, told by ZNS, waiting, lost, delivered twice.
 *
 *   npm run --silent bench:pipeline -- [--rate 400] [--duration 60] [--warmup 5]
 *     [--recovery-duration 20] [--redis-db 11] [--outside-window 0]
 */
import { rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { Redis } from "ioredis";
import { rowsOf } from "../db/migrate.js";
import { countCalls } from "./bench/count-calls.js";
import { startCostMeter } from "./bench/pipeline-cost.js";
import { createScratchDatabase } from "./bench/pipeline-database.js";
import { offerConfirmations } from "./bench/pipeline-load.js";
import { startReturningOfficer } from "./bench/pipeline-officer.js";
import { notifiedTimes, type PhaseOutcome, routedTimes, waitUntilDone } from "./bench/pipeline-outcomes.js";
import {
  deliveryReport,
  outcomeOf,
  settleReturns,
  startBenchZns,
  ZNS_SETUP,
} from "./bench/pipeline-outside-window.js";
import { startWorkerProcess } from "./bench/pipeline-worker-process.js";
import { startFakeZaloBot } from "./lib/fake-zalo-bot-api.js";

const TARGET = { confirmationsPerSecond: 400, durationS: 60, p99Ms: 1_000, recoveryS: 60 };
const TOKEN = "3000000001:pipeline-bench-token";

const { values: args } = parseArgs({
  options: {
    rate: { type: "string", default: String(TARGET.confirmationsPerSecond) },
    duration: { type: "string", default: String(TARGET.durationS) },
    /** Seconds of load first, outside the measure, so the worker's code is compiled hot. */
    warmup: { type: "string", default: "5" },
    "recovery-duration": { type: "string", default: "20" },
    /** A Redis database number the worker has to itself: the recovery phase flushes it. */
    "redis-db": { type: "string", default: "11" },
    "redis-url": { type: "string", default: process.env.REDIS_URL ?? "redis://127.0.0.1:6379" },
    /** Share of chats the bot cannot reach (blocked, outside the window): those go by ZNS or wait. */
    "outside-window": { type: "string", default: "0" },
  },
});
const outsideWindow = Number(args["outside-window"]);
if (!(outsideWindow >= 0 && outsideWindow <= 1)) throw new Error("--outside-window is a share from 0 to 1");
const rate = Number(args.rate);
const durationMs = Number(args.duration) * 1000;
const warmupMs = Number(args.warmup) * 1000;
const recoveryMs = Number(args["recovery-duration"]) * 1000;
const redisUrl = new URL(args["redis-url"] as string);
redisUrl.pathname = `/${args["redis-db"]}`;

// This process's own SQL statements and Redis commands (the submissions'), for the cost per PAKN.
countCalls();
const countsFile = join(tmpdir(), `motcua-bench-counts-${process.pid}.json`);

const withoutTimes = ({ lastDoneAt: _, ...rest }: PhaseOutcome) => rest;
const log = (text: string) => process.stderr.write(`${text}\n`);

async function main(): Promise<void> {
  const redis = new Redis(redisUrl.toString(), { maxRetriesPerRequest: 2 });
  if ((await redis.dbsize()) > 0) {
    await redis.quit();
    throw new Error(`Redis db ${args["redis-db"]} is not empty; pick a free one with --redis-db`);
  }
  const scratch = await createScratchDatabase("bench", 40);
  const fake = await startFakeZaloBot(TOKEN, { unreachableShare: outsideWindow });
  const zns = outsideWindow > 0 ? await startBenchZns() : undefined;
  const db = scratch.database.db;
  let worker: Awaited<ReturnType<typeof startWorkerProcess>> | undefined;
  try {
    log("starting the worker process (migrations, knowledge base) …");
    worker = await startWorkerProcess({
      databaseUrl: scratch.url,
      redisUrl: redisUrl.toString(),
      zaloApiRoot: fake.apiRoot,
      zaloToken: TOKEN,
      ...(zns ? { zns: zns.workerEnv } : {}),
      countsFile,
    });
    const progress = (phase: string) => () => {
      log(`${phase}: ${fake.delivered.length} notified, load ${loadavg()[0]?.toFixed(2)}`);
    };

    if (warmupMs > 0) {
      log(`warm-up: ${rate}/s for ${warmupMs / 1000} s`);
      const warm = await offerConfirmations(db, {
        rate,
        durationMs: warmupMs,
        tag: "warm",
        onTick: progress("warm-up"),
      });
      await waitUntilDone(
        db,
        fake,
        "warm",
        warm.submitted.map((s) => s.chatId),
        60_000,
      );
    }

    log(`measure: ${rate}/s for ${durationMs / 1000} s`);
    const meter = await startCostMeter({
      db,
      dbName: new URL(scratch.url).pathname.slice(1),
      redis,
      workerPid: worker.child.pid ?? 0,
      countsFile,
    });
    const cpuBefore = process.cpuUsage();
    // With ZNS on, an officer returns the routed PAKN for more information (a step with a template).
    const officer = zns ? startReturningOfficer(db, "run") : undefined;
    const submitted = meter.submitting();
    const load = await offerConfirmations(db, { rate, durationMs, tag: "run", onTick: progress("measure") });
    submitted();
    const loadEndedAt = Date.now();
    const drained = await waitUntilDone(
      db,
      fake,
      "run",
      load.submitted.map((s) => s.chatId),
      60_000,
      (left) => log(`draining: ${left} not yet routed and notified`),
    );
    const drainMs = Date.now() - loadEndedAt;
    // This process's CPU (the fakes, the load generator, the polling) over the measured phase.
    const cpu = process.cpuUsage(cpuBefore);
    const measuredWallMs = Date.now() - load.startedAt;
    const returnedRun = await settleReturns(db, officer, "run", log);
    const cost = await meter.stop(load.submitted.length);
    const measured = await outcomeOf(db, fake, zns?.fake, "run", load.submitted);
    // Sustained: confirmations that went all the way through, from the first offer to the last completion.
    const throughWindowMs = measured.lastDoneAt - load.startedAt;

    log(`recovery: ${rate}/s for ${recoveryMs / 1000} s, Redis db ${args["redis-db"]} flushed half-way`);
    let flushedAt = 0;
    const flushing = new Promise<void>((resolve) =>
      setTimeout(async () => {
        await redis.flushdb();
        flushedAt = Date.now();
        log("Redis flushed");
        resolve();
      }, recoveryMs / 2),
    );
    const recoveryOfficer = zns ? startReturningOfficer(db, "flush") : undefined;
    const recoveryLoad = offerConfirmations(db, {
      rate,
      durationMs: recoveryMs,
      tag: "flush",
      onTick: progress("recovery"),
    });
    const recovered = await recoveryLoad;
    await flushing;
    const beforeFlush = recovered.submitted.filter((s) => s.committedAt <= flushedAt).map((s) => s.chatId);
    const recoveredAll = await waitUntilDone(db, fake, "flush", beforeFlush, 120_000, (left) =>
      log(`recovering: ${left} committed before the flush not yet routed and notified`),
    );
    const routed = await routedTimes(db, "flush");
    const notified = notifiedTimes(fake);
    if (!recoveredAll) {
      const stuck = beforeFlush.filter((c) => !routed.has(c) || !notified.has(c));
      const detail = await db.execute(sql`
        SELECT p.id, p.conversation, p.status,
          (SELECT json_agg(json_build_object('q', o.queue, 'job', o.job_id, 'relayed', o.relayed_at)) FROM outbox o
            WHERE o.payload->>'paknId' = p.id::text
               OR o.payload->>'eventId' IN (SELECT e.id::text FROM pakn_events e WHERE e.pakn_id = p.id)) AS jobs,
          (SELECT json_agg(json_build_object('event', n.event_id, 'aud', n.audience, 'status', n.status)) FROM notifications n
            WHERE n.event_id IN (SELECT e.id FROM pakn_events e WHERE e.pakn_id = p.id)) AS sends
        FROM pakn p WHERE p.conversation = ANY(${`{${stuck.join(",")}}`}::text[])`);
      const rows = rowsOf<{ jobs: Array<{ q: string; job: string }> | null }>(detail);
      const states: Record<string, string> = {};
      for (const r of rows)
        for (const j of r.jobs ?? []) {
          const raw = await redis.hgetall(`bull:${j.q}:${j.job}`);
          const where = await Promise.all(
            ["wait", "active", "delayed", "completed", "failed", "prioritized", "paused"].map(
              async (list) => {
                const inList =
                  list === "wait" || list === "active" || list === "paused"
                    ? (await redis.lpos(`bull:${j.q}:${list}`, j.job)) !== null
                    : (await redis.zscore(`bull:${j.q}:${list}`, j.job)) !== null;
                return inList ? list : "";
              },
            ),
          );
          states[j.job] =
            `${where.filter(Boolean).join("+") || "nowhere"} hash:${Object.keys(raw).join(",")}`;
        }
      log(`stuck after the flush: ${JSON.stringify(rows)} states: ${JSON.stringify(states)}`);
    }
    const lastDone = Math.max(
      flushedAt,
      ...beforeFlush.map((c) => Math.max(routed.get(c) ?? 0, notified.get(c) ?? 0)),
    );
    await waitUntilDone(
      db,
      fake,
      "flush",
      recovered.submitted.map((s) => s.chatId),
      60_000,
    );
    const returnedFlush = await settleReturns(db, recoveryOfficer, "flush", log);
    const recoveryOutcome = await outcomeOf(db, fake, zns?.fake, "flush", recovered.submitted);
    const delivery = zns
      ? await deliveryReport(db, fake, zns.fake, { run: returnedRun, flush: returnedFlush })
      : undefined;

    const result = {
      bench: "pipeline",
      target: TARGET,
      config: {
        rate,
        durationS: durationMs / 1000,
        warmupS: warmupMs / 1000,
        recoveryDurationS: recoveryMs / 1000,
        workerProcesses: 1,
        channel: "zalo-bot (fake API over HTTP)",
        ...(zns
          ? {
              outsideWindow,
              zns: ZNS_SETUP,
            }
          : {}),
      },
      measure: {
        offeredPerSecond: rate,
        submittedPerSecond: Number(((load.submitted.length * 1000) / load.elapsedMs).toFixed(1)),
        achievedPerSecond: Number(((measured.completed * 1000) / throughWindowMs).toFixed(1)),
        drained,
        drainMs,
        failedSubmissions: load.failed,
        lateSubmissions: load.late,
        ...withoutTimes(measured),
      },
      recovery: {
        flushedAfterS: recoveryMs / 2000,
        committedBeforeFlush: beforeFlush.length,
        recovered: recoveredAll,
        timeToRecoverMs: recoveredAll ? lastDone - flushedAt : null,
        ...withoutTimes(recoveryOutcome),
      },
      ...(delivery ? { delivery } : {}),
      cost: {
        note: "per confirmation over the measured phase (with --outside-window the officer's returns add to it); postgres: the bench database's backends; redis: the whole server",
        ...cost,
      },
      benchProcessCpu: {
        note: "this process (fake servers, load generator, polling) over the measured phase, load start to drained",
        userMs: Math.round(cpu.user / 1000),
        systemMs: Math.round(cpu.system / 1000),
        wallMs: measuredWallMs,
        shareOfWall: Number(((cpu.user + cpu.system) / 1000 / measuredWallMs).toFixed(3)),
      },
      loadavg1m: Number(loadavg()[0]?.toFixed(2)),
    };
    const ok =
      result.measure.achievedPerSecond >= TARGET.confirmationsPerSecond * 0.98 &&
      measured.commitToNotifiedMs.p99 <= TARGET.p99Ms &&
      measured.commitToRoutedMs.p99 <= TARGET.p99Ms &&
      measured.lost === 0 &&
      measured.duplicated === 0 &&
      recoveredAll &&
      (result.recovery.timeToRecoverMs ?? Infinity) <= TARGET.recoveryS * 1000 &&
      recoveryOutcome.lost === 0 &&
      recoveryOutcome.duplicated === 0 &&
      (!delivery ||
        (delivery.measure.lost === 0 &&
          delivery.measure.twice === 0 &&
          delivery.recovery.lost === 0 &&
          delivery.recovery.twice === 0));
    process.stdout.write(`${JSON.stringify({ ...result, meetsTarget: ok }, null, 2)}\n`);
  } finally {
    worker?.kill("SIGTERM");
    await worker?.exited;
    await redis.flushdb().catch(() => undefined);
    await redis.quit();
    await fake.close();
    await zns?.fake.close();
    rmSync(countsFile, { force: true });
    await scratch.drop();
  }
}

main().catch((err) => {
  process.stderr.write(`bench:pipeline failed: ${err instanceof Error ? (err.stack ?? err.message) : err}\n`);
  process.exit(1);
});
