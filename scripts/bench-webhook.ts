/**
 * Telegram webhook benchmark: the real web app and Telegram channel in a process of their own
 * (scripts/bench/webhook-server.ts) against the local fake Bot API, offered a fixed rate of
 * updates open-loop from many chats, a few of them delivered twice. Prints one JSON object on
 * stdout (progress on stderr): webhook latency, achieved rate, statuses, and the replies that
 * reached the fake, matched per update (lost, duplicated, reordered), and what one delivery costs
 * in CPU ms: the server, this process (load generator and fake Bot API), Redis, and the
 * conversation core alone (the same turns without any transport, measured here), with the cores
 * the offered rate needs at that cost.
 *
 *   npm run --silent bench:webhook -- [--rate 500] [--duration 30] [--chats 2000]
 *     [--duplicates 0.03] [--connections 100] [--warmup 5] [--profile DIR]
 */
import { type ChildProcess, fork } from "node:child_process";
import { randomBytes } from "node:crypto";
import { Agent } from "node:http";
import { cpus, loadavg } from "node:os";
import { parseArgs } from "node:util";
import { Redis } from "ioredis";
import { loadConfig } from "../app/config.js";
import { BUNDLED_PROCEDURES_FILE } from "../knowledge/bundled.js";
import { readProceduresFile } from "../knowledge/importers/read-procedures-file.js";
import { createKnowledgeBase } from "../knowledge/knowledge-base.js";
import { expectedReplies } from "./bench/expected-replies.js";
import { type ChatMatch, matchChat, type ReceivedMessage } from "./bench/match-replies.js";
import { quantile } from "./bench/metrics.js";
import { redisCpuMs } from "./bench/redis-cpu.js";
import { offerLoad } from "./bench/webhook-load.js";
import type { ServerMessage } from "./bench/webhook-server.js";
import { BENCH_QUESTIONS, buildWorkload, chatIdOf, type Workload } from "./bench/webhook-workload.js";
import { type FakeTelegram, startFakeTelegram } from "./lib/fake-telegram-api.js";

const TARGET = { updatesPerSecond: 500, durationS: 30, p99Ms: 50 };
const TOKEN = "7000000001:AAbench-token-for-the-fake-bot-api-000001";
const SECRET = "bench-webhook-secret-0123456789";

const { values: args } = parseArgs({
  options: {
    rate: { type: "string", default: String(TARGET.updatesPerSecond) },
    duration: { type: "string", default: String(TARGET.durationS) },
    chats: { type: "string", default: "2000" },
    duplicates: { type: "string", default: "0.03" },
    connections: { type: "string", default: "100" },
    /** Seconds of unmeasured load first (other chats), so the server's code is compiled hot. */
    warmup: { type: "string", default: "5" },
    /** Most seconds to wait for the last replies after the load. */
    drain: { type: "string", default: "30" },
    /** Writes a V8 CPU profile of the server process into this directory. */
    profile: { type: "string" },
    /** Shows on stderr what was expected and received in chats with lost, duplicated or stray replies. */
    verbose: { type: "boolean", default: false },
  },
});
const rate = Number(args.rate);
const durationS = Number(args.duration);
const log = (line: string) => process.stderr.write(`bench:webhook ${line}\n`);
const r1 = (v: number) => Math.round(v * 10) / 10;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function startServer(apiRoot: string, prefix: string): Promise<{ child: ChildProcess; port: number }> {
  const profile = args.profile ? ["--cpu-prof", `--cpu-prof-dir=${args.profile}`] : [];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TELEGRAM_BOT_TOKEN: TOKEN,
    TELEGRAM_API_ROOT: apiRoot,
    TELEGRAM_WEBHOOK_SECRET: SECRET,
    LOG_LEVEL: "warn",
  };
  delete env.PUBLIC_URL;
  const child = fork(new URL("./bench/webhook-server.ts", import.meta.url).pathname, [prefix], {
    execArgv: [...process.execArgv, ...profile],
    env,
    stdio: ["ignore", 2, 2, "ipc"],
  });
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`bench server exited with ${code}`)));
    child.once("message", (m: ServerMessage) => {
      if (m.type === "listening") resolve({ child, port: m.port });
    });
  });
}

function stopServer(child: ChildProcess): Promise<Extract<ServerMessage, { type: "stopped" }>> {
  return new Promise((resolve) => {
    child.once("message", (m: ServerMessage) => {
      if (m.type === "stopped") resolve(m);
    });
    child.send({ type: "stop" });
  });
}

/** Waits until `count` messages arrived, or none came for 3 s, or `maxS` passed. */
async function drain(fake: FakeTelegram, count: number, maxS: number): Promise<void> {
  const deadline = Date.now() + maxS * 1000;
  let last = -1;
  let quietSince = Date.now();
  for (;;) {
    const now = fake.callsOf("sendMessage").length;
    if (now >= count || Date.now() > deadline) return;
    if (now !== last) quietSince = Date.now();
    else if (Date.now() - quietSince > 3_000) return;
    last = now;
    await sleep(100);
  }
}

/** Runs a workload and waits for its replies. */
async function run(
  fake: FakeTelegram,
  agent: Agent,
  port: number,
  workload: Workload,
  expectedMessages: number,
) {
  let shown = 0;
  const result = await offerLoad({
    url: `http://127.0.0.1:${port}/webhooks/telegram`,
    secret: SECRET,
    deliveries: workload.deliveries,
    agent,
    onProgress: (sent) => {
      const second = Math.floor(sent / (rate * 5));
      if (second <= shown) return;
      shown = second;
      const replies = fake.callsOf("sendMessage").length;
      log(`sent ${sent}/${workload.deliveries.length}, sendMessage calls so far ${replies}`);
    },
  });
  await drain(fake, expectedMessages, Number(args.drain));
  return result;
}

function textsOf(expected: string[][][], workload: Workload, index: number): string[][] {
  const chat = workload.firstChat + index;
  const perTurn = expected[chat % BENCH_QUESTIONS.length] as string[][];
  return (workload.updatesOfChat[index] as number[]).map((_, k) => perTurn[k] as string[]);
}

/** The server process, ended if the bench fails. */
let serverProcess: ChildProcess | undefined;

async function main(): Promise<void> {
  const config = loadConfig();
  const prefix = `motcua:bench:webhook:${randomBytes(4).toString("hex")}:`;
  const load1 = loadavg()[0] as number;
  log(`load average ${load1.toFixed(2)} on ${cpus().length} cores; prefix ${prefix}`);
  const fake = await startFakeTelegram(TOKEN);
  const serverReady = startServer(fake.apiRoot, prefix);

  const shape = { rate, chats: Number(args.chats), duplicateShare: Number(args.duplicates) };
  const workload = buildWorkload({ ...shape, durationS });
  const warm = buildWorkload({
    ...shape,
    durationS: Number(args.warmup),
    seed: 7,
    firstChat: 1_000_000,
    firstUpdateId: 10_000_000,
  });
  log("computing the expected replies on the same core");
  const kb = createKnowledgeBase(readProceduresFile(BUNDLED_PROCEDURES_FILE).procedures);
  const turns = Math.max(workload.turnsPerChat, warm.turnsPerChat);
  const expected = await expectedReplies(kb, turns);
  // The same turns again, warm: what the core and rendering cost with no HTTP, Redis or session I/O.
  const corePasses = 3;
  const coreStart = process.cpuUsage();
  for (let pass = 0; pass < corePasses; pass++) await expectedReplies(kb, turns);
  const coreCpu = process.cpuUsage(coreStart);
  const coreMsPerTurn =
    (coreCpu.user + coreCpu.system) / 1000 / (corePasses * BENCH_QUESTIONS.length * turns);
  const perChat = workload.updatesOfChat.map((_, i) => textsOf(expected, workload, i));
  const expectedMessages = perChat.flat().reduce((n, texts) => n + texts.length, 0);
  const warmMessages = warm.updatesOfChat
    .flatMap((_, i) => textsOf(expected, warm, i))
    .reduce((n, texts) => n + texts.length, 0);

  const { child, port } = await serverReady;
  // One pool for the warm-up and the measure: the measured load runs on open connections, as
  // Telegram's does (a saturated server was seen to accept new connections only once idle).
  const agent = new Agent({ keepAlive: true, maxSockets: Number(args.connections) });
  serverProcess = child;
  if (warm.updates > 0) {
    log(`warming up: ${warm.updates} updates over ${args.warmup} s`);
    await run(fake, agent, port, warm, warmMessages);
  }
  fake.reset();
  const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 1 });
  const redisBefore = await redisCpuMs(redis);
  const benchStart = process.cpuUsage();
  child.send({ type: "measure" });
  log(`offering ${workload.updates} updates (+${workload.duplicates} duplicates) at ${rate}/s`);
  const result = await run(fake, agent, port, workload, expectedMessages);
  const benchCpu = process.cpuUsage(benchStart);
  const redisMs = (await redisCpuMs(redis)) - redisBefore;
  agent.destroy();
  const server = await stopServer(child);
  const wallS = (performance.now() - result.startedAt) / 1000;

  const received = new Map<number, ReceivedMessage[]>();
  for (const call of fake.callsOf("sendMessage")) {
    const list = received.get(Number(call.body.chat_id)) ?? [];
    list.push({ text: String(call.body.text), at: call.at });
    received.set(Number(call.body.chat_id), list);
  }
  const matches: ChatMatch[] = perChat.map((turns, i) =>
    matchChat(
      (workload.updatesOfChat[i] as number[]).map((updateId, k) => ({
        updateId,
        texts: turns[k] as string[],
      })),
      received.get(chatIdOf(workload.firstChat + i)) ?? [],
    ),
  );
  if (args.verbose)
    matches.forEach((m, i) => {
      if (!m.lost.length && !m.duplicated.length && !m.unmatched) return;
      const chatId = chatIdOf(workload.firstChat + i);
      const short = (t: string) => t.slice(0, 60).replace(/\n/g, " ");
      log(`chat ${chatId}: lost ${m.lost} duplicated ${m.duplicated} unmatched ${m.unmatched}`);
      (perChat[i] as string[][]).forEach((texts, k) => {
        const id = workload.updatesOfChat[i]?.[k];
        const answers = result.outcomes
          .filter((o) => o.delivery.updateId === id)
          .map(
            (o) =>
              `${o.status} after ${Math.round(o.latencyMs)} ms, socket at ${Math.round(o.socketAt - result.startedAt)} ms${o.reusedSocket ? "" : " (new)"}`,
          );
        log(`  expected ${k} (update ${id}, ${answers.join(", ")}): ${texts.map(short).join(" | ")}`);
      });
      for (const r of received.get(chatId) ?? []) log(`  received: ${short(r.text)}`);
    });
  const scheduled = new Map<number, number>();
  for (const d of workload.deliveries)
    if (!scheduled.has(d.updateId)) scheduled.set(d.updateId, result.startedAt + d.at);
  const replied = matches.flatMap((m) => m.replied);
  const replyLatencies = replied.map((r) => r.at - (scheduled.get(r.updateId) as number));
  const lastReplyS = Math.max(0, ...replied.map((r) => r.at - result.startedAt)) / 1000;
  const latencies = result.outcomes.map((o) => o.latencyMs);
  const statuses: Record<string, number> = {};
  for (const o of result.outcomes) statuses[String(o.status)] = (statuses[String(o.status)] ?? 0) + 1;
  const percentiles = (values: number[]) => ({
    p50: r1(quantile(values, 0.5)),
    p90: r1(quantile(values, 0.9)),
    p99: r1(quantile(values, 0.99)),
    max: r1(Math.max(0, ...values)),
  });
  const expectedReplySets = perChat.flat().filter((texts) => texts.length > 0).length;
  const replies = {
    expected: expectedReplySets,
    received: replied.length,
    lost: matches.reduce((n, m) => n + m.lost.length, 0),
    duplicated: matches.reduce((n, m) => n + m.duplicated.length, 0),
    unmatchedMessages: matches.reduce((n, m) => n + m.unmatched, 0),
    sendMessageCalls: fake.callsOf("sendMessage").length,
  };
  const achievedRate = r1(replied.length / Math.max(durationS, lastReplyS));
  const r2 = (v: number) => Math.round(v * 100) / 100;
  const perDelivery = (ms: number) => ms / Math.max(1, result.outcomes.length);
  const cpuMsPerUpdate = {
    server: r2(perDelivery(server.cpuMs)),
    bench: r2(perDelivery((benchCpu.user + benchCpu.system) / 1000)),
    redis: r2(perDelivery(redisMs)),
    total: r2(perDelivery(server.cpuMs + (benchCpu.user + benchCpu.system) / 1000 + redisMs)),
    coreAlone: r2(coreMsPerTurn),
  };
  const latencyMs = percentiles(latencies);
  const checks = {
    offeredAtLeastTarget: rate >= TARGET.updatesPerSecond && durationS >= TARGET.durationS,
    rate: achievedRate >= rate * 0.99,
    p99: latencyMs.p99 <= TARGET.p99Ms,
    noLostOrDuplicated: replies.lost === 0 && replies.duplicated === 0 && replies.unmatchedMessages === 0,
    allAnswered200: (statuses["200"] ?? 0) === result.outcomes.length,
  };

  process.stdout.write(
    `${JSON.stringify({
      offeredRate: rate,
      durationS,
      chats: workload.updatesOfChat.length,
      updates: workload.updates,
      duplicatesSent: workload.duplicates,
      sent: result.outcomes.length,
      achievedRate,
      latencyMs,
      replyLatencyMs: percentiles(replyLatencies),
      statuses,
      replies,
      server: {
        cpuMs: server.cpuMs,
        cpuPercent: Math.round((server.cpuMs / (wallS * 1000)) * 100),
        eventLoopDelayMs: { p99: r1(server.eventLoopDelayMs.p99), max: r1(server.eventLoopDelayMs.max) },
      },
      cpuMsPerUpdate,
      coresNeededAtOfferedRate: r2(
        (cpuMsPerUpdate.total * rate * (result.outcomes.length / workload.updates)) / 1000,
      ),
      generator: { connections: Number(args.connections), maxSendLagMs: r1(result.maxSendLagMs) },
      machine: { cores: cpus().length, loadAverage1mBefore: r1(load1) },
      target: { ...TARGET, met: Object.values(checks).every(Boolean), checks },
    })}\n`,
  );

  await fake.close();
  let removed = 0;
  for (let cursor = "0"; ; ) {
    const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 1000);
    if (keys.length) removed += await redis.del(...keys);
    cursor = next;
    if (cursor === "0") break;
  }
  await redis.quit();
  log(`removed ${removed} Redis keys under ${prefix}`);
}

main().catch((err) => {
  serverProcess?.kill();
  process.stderr.write(`bench:webhook failed: ${err instanceof Error ? (err.stack ?? err.message) : err}\n`);
  process.exit(1);
});
