import type { Field, Procedure } from "../procedure.js";
import { type ComposeAnswerOptions, composeAnswer } from "./compose-answer.js";
import type { ComposedMessage } from "./composed-message.js";

/** Answers kept per procedure; a procedure has few distinct (fields, full) combinations in practice. */
const PER_PROCEDURE_LIMIT = 32;

/**
 * Remembers composed answers per procedure object: composing cleans and summarises the same
 * procedure text every time, which is most of a turn's CPU, and the result depends only on the
 * procedure, the asked fields and the options. Keyed weakly by the procedure, so a reloaded
 * knowledge base starts afresh; callers get copies they may change.
 */
export function createAnswerCache(): (
  procedure: Procedure,
  fields: readonly Field[],
  options?: ComposeAnswerOptions,
) => ComposedMessage[] {
  const byProcedure = new WeakMap<Procedure, Map<string, ComposedMessage[]>>();
  return (procedure, fields, options = {}) => {
    const key = `${[...new Set(fields)].join(",")}|${options.full ? 1 : 0}|${options.maxChars ?? ""}`;
    let answers = byProcedure.get(procedure);
    if (!answers) {
      answers = new Map();
      byProcedure.set(procedure, answers);
    }
    let composed = answers.get(key);
    if (!composed) {
      composed = composeAnswer(procedure, fields, options);
      if (answers.size >= PER_PROCEDURE_LIMIT) answers.delete(answers.keys().next().value as string);
      answers.set(key, composed);
    }
    return composed.map((m) => ({ text: m.text, buttons: m.buttons.map((b) => ({ ...b })) }));
  };
}

/** The process-wide cache the conversation core uses. */
export const composeAnswerCached = createAnswerCache();
