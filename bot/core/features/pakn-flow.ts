import { checkContent, MAX_CONTENT_CHARS } from "../../../feedback/pakn-input-rules.js";
import { foldTokens, normalizeTokens } from "../../../knowledge/normalize.js";
import { textReply } from "../../../lib/reply.js";
import type { TurnContext } from "../turn-context.js";
import { type IntakeStep, newDraft, type PaknDraft } from "./pakn-draft.js";
import { encodePaknAction } from "./pakn-payloads.js";
import { promptFor, shorten } from "./pakn-prompts.js";
import { PAKN_LABELS, PAKN_TEXTS } from "./pakn-texts.js";
import { typedMeanings } from "./typed-replies.js";

/** Moves the draft to a step and asks that step's question. */
export function moveTo(ctx: TurnContext, draft: PaknDraft, step: IntakeStep, lead?: string): void {
  draft.step = step;
  ctx.session.intake = draft;
  ctx.reply(promptFor(draft, ctx.deps.kb, lead), { intent: "feedback_step" });
}

/** Asks the current step's question again (after an answer that did not fit, or an old button). */
export function askAgain(ctx: TurnContext, draft: PaknDraft, lead?: string): void {
  moveTo(ctx, draft, draft.step, lead);
}

/** The step after the related-procedure question or the place: photos, except for a question ticket. */
function afterPlace(draft: PaknDraft): IntakeStep {
  return draft.kind === "question" ? "consent" : "attachments";
}

/** Word pairs that any complaint and many procedure names share without being about the same thing. */
const GENERIC = new Set(
  [
    "thu tuc",
    "hanh chinh",
    "cap xa",
    "cap tinh",
    "giai quyet",
    "tham quyen",
    "xu ly",
    "thuc hien",
    "de nghi",
    "co quan",
    "ho so",
    "giay to",
    "dang ky",
    "cong dan",
    "nguoi dan",
    "to chuc",
    "ca nhan",
    "khong co",
  ].map((pair) => foldTokens(pair).join(" ")),
);

const bigrams = (tokens: string[]) => tokens.slice(1).map((t, i) => `${tokens[i]} ${t}`);

/**
 * The procedure a content is about, when the knowledge base answers it confidently and the
 * content shares a phrase with the procedure's name (the search alone is too eager on complaints).
 */
function relatedProcedure(ctx: TurnContext, content: string): string | undefined {
  const decision = ctx.deps.kb.decide(content);
  // A complaint about a file ("nộp … vẫn chưa nhận") also reads as a status request; its procedure counts.
  const action = decision.procedureAction ?? decision.action;
  const best = action === "answer" ? decision.hits[0] : undefined;
  if (!best) return undefined;
  return namesProcedure(content, best.procedure.name) ? best.procedure.code : undefined;
}

/** A word that on its own is a reply ("có", "không", "được"): a phrase with it names no procedure. */
const isReplyWord = (token: string) => typedMeanings(token, { wholeOnly: true }).size > 0;

/**
 * Whether a citizen's message names a procedure: it shares a two-word phrase with the procedure's
 * name other than the phrases every procedure shares ("khai sinh" counts, "hồ sơ" does not) and
 * those with a reply word ("xử lý không" in "… có ai xử lý không" names nothing).
 */
export function namesProcedure(text: string, procedureName: string): boolean {
  const said = new Set(bigrams(normalizeTokens(text)));
  return bigrams(foldTokens(procedureName)).some(
    (b) => said.has(b) && !GENERIC.has(b) && !b.split(" ").some(isReplyWord),
  );
}

/** Goes on after an accepted content: back to the summary when editing, else procedure or place. */
function afterContent(ctx: TurnContext, draft: PaknDraft): void {
  if (draft.editing) {
    draft.editing = undefined;
    moveTo(ctx, draft, "review");
    return;
  }
  if (draft.kind !== "question") {
    const code = relatedProcedure(ctx, draft.content ?? "");
    if (code) {
      draft.suggestedCode = code;
      moveTo(ctx, draft, "related");
      return;
    }
  }
  moveTo(ctx, draft, "place");
}

/**
 * Takes a piece of content: appended to what was written (or replacing it while editing), checked,
 * and either accepted (the dialog goes on) or answered with what is missing.
 */
export function takeContent(ctx: TurnContext, draft: PaknDraft, text: string): void {
  const previous = draft.editing ? "" : (draft.content ?? "");
  const joined = [previous, text].filter(Boolean).join("\n").trim();
  const problem = checkContent(joined);
  draft.step = "content";
  ctx.session.intake = draft;
  const cancel = [{ label: PAKN_LABELS.cancel, payload: encodePaknAction({ type: "cancel" }) }];
  if (problem === "too_long" || joined.length > MAX_CONTENT_CHARS) {
    ctx.reply({ text: PAKN_TEXTS.contentTooLong, buttons: cancel }, { intent: "feedback_step" });
    return;
  }
  if (problem === "unreadable") {
    // The unreadable piece is dropped; what was written before stays.
    ctx.reply({ text: PAKN_TEXTS.contentUnreadable, buttons: cancel }, { intent: "feedback_step" });
    return;
  }
  draft.content = joined;
  if (problem === "too_short") {
    const noted = joined ? `Tôi đã ghi: “${shorten(joined, 300)}”.\n` : "";
    ctx.reply({ text: noted + PAKN_TEXTS.contentTooShort, buttons: cancel }, { intent: "feedback_step" });
    return;
  }
  afterContent(ctx, draft);
}

/** Goes on from the related-procedure or place step. */
export function afterPlaceStep(ctx: TurnContext, draft: PaknDraft): void {
  moveTo(ctx, draft, afterPlace(draft));
}

/** Once the kind is known: asks for the content, or checks the content already given. */
export function afterKind(ctx: TurnContext, draft: PaknDraft): void {
  if (draft.content) takeContent(ctx, draft, "");
  else moveTo(ctx, draft, "content");
}

/** Starts a new intake, replacing any earlier draft; with the content when it is already known. */
export function startIntake(
  ctx: TurnContext,
  options: { kind?: PaknDraft["kind"]; content?: string } = {},
): void {
  if (!ctx.deps.feedback) {
    ctx.session.intake = undefined;
    ctx.reply(textReply(PAKN_TEXTS.unavailable), { intent: "feedback_unavailable" });
    return;
  }
  const draft = newDraft("kind", {
    kind: options.kind,
    content: options.content?.slice(0, MAX_CONTENT_CHARS),
  });
  ctx.session.intake = draft;
  if (draft.kind) afterKind(ctx, draft);
  else moveTo(ctx, draft, "kind");
}
