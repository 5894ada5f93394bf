import { MAX_CONTENT_CHARS } from "../../../../feedback/pakn-input-rules.js";
import type { KnowledgeBase } from "../../../../knowledge/decision-types.js";
import { type Reply, textReply } from "../../../../lib/reply.js";
import { isSlashCommand } from "../../filters.js";
import type { TurnContext } from "../../turn-context.js";
import { decodePaknButton, type PaknButton } from "../pakn-buttons.js";
import { PAKN_TEXTS } from "../pakn-texts.js";
import { replyOwnList, replyTracking } from "../pakn-track.js";
import { describeChoices, typedChoice } from "../typed-choice.js";
import { isCancelText } from "./cancel-words.js";
import { type IntakeStep, newDraft, type PaknDraft } from "./draft.js";
import { cancelIntake, explainComplaintPath, replyExpired } from "./endings.js";
import type { IntakeMove } from "./step-definition.js";
import { INTAKE_STEPS } from "./step-table.js";
import { repeatFiled } from "./submit-draft.js";

/** The question of the draft's current step with its buttons, after an optional lead-in. */
export function promptOf(draft: PaknDraft, kb: KnowledgeBase, lead?: string): Reply {
  const reply = INTAKE_STEPS[draft.step].prompt(draft, kb);
  return lead ? { ...reply, text: `${lead}\n\n${reply.text}` } : reply;
}

/** Asks the current step's question (again), keeping the draft in the session. */
function ask(ctx: TurnContext, draft: PaknDraft, lead?: string): void {
  ctx.session.intake = draft;
  ctx.reply(promptOf(draft, ctx.deps.kb, lead), { intent: "feedback_step" });
}

/** The lead-in naming the current question's choices as they can be typed. */
function choicesLead(ctx: TurnContext, draft: PaknDraft, lead?: string): string {
  const { buttons } = promptOf(draft, ctx.deps.kb);
  const choices = `${PAKN_TEXTS.choiceNotUnderstood}\n${describeChoices(buttons)}`;
  return lead ? `${lead}\n${choices}` : choices;
}

/** The step after the draft's current one, as its definition says. */
function nextStep(draft: PaknDraft): IntakeStep {
  const { next } = INTAKE_STEPS[draft.step];
  if (next === undefined) throw new Error(`the intake step "${draft.step}" has no next step`);
  return typeof next === "function" ? next(draft) : next;
}

/** Moves the draft to a step: the step handles its arrival (content already known) or its question is asked. */
export function enterStep(ctx: TurnContext, draft: PaknDraft, step: IntakeStep): void {
  draft.step = step;
  ctx.session.intake = draft;
  const arrival = INTAKE_STEPS[step].onEnter?.(ctx, draft);
  if (arrival) applyMove(ctx, draft, arrival);
  else ask(ctx, draft);
}

/** Does what a step decided: on to the next step or another one, the question again, or nothing more. */
export function applyMove(ctx: TurnContext, draft: PaknDraft, move: IntakeMove): void {
  if (move.kind === "next") enterStep(ctx, draft, nextStep(draft));
  else if (move.kind === "to") enterStep(ctx, draft, move.step);
  else if (move.kind === "again")
    ask(ctx, draft, move.listChoices ? choicesLead(ctx, draft, move.lead) : move.lead);
}

/** Starts a new intake, replacing any earlier draft; the kind is asked unless known, the content checked if given. */
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
  enterStep(ctx, draft, draft.kind ? "content" : "kind");
}

/** Starts a question ticket for an officer with the question the knowledge base found nothing for. */
export function startHandoff(ctx: TurnContext): void {
  const question = ctx.session.handoffQuestion;
  ctx.session.handoffQuestion = undefined;
  startIntake(ctx, { kind: "question", content: question });
  if (!question && ctx.deps.feedback) ctx.replies.unshift(textReply(PAKN_TEXTS.askQuestionAgain));
}

/**
 * A PAKN button, pressed or typed: those that act whatever the step (start, handoff, complaint path,
 * cancel, lookups) first; the others go to the current step, and one that does not fit it (an old
 * message's button) has the question asked again. Without a draft the session expired.
 */
export async function pressButton(ctx: TurnContext, button: PaknButton): Promise<void> {
  const draft = ctx.session.intake;
  switch (button.type) {
    case "start":
      return startIntake(ctx);
    case "handoff":
      return startHandoff(ctx);
    case "complaint_path":
      return explainComplaintPath(ctx);
    case "cancel":
      return draft ? cancelIntake(ctx) : replyExpired(ctx);
    case "track":
      return replyTracking(ctx, button.code);
    case "own_list":
      return replyOwnList(ctx);
  }
  if (!draft) return button.type === "confirm" ? repeatFiled(ctx) : replyExpired(ctx);
  const move = await INTAKE_STEPS[draft.step].onButton?.(ctx, draft, button);
  applyMove(ctx, draft, move ?? { kind: "again" });
}

/**
 * A typed message while a draft is open: a cancel word cancels; a slash command passes on (the draft
 * waits; /phananh is reminded of it) unless the step says the citizen moved on; a typed choice
 * presses its button; anything else is the step's answer.
 */
export async function answerTyped(
  ctx: TurnContext,
  draft: PaknDraft,
  next: () => Promise<void>,
): Promise<void> {
  const step = INTAKE_STEPS[draft.step];
  if (isCancelText(ctx.text, draft.step))
    return step.onCancel ? step.onCancel(ctx, draft) : cancelIntake(ctx);
  if (step.movedOn?.(ctx.text)) {
    ctx.session.intake = undefined;
    return next();
  }
  if (isSlashCommand(ctx.text)) {
    if (/^\/phananh\b/i.test(ctx.text)) return ask(ctx, draft, PAKN_TEXTS.inProgress);
    return next();
  }
  if (step.typedChoices) {
    const picked = typedChoice(promptOf(draft, ctx.deps.kb).buttons, ctx.text);
    const button = picked ? decodePaknButton(picked.payload) : null;
    if (button) return pressButton(ctx, button);
  }
  applyMove(ctx, draft, step.onText(ctx, draft));
}
