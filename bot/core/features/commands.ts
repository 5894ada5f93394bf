import { TEXTS } from "../../../knowledge/compose/index.js";
import type { Step } from "../compose-steps.js";
import type { TurnContext } from "../turn-context.js";
import { toReply } from "./guard-input.js";

const COMMAND = /^\/([a-z_]+)(?:@\w+)?(?:\s+(.*))?$/i;

const ASK_PROMPT =
  "Bạn muốn hỏi thủ tục nào? Hãy gõ tên thủ tục hoặc điều bạn cần làm, ví dụ: “làm giấy khai sinh cho con cần gì”.";
const CANCELLED = "Đã hủy. Bạn có thể hỏi một thủ tục khác bất cứ lúc nào.";
const COMING_SOON =
  "Chức năng gửi phản ánh, kiến nghị và tra cứu đang được hoàn thiện. Hiện tôi có thể giúp bạn tìm hiểu thủ tục hành chính.";

/**
 * Handles slash commands (/start, /help, /hoi, /huy, /phananh, /tracuu); `/hoi <câu hỏi>` passes
 * the question on as if typed.
 */
export const commands: Step<TurnContext> = async (ctx, next) => {
  const match = COMMAND.exec(ctx.text);
  if (!match) return next();
  const name = (match[1] ?? "").toLowerCase();
  const rest = (match[2] ?? "").trim();
  switch (name) {
    case "start":
    case "help":
    case "trogiup":
      ctx.reply(toReply(TEXTS.welcome), { intent: name === "start" ? "start" : "help" });
      return;
    case "hoi":
      if (rest) {
        ctx.text = rest;
        return next();
      }
      ctx.reply(toReply(ASK_PROMPT), { intent: "ask" });
      return;
    case "huy":
      ctx.session.candidateCodes = undefined;
      ctx.session.pendingFields = undefined;
      ctx.session.lastCode = undefined;
      ctx.session.recentCodes = undefined;
      ctx.reply(toReply(CANCELLED), { intent: "cancel" });
      return;
    case "phananh":
    case "tracuu":
      ctx.reply(toReply(COMING_SOON), { intent: name === "phananh" ? "feedback" : "lookup" });
      return;
    default:
      ctx.reply(toReply(TEXTS.help), { intent: "help" });
  }
};
