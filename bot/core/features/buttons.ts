import { composeDocumentCase } from "../../../knowledge/compose/compose-document-case.js";
import { decodePayload } from "../../../knowledge/payload.js";
import { textReply } from "../../../lib/reply.js";
import type { Step } from "../compose-steps.js";
import { respondWithProcedure } from "../respond.js";
import { TEXTS } from "../texts.js";
import type { TurnContext } from "../turn-context.js";

/**
 * Handles button presses: picking a clarify candidate answers what was asked before the
 * question, a part button shows that part, "xem đầy đủ" shows it unabridged, a case button shows
 * the papers of that case of the dossier.
 */
export const buttons: Step<TurnContext> = async (ctx, next) => {
  const raw = ctx.message.payload;
  if (raw === undefined) return next();
  const payload = decodePayload(raw);
  const procedure = payload ? ctx.deps.kb.get(payload.code) : undefined;
  if (!payload || !procedure) {
    ctx.reply(textReply(TEXTS.unknownButton), { intent: "unknown_button" });
    return;
  }
  if (payload.type === "pick") {
    respondWithProcedure(ctx, procedure, ctx.session.pendingFields ?? [], { intent: "kb_pick" });
    return;
  }
  if (payload.type === "case") {
    // A button shown before editors marked the procedure "đang rà soát" shows no outdated papers.
    if (ctx.deps.kb.isReviewing(procedure.code)) {
      respondWithProcedure(ctx, procedure, ["documents"], { intent: "kb_case" });
      return;
    }
    const messages = composeDocumentCase(procedure, payload.index);
    if (!messages) {
      ctx.reply(textReply(TEXTS.unknownButton), { intent: "unknown_button" });
      return;
    }
    ctx.session.lastCode = procedure.code;
    ctx.session.candidateCodes = undefined;
    ctx.session.pendingFields = undefined;
    ctx.reply(messages, {
      intent: "kb_case",
      action: "answer",
      codes: [procedure.code],
      fields: ["documents"],
    });
    return;
  }
  respondWithProcedure(ctx, procedure, [payload.field], {
    intent: "kb_button",
    full: payload.type === "full",
  });
};
