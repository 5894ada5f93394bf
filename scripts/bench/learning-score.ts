import type { Decision } from "../../knowledge/decision-types.js";
import { devPart } from "./dev-split.js";
import { type DevQuestion, r3 } from "./metrics.js";

/** How one question fared under one set of lessons. */
export interface QuestionOutcome {
  /** Answered: a procedure, an editor's official answer, or where to go instead (a noise lesson answers nothing). */
  answered: boolean;
  /** Answer-labelled only: the first hit is a gold procedure (undefined for other labels). */
  top1?: boolean;
  /** Whatever the label: the decision is what the label asks (for answers, with the gold procedure first). */
  right: boolean;
  /** The decision followed an editor's lesson of this kind. */
  lesson?: string;
}

/** Whether a decision is a miss the bot logs: nothing found (no pointer) or a choice offered, unless an editor marked it noise. */
export function missKindOf(decision: Decision): "not_found" | "clarify" | undefined {
  if (decision.lesson?.kind === "noise") return undefined;
  if (decision.action === "clarify") return "clarify";
  if (decision.action === "out_of_scope" && !decision.elsewhere) return "not_found";
  return undefined;
}

/** Scores one question's decision against its label. */
export function outcomeOf(q: DevQuestion, decision: Decision): QuestionOutcome {
  const first = decision.hits[0]?.procedure.code;
  const top1 = q.behavior === "answer" ? first !== undefined && q.gold.includes(first) : undefined;
  const right =
    q.behavior === "answer"
      ? decision.action === "answer" && top1 === true
      : q.behavior === "out_of_scope"
        ? decision.action === "out_of_scope"
        : decision.action === "clarify";
  return {
    answered: decision.action === "answer" || decision.elsewhere !== undefined,
    ...(top1 === undefined ? {} : { top1 }),
    right,
    ...(decision.lesson ? { lesson: decision.lesson.kind } : {}),
  };
}

/** Each question's outcome under the current lessons, by question id. */
export function scoreAll(
  decide: (text: string) => Decision,
  questions: readonly DevQuestion[],
): Map<string, QuestionOutcome> {
  return new Map(questions.map((q) => [q.id, outcomeOf(q, decide(q.q))]));
}

const share = (n: number, of: number) => (of === 0 ? null : r3(n / of));

/** answeredShare and top1 (each before and after) of a set of questions, for one part of the dev split or all. */
function partReport(
  qs: readonly DevQuestion[],
  before: Map<string, QuestionOutcome>,
  after: Map<string, QuestionOutcome>,
) {
  const answerLabelled = qs.filter((q) => q.behavior === "answer");
  const count = (m: Map<string, QuestionOutcome>, pick: (o: QuestionOutcome) => boolean, of = qs) =>
    of.filter((q) => {
      const o = m.get(q.id);
      return o !== undefined && pick(o);
    }).length;
  const both = (pick: (o: QuestionOutcome) => boolean, of = qs) => ({
    before: share(count(before, pick, of), of.length),
    after: share(count(after, pick, of), of.length),
  });
  return {
    n: qs.length,
    answerLabelled: answerLabelled.length,
    answeredShare: both((o) => o.answered),
    top1: both((o) => o.top1 === true, answerLabelled),
    rightShare: both((o) => o.right),
    /** Questions that follow an editor's lesson after, by its kind (a noise lesson only stops logging them). */
    lessonsFollowedAfter: {
      link: count(after, (o) => o.lesson === "link"),
      noise: count(after, (o) => o.lesson === "noise"),
    },
  };
}

/** A set's report for all its questions and for the dev split's TUNE and HELD parts apart. */
export function setReport(
  qs: readonly DevQuestion[],
  before: Map<string, QuestionOutcome>,
  after: Map<string, QuestionOutcome>,
) {
  return {
    ...partReport(qs, before, after),
    tune: partReport(
      qs.filter((q) => devPart(q.id) === "tune"),
      before,
      after,
    ),
    held: partReport(
      qs.filter((q) => devPart(q.id) === "held"),
      before,
      after,
    ),
  };
}

/** Questions right before and wrong after (a lesson hijacking them), and the reverse, with their ids. */
export function flips(
  qs: readonly DevQuestion[],
  before: Map<string, QuestionOutcome>,
  after: Map<string, QuestionOutcome>,
) {
  const lost = qs.filter((q) => before.get(q.id)?.right && !after.get(q.id)?.right).map((q) => q.id);
  const gained = qs.filter((q) => !before.get(q.id)?.right && after.get(q.id)?.right).map((q) => q.id);
  return { wrongAfter: lost.length, rightAfter: gained.length, wrongAfterIds: lost };
}

/**
 * How the `unsure` threshold sorts the answers to answer-labelled questions (no lessons): the share
 * flagged for the editors, the share of the flagged that are wrong, and the share of wrong answers
 * flagged (the citizen gets every answer either way).
 */
export function unsureReport(decide: (text: string) => Decision, questions: readonly DevQuestion[]) {
  let answers = 0;
  let flagged = 0;
  let flaggedWrong = 0;
  let wrong = 0;
  for (const q of questions) {
    if (q.behavior !== "answer") continue;
    const d = decide(q.q);
    const first = d.hits[0]?.procedure.code;
    if (d.action !== "answer" || !first) continue;
    answers++;
    const isWrong = !q.gold.includes(first);
    if (isWrong) wrong++;
    if (!d.unsure) continue;
    flagged++;
    if (isWrong) flaggedWrong++;
  }
  return {
    answers,
    flaggedShare: share(flagged, answers),
    wrongAmongFlagged: share(flaggedWrong, flagged),
    wrongFlagged: share(flaggedWrong, wrong),
  };
}
