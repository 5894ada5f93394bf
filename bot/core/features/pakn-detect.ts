import { MAX_CONTENT_CHARS } from "../../../feedback/pakn-input-rules.js";
import type { Step } from "../compose-steps.js";
import type { TurnContext } from "../turn-context.js";
import { classifyFeedbackMessage } from "./pakn-classify.js";
import { explainComplaintPath } from "./pakn-dialog.js";
import { newDraft } from "./pakn-draft.js";
import { offerReply } from "./pakn-prompts.js";
import { replyOwnList, replyTracking } from "./pakn-track.js";

/**
 * Reads free messages before the knowledge base: a tracking code or "phản ánh của tôi" is looked
 * up, khiếu nại/tố cáo get their legal path, and a complaint-like message gets an offer to file a
 * PAKN (confirmed by the citizen, so a misread question costs one tap).
 */
export const paknDetect: Step<TurnContext> = async (ctx, next) => {
  if (ctx.message.payload !== undefined || !ctx.text) return next();
  const intent = classifyFeedbackMessage(ctx.text);
  if (!intent) return next();
  switch (intent.type) {
    case "track":
      return replyTracking(ctx, intent.code);
    case "own_list":
      return replyOwnList(ctx);
    case "complaint_path":
      return explainComplaintPath(ctx);
    case "feedback":
      if (!ctx.deps.feedback) return next();
      ctx.session.intake = newDraft("offer", { content: ctx.text.slice(0, MAX_CONTENT_CHARS) });
      ctx.reply(offerReply(), { intent: "feedback_offer" });
      return;
  }
};
