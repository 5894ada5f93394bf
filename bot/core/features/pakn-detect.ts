import type { Step } from "../compose-steps.js";
import { text } from "../filters.js";
import type { TurnContext } from "../turn-context.js";
import { classifyFeedbackMessage } from "./feedback-intent.js";
import { explainComplaintPath } from "./pakn-intake/index.js";
import { replyOwnList, replyTracking } from "./pakn-track.js";

/**
 * Reads free messages before the knowledge base: a tracking code or "phản ánh của tôi" is looked
 * up and khiếu nại/tố cáo get their legal path. (A reported problem is offered as a PAKN with the
 * knowledge base's answer: see kb-question.ts.)
 */
export const paknDetect: Step<TurnContext> = text(async (ctx, next) => {
  const intent = classifyFeedbackMessage(ctx.text);
  if (!intent) return next();
  switch (intent.type) {
    case "track":
      return replyTracking(ctx, intent.code);
    case "own_list":
      return replyOwnList(ctx);
    case "complaint_path":
      return explainComplaintPath(ctx);
  }
});
