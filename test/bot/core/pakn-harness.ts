import type { Redis } from "ioredis";
import { type Bot, createBot } from "../../../bot/core/create-bot.js";
import { createRedisSessionStore } from "../../../bot/core/redis-session-store.js";
import type { InboundMessage, TurnResult } from "../../../bot/core/types.js";
import type { Db } from "../../../db/client.js";
import { createFeedbackService } from "../../../feedback/feedback-service.js";
import { loadWorkingCalendar } from "../../../feedback/holidays-file.js";
import { workingDayDueDates } from "../../../feedback/pakn-due-dates.js";
import { bundledKnowledgeBase, silentLogger } from "../../helpers/knowledge.js";

/** A clear, long enough complaint. */
export const CONTENT =
  "Đoạn đường liên thôn 3 bị ngập sâu nửa mét mỗi khi mưa, học sinh không đi học được đã hai tuần nay";

/**
 * The conversation core with real Redis sessions and, when a database is given, the PAKN service;
 * `now` is the bot's clock (the machine's when not given).
 */
export function paknBot(r: { redis: Redis; prefix: string }, db?: Db, options: { now?: () => Date } = {}) {
  const bot: Bot = createBot({
    kb: bundledKnowledgeBase(),
    logger: silentLogger,
    now: options.now,
    sessions: createRedisSessionStore(r.redis, { ttlSeconds: 600, prefix: `${r.prefix}session:` }),
    feedback: db
      ? createFeedbackService({ db, dueDates: workingDayDueDates(loadWorkingCalendar()) })
      : undefined,
  });
  let n = 0;
  const send = (conversation: string, rest: Partial<InboundMessage>): Promise<TurnResult> =>
    bot.handle({
      channel: "test",
      conversation,
      user: `user-${conversation}`,
      messageId: `m${++n}`,
      ...rest,
    });
  return {
    bot,
    say: (conversation: string, text: string) => send(conversation, { text, kind: "text" }),
    press: (conversation: string, payload: string, messageId?: string) =>
      send(conversation, { payload, kind: "payload", messageId }),
    send,
    /** Walks a conversation from /phananh to the summary, answering every question correctly. */
    async toReview(conversation: string): Promise<TurnResult> {
      await send(conversation, { text: "/phananh", kind: "text" });
      await send(conversation, { payload: "pakn|kind|phan_anh", kind: "payload" });
      await send(conversation, { text: CONTENT, kind: "text" });
      // The related-procedure or place question: a typed place answers both.
      await send(conversation, { text: "Thôn 3, xã Hòa Tiến", kind: "text" });
      await send(conversation, { payload: "pakn|skip", kind: "payload" });
      await send(conversation, { payload: "pakn|yes", kind: "payload" });
      await send(conversation, { text: "Nguyễn Văn An", kind: "text" });
      await send(conversation, { text: "0912 345 678", kind: "text" });
      return send(conversation, { text: "Thôn 3, xã Hòa Tiến, TP Đà Nẵng", kind: "text" });
    },
  };
}

/** All reply texts of a turn, joined. */
export const textOf = (result: TurnResult) => result.replies.map((r) => r.text).join("\n");

/** All button labels of a turn. */
export const labelsOf = (result: TurnResult) => result.replies.flatMap((r) => r.buttons.map((b) => b.label));
