import { randomBytes } from "node:crypto";
import { rm } from "node:fs/promises";
import type { Redis } from "ioredis";
import type { Logger } from "pino";
import type { Db } from "../db/client.js";
import type { ImportFormat, ImportProblem } from "./importers/decode-procedure-line.js";
import { streamProceduresFile } from "./importers/read-procedures-stream.js";
import type { Procedure } from "./procedure.js";
import { recordImportRun, upsertProceduresWithChanges } from "./procedure-repo.js";

/** Broken lines kept in a job's state (the count covers them all). */
const KEPT_PROBLEMS = 100;
/** How long a finished job's state stays readable. */
const STATE_TTL_SECONDS = 7 * 24 * 3600;
/** An import still "running" after this is assumed dead (its process stopped), so another may start. */
const LOCK_SECONDS = 30 * 60;

/** Where an import stands, as the progress page and its JSON endpoint show it. */
export interface ImportJobState {
  id: string;
  fileName: string;
  stage: "reading" | "writing" | "done" | "failed";
  /** 0–100 over the whole job (reading is the first half, writing the second). */
  percent: number;
  lines: number;
  read: number;
  skipped: number;
  problems: ImportProblem[];
  inserted?: number;
  updated?: number;
  unchanged?: number;
  error?: string;
  startedAt: string;
  finishedAt?: string;
}

/** What an import job needs: the database, Redis for its progress, a key prefix and a logger. */
export interface ImportJobDeps {
  db: Db;
  redis: Redis;
  prefix?: string;
  logger?: Pick<Logger, "warn" | "error">;
  /** Called when the job ends (tests wait on it; the console audits through it). */
  onFinished?: (state: ImportJobState) => void | Promise<void>;
}

const keys = (deps: Pick<ImportJobDeps, "prefix">) => {
  const base = `${deps.prefix ?? "motcua:"}kb-import:`;
  return { job: (id: string) => `${base}job:${id}`, recent: `${base}recent`, lock: `${base}running` };
};

/** The state of one import job, or null when unknown or expired. */
export async function readImportJob(
  deps: Pick<ImportJobDeps, "redis" | "prefix">,
  id: string,
): Promise<ImportJobState | null> {
  if (!/^[a-f0-9]{16}$/.test(id)) return null;
  const raw = await deps.redis.get(keys(deps).job(id));
  return raw ? (JSON.parse(raw) as ImportJobState) : null;
}

/** The latest import jobs, newest first. */
export async function recentImportJobs(
  deps: Pick<ImportJobDeps, "redis" | "prefix">,
): Promise<ImportJobState[]> {
  const ids = await deps.redis.lrange(keys(deps).recent, 0, 9);
  const states = await Promise.all(ids.map((id) => readImportJob(deps, id)));
  return states.filter((s): s is ImportJobState => s !== null);
}

/**
 * Starts importing an uploaded procedure file (dichvucong or motcua JSON lines, plain or gzip) in
 * the background of this process, one import at a time; progress and the summary live in Redis
 * so any web process can show them. The file is deleted when the job ends. Returns the job id,
 * or null when another import is running.
 */
export async function startImportJob(
  deps: ImportJobDeps,
  input: { path: string; fileName: string; format?: ImportFormat },
): Promise<string | null> {
  const id = randomBytes(8).toString("hex");
  const k = keys(deps);
  const locked = await deps.redis.set(k.lock, id, "EX", LOCK_SECONDS, "NX");
  if (locked !== "OK") {
    await rm(input.path, { force: true });
    return null;
  }
  const state: ImportJobState = {
    id,
    fileName: input.fileName,
    stage: "reading",
    percent: 0,
    lines: 0,
    read: 0,
    skipped: 0,
    problems: [],
    startedAt: new Date().toISOString(),
  };
  await deps.redis
    .multi()
    .set(k.job(id), JSON.stringify(state), "EX", STATE_TTL_SECONDS)
    .lpush(k.recent, id)
    .ltrim(k.recent, 0, 49)
    .exec();
  void runImport(deps, state, input).catch((err) => deps.logger?.error({ err }, "knowledge import crashed"));
  return id;
}

async function runImport(
  deps: ImportJobDeps,
  state: ImportJobState,
  input: { path: string; format?: ImportFormat },
): Promise<void> {
  const k = keys(deps);
  let lastSave = 0;
  const save = async (force = false) => {
    const now = Date.now();
    if (!force && now - lastSave < 250) return;
    lastSave = now;
    // Progress is best-effort: a Redis hiccup must not stop the import itself.
    await deps.redis
      .set(k.job(state.id), JSON.stringify(state), "EX", STATE_TTL_SECONDS)
      .catch((err) => deps.logger?.warn({ err: (err as Error).message }, "import progress not saved"));
  };
  try {
    const procedures: Procedure[] = [];
    for await (const item of streamProceduresFile(input.path, {
      format: input.format,
      progressEvery: 100,
      onProgress: (lines, bytes, total) => {
        state.lines = lines;
        state.percent = total ? Math.min(50, Math.round((bytes / total) * 50)) : 0;
      },
    })) {
      state.lines = Math.max(state.lines, item.line);
      if ("procedure" in item) {
        procedures.push(item.procedure);
        state.read++;
      } else {
        if (item.line === 0) throw new Error(item.problem.message);
        state.skipped++;
        if (state.problems.length < KEPT_PROBLEMS) state.problems.push(item.problem);
      }
      if (state.lines % 100 === 0) await save();
    }
    if (procedures.length === 0) throw new Error("không đọc được thủ tục nào từ tệp; không có gì được ghi");
    state.stage = "writing";
    state.percent = 50;
    await save(true);
    const { summary, changes } = await upsertProceduresWithChanges(deps.db, procedures, (done) => {
      state.percent = 50 + Math.round((done / procedures.length) * 50);
      void save();
    });
    await recordImportRun(
      deps.db,
      { source: state.fileName, format: input.format ?? "auto", skipped: state.skipped, ...summary },
      changes,
    );
    Object.assign(state, summary, { stage: "done", percent: 100 });
  } catch (err) {
    state.stage = "failed";
    state.error = (err as Error).message;
  } finally {
    state.finishedAt = new Date().toISOString();
    await rm(input.path, { force: true });
    await Promise.resolve(deps.onFinished?.(state)).catch((err) =>
      deps.logger?.warn({ err: (err as Error).message }, "import end hook failed"),
    );
    await save(true);
    await deps.redis.del(k.lock).catch(() => undefined);
  }
}
