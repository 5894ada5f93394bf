import { kindLabel } from "../../../../feedback/status-labels.js";
import { formatVnDate } from "../../../../feedback/vn-date.js";
import { AppError } from "../../../../lib/errors.js";
import { textReply } from "../../../../lib/reply.js";
import type { TurnContext } from "../../turn-context.js";
import { fill, PAKN_TEXTS } from "../pakn-texts.js";
import type { PaknDraft } from "./draft.js";
import { replyExpired } from "./endings.js";
import { reviewButtons, startAgainButton } from "./intake-buttons.js";

/** Tells the citizen their PAKN was filed: the code, what happens next, the expected answer date. */
function tellFiled(
  ctx: TurnContext,
  filed: { code: string; kind: string; answerDueAt: string },
  again: boolean,
) {
  const values = { code: filed.code, kind: kindLabel(filed.kind), due: formatVnDate(filed.answerDueAt) };
  ctx.reply(textReply(fill(again ? PAKN_TEXTS.alreadySubmitted : PAKN_TEXTS.submitted, values)), {
    intent: again ? "feedback_already_submitted" : "feedback_submitted",
    feedback_code: filed.code,
  });
}

/**
 * A "send" pressed with no draft open: the PAKN just filed from it gets its code again (a repeated
 * press files nothing new); otherwise the draft expired.
 */
export function repeatFiled(ctx: TurnContext): void {
  const last = ctx.session.lastPakn;
  if (last) tellFiled(ctx, last, true);
  else replyExpired(ctx);
}

/**
 * Files the confirmed draft. Only after the database has committed does the citizen get the code;
 * when it fails the draft stays in the session and the citizen is asked to press again later. The
 * inbound id is the confirming message's id (a redelivery files nothing new) or the draft's own id.
 */
export async function submitDraft(ctx: TurnContext, draft: PaknDraft): Promise<void> {
  const service = ctx.deps.feedback;
  if (!service) {
    ctx.reply(textReply(PAKN_TEXTS.unavailable), { intent: "feedback_unavailable" });
    return;
  }
  try {
    // The draft's own id is the idempotency key: however often (and through whatever redelivery) this
    // draft is confirmed, one PAKN exists, even when a commit's reply was lost on the way back.
    const filed = await service.submit(submissionOf(draft, ctx, `draft-${draft.id}`));
    const answerDueAt = filed.answerDueAt.toISOString();
    ctx.session.intake = undefined;
    ctx.session.lastPakn = {
      code: filed.code,
      kind: draft.kind ?? "phan_anh",
      answerDueAt,
      draftId: draft.id,
    };
    tellFiled(ctx, { code: filed.code, kind: draft.kind ?? "phan_anh", answerDueAt }, false);
  } catch (err) {
    if (err instanceof AppError && err.code === "bad_request") {
      // The dialog checks every answer, so this is a bug or an old draft: start over rather than loop.
      ctx.deps.logger.warn({ problems: err.data.problems }, "PAKN draft refused at submission");
      ctx.session.intake = undefined;
      ctx.reply({ text: PAKN_TEXTS.expired, buttons: [startAgainButton()] }, { intent: "feedback_invalid" });
      return;
    }
    ctx.deps.logger.error(
      { ...safeError(err), channel: ctx.message.channel },
      "could not file the PAKN; the draft is kept",
    );
    ctx.reply({ text: PAKN_TEXTS.busy, buttons: reviewButtons() }, { intent: "feedback_busy" });
  }
}

/** The database's own error, without the query parameters (they hold the citizen's contact). */
function safeError(err: unknown): { error: string; code?: string } {
  const cause = err instanceof Error && err.cause instanceof Error ? err.cause : err;
  const code = (cause as { code?: unknown })?.code;
  return {
    error:
      cause instanceof Error
        ? `${cause.name}: ${cause.message.split("\n")[0]?.slice(0, 200)}`
        : String(cause),
    ...(typeof code === "string" ? { code } : {}),
  };
}

function submissionOf(draft: PaknDraft, ctx: TurnContext, inboundMessageId: string) {
  const { message } = ctx;
  return {
    kind: draft.kind ?? "phan_anh",
    content: draft.content ?? "",
    procedureCode: draft.procedureCode ?? null,
    place: draft.place ?? null,
    attachments: draft.attachments ?? [],
    contact: { name: draft.name ?? "", phone: draft.phone ?? "", address: draft.address ?? "" },
    consentAt: draft.consentAt ?? "",
    channel: message.channel,
    channelUser: message.user,
    conversation: message.conversation,
    inboundMessageId,
  };
}
