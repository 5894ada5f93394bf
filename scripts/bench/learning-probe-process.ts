/**
 * The second process of `bench:learning`'s edit-to-answer measure, run as
 * `node --import tsx scripts/bench/learning-probe-process.ts`: it opens the bench database
 * (LEARNING_DATABASE_URL), builds the knowledge base from LEARNING_PROCEDURES, keeps the editors'
 * lessons in step with `startLessonSync` every LEARNING_POLL_MS, and decides each probe question
 * (LEARNING_PROBES, a JSON array) every LEARNING_EVERY_MS, printing one JSON line on stdout when a
 * probe's answer changes: `{"probe","action","code","lesson","at"}` (`at`: epoch ms, fractional).
 */

import { startLessonSync } from "../../app/lesson-sync.js";
import { createLogger } from "../../app/logger.js";
import { openDatabase } from "../../db/client.js";
import { readProceduresFile } from "../../knowledge/importers/read-procedures-file.js";
import { createKnowledgeBase } from "../../knowledge/knowledge-base.js";

const env = (name: string): string => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set`);
  return v;
};
const now = () => performance.timeOrigin + performance.now();
const say = (line: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(line)}\n`);

const probes = JSON.parse(env("LEARNING_PROBES")) as string[];
const everyMs = Number(process.env.LEARNING_EVERY_MS ?? 50);
const logger = createLogger({ level: process.env.LOG_LEVEL ?? "warn", toStderr: true });
const database = await openDatabase({ url: env("LEARNING_DATABASE_URL"), poolSize: 2 });
const kb = createKnowledgeBase(readProceduresFile(env("LEARNING_PROCEDURES")).procedures);
const sync = await startLessonSync({
  db: database.db,
  kb,
  logger,
  intervalMs: Number(env("LEARNING_POLL_MS")),
});

const last = probes.map(() => "");
const probe = () => {
  probes.forEach((text, i) => {
    const d = kb.decide(text);
    const line = {
      probe: i,
      action: d.action,
      code: d.hits[0]?.procedure.code ?? null,
      lesson: d.lesson?.id ?? null,
    };
    const key = JSON.stringify(line);
    if (key === last[i]) return;
    last[i] = key;
    say({ ...line, at: now() });
  });
};
probe();
say({ ready: true, at: now() });
const timer = setInterval(probe, everyMs);

const stop = async () => {
  clearInterval(timer);
  sync.stop();
  await database.close();
  process.exit(0);
};
process.on("SIGTERM", () => void stop());
process.stdin.on("end", () => void stop());
process.stdin.resume();
