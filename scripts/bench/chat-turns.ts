/**
 * Scores labelled conversations through the conversation core itself — the path `chat --jsonl`
 * and every channel run: sessions, report offers, typed replies to the bot's own questions — not
 * only the knowledge base's decision that bench:search replays. A turn is right when the reply's
 * action matches the label and, for an answer, its first code is an expected one.
 * `npm run --silent bench:chat -- [--part tune|held|all] [--verbose] [FILE…]` (default: the dev,
 * fresh, life, popular and unseen conversations) prints one JSON object: per file, turns and turns
 * right, and the first turns alone (firstTurns, firstRight); `--verbose` also lists every wrong
 * turn on stderr for error analysis, except in the unseen set, which is measured only. PAKN go to
 * an in-memory database that disappears at the end.
 */
import { parseArgs } from "node:util";
import { createLogger } from "../../app/logger.js";
import { createBot } from "../../bot/core/create-bot.js";
import { createMemorySessionStore } from "../../bot/core/memory-session-store.js";
import { openDatabase } from "../../db/client.js";
import { migrate } from "../../db/migrate.js";
import { createFeedbackService } from "../../feedback/feedback-service.js";
import { loadWorkingCalendar } from "../../feedback/holidays-file.js";
import { workingDayDueDates } from "../../feedback/pakn-due-dates.js";
import { readProceduresFile } from "../../knowledge/importers/read-procedures-file.js";
import { createKnowledgeBase } from "../../knowledge/knowledge-base.js";
import { turnRight } from "./conversations.js";
import { BENCH_PROCEDURES_FILE, readDevConversations, SHARED_DATA } from "./dev-sets.js";
import { devPart } from "./dev-split.js";
import { r3 } from "./metrics.js";

const { values: args, positionals } = parseArgs({
  options: {
    part: { type: "string", default: "all" },
    verbose: { type: "boolean", default: false },
    procedures: { type: "string", default: BENCH_PROCEDURES_FILE },
  },
  allowPositionals: true,
});
const here = (name: string) => new URL(name, import.meta.url).pathname;
const files =
  positionals.length > 0
    ? positionals
    : [
        `${SHARED_DATA}eval/dev-conversations-motcua.jsonl`,
        here("fresh-conversations.jsonl"),
        here("life-conversations.jsonl"),
        here("popular-conversations.jsonl"),
        here("unseen-conversations.jsonl"),
      ];

const kb = createKnowledgeBase(readProceduresFile(args.procedures as string).procedures);
const database = await openDatabase({});
await migrate(database);
const feedback = createFeedbackService({
  db: database.db,
  dueDates: workingDayDueDates(loadWorkingCalendar()),
});
const bot = createBot({
  kb,
  logger: createLogger({ level: "silent", toStderr: true }),
  sessions: createMemorySessionStore({ ttlSeconds: 3600 }),
  feedback,
});

/** Per file: all turns, and the first turns alone (a story told cold, with no context to lean on). */
interface FileReport {
  turns: number;
  right: number;
  accuracy: number;
  firstTurns: number;
  firstRight: number;
}
const report: Record<string, FileReport> = {};
let message = 0;
for (const file of files) {
  const conversations = readDevConversations(file).filter(
    (c) => args.part === "all" || devPart(c.id) === args.part,
  );
  let turns = 0;
  let right = 0;
  let firstRight = 0;
  for (const c of conversations) {
    for (const [i, t] of c.turns.entries()) {
      const { meta } = await bot.handle({
        channel: "cli",
        conversation: `${file}#${c.id}`,
        user: c.id,
        messageId: String(++message),
        text: t.q,
        kind: "text",
      });
      turns++;
      if (turnRight(t, meta.action, meta.codes[0])) {
        right++;
        if (i === 0) firstRight++;
      } else if (args.verbose && !file.includes("unseen-")) {
        const want = `${t.behavior} ${t.expect_ids.join("|")}`.trim();
        const got = `${meta.action} ${meta.codes.slice(0, 3).join("|")}`.trim();
        process.stderr.write(`${c.id}#${turns} want ${want} got ${got}: ${t.q}\n`);
      }
    }
  }
  report[file.split("/").pop() as string] = {
    turns,
    right,
    accuracy: r3(right / (turns || 1)),
    firstTurns: conversations.length,
    firstRight,
  };
}
await database.close();
process.stdout.write(`${JSON.stringify(report)}\n`);
