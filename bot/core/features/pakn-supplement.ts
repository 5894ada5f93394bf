import type { PendingSupplement, SupplementOutcome } from "../../../feedback/supplement-pakn.js";
import {
  decodeSupplementStart,
  isSupplementPayload,
  SUPPLEMENT_PAYLOADS,
} from "../../../feedback/supplement-payload.js";
import { parseTrackingCode } from "../../../feedback/tracking-code.js";
import { truncateAtWord } from "../../../knowledge/compose/split-text.js";
import { textReply } from "../../../lib/reply.js";
import { withTimeout } from "../../../lib/with-timeout.js";
import type { Step } from "../compose-steps.js";
import type { SessionReset } from "../session.js";
import type { TurnContext } from "../turn-context.js";
import { fill, PAKN_TEXTS } from "./pakn-texts.js";
import { describeChoices, isShortReply, typedChoice } from "./typed-choice.js";

/** What the citizen hears while answering an officer's request for more information. */
export const SUPPLEMENT_TEXTS = {
  prompt:
    "Cán bộ cần bạn bổ sung cho phản ánh, kiến nghị {code}:\n«{question}»\n\nBạn hãy gửi nội dung bổ sung trong một tin nhắn (gõ /huy nếu muốn thôi).",
  confirm:
    "Bạn đang có phản ánh, kiến nghị {code} chờ bổ sung (cán bộ hỏi: «{question}»). Tin nhắn vừa rồi có phải là nội dung bổ sung không?",
  thanks:
    "Cảm ơn bạn. Nội dung bổ sung đã được chuyển tới cán bộ xử lý phản ánh, kiến nghị {code}; thời hạn giải quyết được tính tiếp từ hôm nay.",
  notWaiting: "Hiện không có phản ánh, kiến nghị nào của bạn đang chờ bổ sung thông tin.",
  tooShort: "Nội dung bổ sung ngắn quá, bạn vui lòng gửi rõ hơn một chút.",
  tooLong: "Nội dung bổ sung dài quá 2.000 ký tự, bạn vui lòng rút gọn hoặc chia thành nhiều lần gửi.",
  askQuestion: "Vâng. Bạn cứ hỏi tiếp, tôi sẽ trả lời như một câu hỏi mới.",
  busy: "Hệ thống đang bận nên chưa ghi nhận được nội dung bổ sung. Bạn vui lòng gửi lại sau ít phút.",
  noQuestion: "cần thêm thông tin",
} as const;

/** What `/huy` does to the supplement's part of the session: one given up is not asked about again here. */
export const resetSupplement: SessionReset = (session) => {
  if (session.supplement) session.supplement = { code: session.supplement.code, declined: true };
};

/** How long a typed message waits to learn whether a supplement is pending before it is answered as usual. */
const LOOKUP_BUDGET_MS = 800;

const COMMAND = /^\/bosung(?:@\w+)?(?:\s+(.*))?$/i;

/** The two answers to "was that message meant as the supplement?". */
const confirmButtons = () => [
  { label: "Đúng, gửi bổ sung", payload: SUPPLEMENT_PAYLOADS.send },
  { label: "Không, đây là câu hỏi khác", payload: SUPPLEMENT_PAYLOADS.notIt },
];

const sender = (ctx: TurnContext) => ({ channel: ctx.message.channel, user: ctx.message.user });

function question(pending: PendingSupplement): string {
  return truncateAtWord(pending.question ?? SUPPLEMENT_TEXTS.noQuestion, 300);
}

function replyOutcome(ctx: TurnContext, outcome: SupplementOutcome, code: string): void {
  const meta = { intent: "feedback_supplement", feedback_code: code };
  if (outcome.kind === "supplemented") {
    ctx.session.supplement = undefined;
    ctx.reply(textReply(fill(SUPPLEMENT_TEXTS.thanks, { code: outcome.code })), meta);
  } else if (outcome.kind === "not_waiting") {
    ctx.session.supplement = undefined;
    ctx.reply(textReply(SUPPLEMENT_TEXTS.notWaiting), meta);
  } else {
    // Too short or too long: the citizen sends it again, still in the supplement.
    ctx.session.supplement = { code };
    ctx.reply(
      textReply(outcome.kind === "too_short" ? SUPPLEMENT_TEXTS.tooShort : SUPPLEMENT_TEXTS.tooLong),
      meta,
    );
  }
}

async function send(ctx: TurnContext, code: string, text: string): Promise<void> {
  const service = ctx.deps.feedback;
  if (!service) return ctx.reply(textReply(PAKN_TEXTS.unavailable), { intent: "feedback_unavailable" });
  try {
    replyOutcome(ctx, await service.supplement(sender(ctx), text, code), code);
  } catch (err) {
    // Kept in the session: the citizen can press "send" again once the database is back.
    ctx.session.supplement = { code, text };
    ctx.deps.logger.warn({ error: (err as Error).message?.split("\n")[0] }, "PAKN supplement failed");
    ctx.reply(textReply(SUPPLEMENT_TEXTS.busy), { intent: "feedback_supplement", feedback_code: code });
  }
}

async function start(ctx: TurnContext, code: string | undefined): Promise<void> {
  const service = ctx.deps.feedback;
  if (!service) return ctx.reply(textReply(PAKN_TEXTS.unavailable), { intent: "feedback_unavailable" });
  let pending: PendingSupplement | undefined;
  try {
    pending = await service.pendingSupplement(sender(ctx), code);
  } catch {
    return ctx.reply(textReply(SUPPLEMENT_TEXTS.busy), { intent: "feedback_supplement" });
  }
  if (!pending) return ctx.reply(textReply(SUPPLEMENT_TEXTS.notWaiting), { intent: "feedback_supplement" });
  ctx.session.supplement = { code: pending.code };
  ctx.reply(textReply(fill(SUPPLEMENT_TEXTS.prompt, { code: pending.code, question: question(pending) })), {
    intent: "feedback_supplement",
    feedback_code: pending.code,
  });
}

/**
 * The citizen's answer to an officer's request for more information ("returned"): the "Gửi bổ
 * sung" button or /bosung asks for the text and files the next message; a message typed without
 * them, while a PAKN of this sender waits, is first confirmed as the supplement (a question is
 * never filed by mistake), which also covers a session that expired since the request.
 */
export const paknSupplement: Step<TurnContext> = async (ctx, next) => {
  const raw = ctx.message.payload;
  const pendingInSession = ctx.session.supplement;
  if (raw !== undefined) {
    if (!isSupplementPayload(raw)) return next();
    if (raw === SUPPLEMENT_PAYLOADS.send) {
      if (!pendingInSession?.text)
        return ctx.reply(textReply(SUPPLEMENT_TEXTS.notWaiting), { intent: "feedback_supplement" });
      return send(ctx, pendingInSession.code, pendingInSession.text);
    }
    if (raw === SUPPLEMENT_PAYLOADS.notIt) {
      // Not a supplement: answer the message as what it was, and don't ask about this PAKN again.
      const typed = pendingInSession?.text;
      ctx.session.supplement = pendingInSession ? { code: pendingInSession.code, declined: true } : undefined;
      if (!typed)
        return ctx.reply(textReply(SUPPLEMENT_TEXTS.askQuestion), { intent: "feedback_supplement" });
      ctx.message = { ...ctx.message, payload: undefined, text: typed };
      ctx.text = typed;
      return next();
    }
    return start(ctx, decodeSupplementStart(raw) ?? undefined);
  }
  const command = COMMAND.exec(ctx.text);
  if (command) return start(ctx, parseTrackingCode(command[1] ?? "") ?? undefined);
  if (!ctx.text || ctx.text.startsWith("/")) return next();
  // Waiting for the text after the button or /bosung.
  if (pendingInSession && !pendingInSession.text && !pendingInSession.declined)
    return send(ctx, pendingInSession.code, ctx.text);
  // "có", "không", "1" typed to the "was that the supplement?" question press its buttons; another
  // short reply has the question asked again; a longer message is a new text to ask about.
  if (pendingInSession?.text && !pendingInSession.declined && isShortReply(ctx.text)) {
    const picked = typedChoice(confirmButtons(), ctx.text);
    if (!picked) {
      const text = `${PAKN_TEXTS.choiceNotUnderstood}\n${describeChoices(confirmButtons())}`;
      return ctx.reply(
        { text, buttons: confirmButtons() },
        { intent: "feedback_supplement", feedback_code: pendingInSession.code },
      );
    }
    ctx.message = { ...ctx.message, payload: picked.payload, text: undefined, kind: "payload" };
    ctx.text = "";
    return paknSupplement(ctx, next);
  }
  const service = ctx.deps.feedback;
  if (!service || ctx.session.intake || pendingInSession?.declined) return next();
  let pending: PendingSupplement | undefined;
  try {
    // Every typed message looks: a slow or absent database must not hold up the answer.
    pending = await withTimeout(service.pendingSupplement(sender(ctx)), LOOKUP_BUDGET_MS);
  } catch {
    return next();
  }
  if (!pending) return next();
  ctx.session.supplement = { code: pending.code, text: ctx.text };
  ctx.reply(
    {
      text: fill(SUPPLEMENT_TEXTS.confirm, { code: pending.code, question: question(pending) }),
      buttons: confirmButtons(),
    },
    { intent: "feedback_supplement", feedback_code: pending.code },
  );
};
