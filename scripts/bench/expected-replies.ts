import { createLogger } from "../../app/logger.js";
import { renderReply } from "../../bot/channels/telegram/index.js";
import { createBot } from "../../bot/core/create-bot.js";
import { createMemorySessionStore } from "../../bot/core/memory-session-store.js";
import type { KnowledgeBase } from "../../knowledge/decision-types.js";
import { BENCH_QUESTIONS, questionFor } from "./webhook-workload.js";

/** Button payloads are not compared, so they need no storage. */
const inlineData = { encode: async (p: string) => p, decode: async (d: string) => d };

/**
 * The `sendMessage` texts each turn of a bench chat must produce, per chat class (chats with the
 * same number modulo the question list say the same things, and the core is deterministic):
 * `[class][turn]` is the list of HTML texts of that turn, in order. Computed on the same core with
 * in-memory sessions, so the bench can tell a lost, duplicated or reordered reply set apart.
 */
export async function expectedReplies(kb: KnowledgeBase, turns: number): Promise<string[][][]> {
  const logger = createLogger({ level: "silent" });
  const bot = createBot({ kb, logger, sessions: createMemorySessionStore({ ttlSeconds: 3_600 }) });
  const classes: string[][][] = [];
  for (let c = 0; c < BENCH_QUESTIONS.length; c++) {
    const perTurn: string[][] = [];
    for (let k = 0; k < turns; k++) {
      const result = await bot.handle({
        channel: "telegram",
        conversation: `class-${c}`,
        user: `class-${c}`,
        messageId: `${c}-${k}`,
        text: questionFor(c, k),
        kind: "text",
      });
      const texts: string[] = [];
      for (const reply of result.replies)
        for (const piece of await renderReply(reply, inlineData)) texts.push(piece.text);
      perTurn.push(texts);
    }
    classes.push(perTurn);
  }
  return classes;
}
