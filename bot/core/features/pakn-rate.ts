import type { RateOutcome } from "../../../feedback/rate-pakn.js";
import { decodeRatingPayload, isRatingPayload } from "../../../feedback/rating-payload.js";
import { textReply } from "../../../lib/reply.js";
import type { Step } from "../compose-steps.js";
import type { TurnContext } from "../turn-context.js";
import { PAKN_TEXTS } from "./pakn-texts.js";

/** What the citizen hears after rating a published answer. */
export const RATE_TEXTS = {
  thanks: "Cảm ơn bạn đã đánh giá.",
  notFound: "Tôi không tìm thấy phản ánh, kiến nghị nào của bạn với mã này để đánh giá.",
  notPublished: "Phản ánh, kiến nghị {code} chưa có câu trả lời chính thức nên chưa thể đánh giá.",
  busy: "Hệ thống đang bận nên chưa ghi nhận được đánh giá, bạn vui lòng bấm lại sau ít phút.",
} as const;

/** A message that is only a number from 1 to 5 ("5", " 4 "), as typed after the rating question. */
const TYPED_RATING = /^[1-5]$/;

function answer(ctx: TurnContext, outcome: RateOutcome): void {
  if (outcome.kind === "rated") {
    ctx.reply(textReply(RATE_TEXTS.thanks), { intent: "feedback_rate", feedback_code: outcome.code });
  } else if (outcome.kind === "not_published") {
    const text = RATE_TEXTS.notPublished.replace("{code}", outcome.code);
    ctx.reply(textReply(text), { intent: "feedback_rate", feedback_code: outcome.code });
  } else {
    ctx.reply(textReply(RATE_TEXTS.notFound), { intent: "feedback_rate" });
  }
}

/**
 * Records the citizen's 1–5 satisfaction with a published answer: a press of one of the five
 * buttons under the answer (any time, replacing an earlier rating), or a bare typed number when no
 * intake is open and the sender has an answer from the past week not yet rated. An intake in
 * progress is left as it was.
 */
export const paknRate: Step<TurnContext> = async (ctx, next) => {
  const raw = ctx.message.payload;
  const sender = { channel: ctx.message.channel, user: ctx.message.user };
  const service = ctx.deps.feedback;
  if (raw !== undefined) {
    if (!isRatingPayload(raw)) return next();
    const rating = decodeRatingPayload(raw);
    if (!service) return ctx.reply(textReply(PAKN_TEXTS.unavailable), { intent: "feedback_unavailable" });
    if (!rating) return ctx.reply(textReply(RATE_TEXTS.notFound), { intent: "feedback_rate" });
    try {
      return answer(ctx, await service.rate(rating.code, sender, rating.rating));
    } catch (err) {
      ctx.deps.logger.warn({ error: (err as Error).message?.split("\n")[0] }, "PAKN rating failed");
      return ctx.reply(textReply(RATE_TEXTS.busy), { intent: "feedback_rate" });
    }
  }
  if (!service || ctx.session.intake || !TYPED_RATING.test(ctx.text)) return next();
  let outcome: RateOutcome;
  try {
    outcome = await service.rateLatest(sender, Number(ctx.text));
  } catch (err) {
    ctx.deps.logger.warn({ error: (err as Error).message?.split("\n")[0] }, "PAKN rating failed");
    return next();
  }
  // Nothing waiting for a rating: the number means something else.
  if (outcome.kind !== "rated") return next();
  answer(ctx, outcome);
};
