import type { KnowledgeBase } from "../../../../knowledge/decision-types.js";
import type { Reply } from "../../../../lib/reply.js";
import type { TurnContext } from "../../turn-context.js";
import type { Attachment } from "../../types.js";
import type { PaknButton } from "../pakn-buttons.js";
import type { IntakeStep, PaknDraft } from "./draft.js";

/** What the engine does after a step handled a message (see engine.ts). */
export type IntakeMove =
  /** On to the `next` of the step the draft is at now (a step may hand an answer on: kind → content). */
  | { kind: "next" }
  /** To another step than the usual next one (the summary's "edit" goes back to the content). */
  | { kind: "to"; step: IntakeStep }
  /** The same question again, after a lead-in; `listChoices` names the buttons as they can be typed. */
  | { kind: "again"; lead?: string; listChoices?: boolean }
  /** Nothing more: the step replied itself (or ended the intake). */
  | { kind: "done" };

/** Goes on to the step's next one. */
export const goNext = (): IntakeMove => ({ kind: "next" });
/** Goes to a step other than the usual next one. */
export const goTo = (step: IntakeStep): IntakeMove => ({ kind: "to", step });
/** Asks the step's question again, after an optional lead-in. */
export const askAgain = (lead?: string): IntakeMove => ({ kind: "again", lead });
/** Asks again, naming the choices as they can be typed (after a reply that picked none of them). */
export const askChoiceAgain = (lead?: string): IntakeMove => ({ kind: "again", lead, listChoices: true });
/** The step has replied itself. */
export const handled = (): IntakeMove => ({ kind: "done" });

/**
 * One question of the PAKN intake, in one place: what is asked, what a typed answer and a pressed
 * button do, and which step follows. The engine (engine.ts) reads these; step-table.ts lists them.
 */
export interface IntakeStepDefinition {
  /** The question with its buttons (the engine puts a lead-in before it when asking again). */
  prompt(draft: PaknDraft, kb: KnowledgeBase): Reply;
  /** Whether a typed number, label or word presses one of the prompt's buttons before `onText` reads it. */
  typedChoices?: boolean;
  /** Runs when the dialog arrives at the step: a move handles it at once, undefined asks the question. */
  onEnter?(ctx: TurnContext, draft: PaknDraft): IntakeMove | undefined;
  /** A typed answer (`ctx.text`, not a cancel word nor a command). */
  onText(ctx: TurnContext, draft: PaknDraft): IntakeMove;
  /** A pressed button of this step; undefined when it is not this step's (the question is asked again). */
  onButton?(
    ctx: TurnContext,
    draft: PaknDraft,
    button: PaknButton,
  ): IntakeMove | undefined | Promise<IntakeMove | undefined>;
  /** Photos and places sent at this step; undefined passes the message on. */
  onMedia?(ctx: TurnContext, draft: PaknDraft, sent: readonly Attachment[]): IntakeMove | undefined;
  /** What a cancel word does here, when it is not the usual "cancelled, nothing kept". */
  onCancel?(ctx: TurnContext, draft: PaknDraft): void;
  /** Whether a typed message is no answer at all: the citizen moved on, the draft is dropped and the turn passes on. */
  movedOn?(text: string): boolean;
  /** The step that follows an answer (none after the summary: the draft is sent). */
  next?: IntakeStep | ((draft: PaknDraft) => IntakeStep);
}
