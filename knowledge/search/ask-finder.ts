import { type AskCues, cueAt } from "./ask-cues.js";
import type { Clause } from "./clauses.js";

/** A span of the message's tokens that asks something: start inclusive, end exclusive. */
export interface AskSpan {
  start: number;
  end: number;
}

/** A message read for its asks: the spans, and per token how much it counts for the topic. */
export interface MessageReading {
  asks: AskSpan[];
  /** Per token: 1 inside an ask, less in the backstory; absent when nothing is discounted. */
  focus?: number[];
  /** Per token: how much it counts when judging whether a procedure covers the message. */
  coverage?: number[];
}

/** The clauses and tokens to read, with which tokens carry a topic (not filler, not field words). */
export interface AskFinderInput {
  tokens: readonly string[];
  clauses: readonly Clause[];
  topical: readonly boolean[];
}

/** Tunables of the reading, measured on the tune half of the dev questions. */
export const READING = {
  /** An ask with fewer topic words than this is about the clause(s) before it ("… thì làm sao"). */
  minAskTopicWords: 2,
  /** Weight of a backstory word relative to a word of the ask, for a long backstory… */
  backstory: 0.3,
  /** …while a backstory of at most this many topic words is a qualifier and weighs more. */
  qualifierWords: 5,
  /** Share of a backstory word's weight in the coverage of the message (the ask decides it). */
  backstoryCoverage: 0.1,
};

/**
 * Finds what a message asks, the way a person reads it: clauses that end with a question mark or
 * carry an ask cue ("cần giấy tờ gì", "ở đâu", "có được không"), each stretched back over the
 * clauses before it until it names a topic; the words outside every ask are backstory, which
 * still narrows the variant but weighs less in ranking.
 */
export function findAsks(deps: { cues: AskCues }, input: AskFinderInput): MessageReading {
  const { tokens, clauses, topical } = input;
  const topicWords = (c: Clause) => {
    let n = 0;
    for (let i = c.start; i < c.end; i++) if (topical[i]) n++;
    return n;
  };
  const spans: AskSpan[] = [];
  const asking = clauses.map((clause) => isAsk(deps.cues, tokens, clause));
  // No cue at all: the story comes first, so the last sentence of several is the request.
  if (!asking.includes(true)) {
    let last = clauses.length - 1;
    while (last > 0 && !(clauses[last] as Clause).sentenceStart) last--;
    for (let c = Math.max(last, 1); last > 0 && c < clauses.length; c++) asking[c] = true;
  }
  // Words that redo a paper without naming it ("làm lại", "cấp lại") name no topic.
  const generic = genericTokens(deps.cues, tokens);
  const namesTopic = (cl: Clause) => {
    for (let i = cl.start; i < cl.end; i++) if (topical[i] && !generic[i]) return true;
    return false;
  };
  const redoes = (cl: Clause) => {
    for (let i = cl.start; i < cl.end; i++) if (generic[i]) return true;
    return false;
  };
  // The clause that tells what the message is about: the first that names a topic.
  const opening = clauses.findIndex(namesTopic);
  clauses.forEach((clause, c) => {
    if (!asking[c]) return;
    // An ask to redo something it does not name ("giờ làm lại mất bao lâu") is about what the
    // story opened with ("tôi làm mất thẻ căn cước khi đi chợ"), however long the story between.
    const head = clauses[opening];
    if (
      head &&
      opening < c - 1 &&
      !namesTopic(clause) &&
      redoes(clause) &&
      !spans.some((s) => s.start <= head.start && head.end <= s.end)
    )
      spans.push({ start: head.start, end: head.end });
    let first = c;
    let words = topicWords(clause);
    while (words < READING.minAskTopicWords && first > 0) {
      first--;
      words += topicWords(clauses[first] as Clause);
    }
    const span = { start: (clauses[first] as Clause).start, end: clause.end };
    const prev = spans[spans.length - 1];
    if (prev && span.start < prev.end) prev.end = Math.max(prev.end, span.end);
    else spans.push(span);
  });
  if (spans.length === 0) return { asks: [] };
  const inAsk = tokens.map(() => false);
  for (const s of spans) for (let i = s.start; i < s.end; i++) inAsk[i] = true;
  let storyWords = 0;
  for (let i = 0; i < tokens.length; i++) if (!inAsk[i] && topical[i]) storyWords++;
  // A few words around the ask qualify it ("bố mẹ để lại đất, …"); a long story is backdrop.
  const weight = Math.min(1, Math.max(READING.backstory, READING.qualifierWords / (storyWords || 1)));
  // What the story tells as already done ("đã làm khai tử rồi") is not what is asked, however short.
  const done = doneTokens(deps.cues, tokens, clauses, inAsk);
  if (weight >= 1 && !done.includes(true)) return { asks: spans };
  const story = (i: number) => (done[i] ? READING.backstory : weight);
  return {
    asks: spans,
    focus: inAsk.map((a, i) => (a ? 1 : story(i))),
    coverage: inAsk.map((a, i) => (a ? 1 : story(i) * READING.backstoryCoverage)),
  };
}

/**
 * The spans without what they say the paper is for: "xin trích lục kết hôn để làm hồ sơ vay ngân
 * hàng" asks for the extract, the loan is its purpose. A span that opens with the purpose ("để
 * vay ngân hàng cần gì") asks about the purpose itself and is kept whole.
 */
export function withoutPurpose(
  cues: AskCues,
  tokens: readonly string[],
  spans: readonly AskSpan[],
): AskSpan[] {
  return spans.map((span) => {
    for (let i = span.start + 1; i < span.end; i++)
      if (cueAt(cues, "purpose", tokens, i) > 0 && cueAt(cues, "plain", tokens, i) === 0)
        return { start: span.start, end: i };
    return span;
  });
}

/** Per token: inside a "generic" cue (what to do with a paper, not which paper). */
function genericTokens(cues: AskCues, tokens: readonly string[]): boolean[] {
  const out = tokens.map(() => false);
  for (let i = 0; i < tokens.length; i++) {
    const len = cueAt(cues, "generic", tokens, i);
    for (let k = 0; k < len; k++) out[i + k] = true;
    if (len > 0) i += len - 1;
  }
  return out;
}

/** Per token: outside every ask, in a clause that tells something as done (a "done" cue). */
function doneTokens(
  cues: AskCues,
  tokens: readonly string[],
  clauses: readonly Clause[],
  inAsk: readonly boolean[],
): boolean[] {
  const out = tokens.map(() => false);
  for (const c of clauses) {
    let told = false;
    for (let i = c.start; i < c.end && !told; i++) told = cueAt(cues, "done", tokens, i) > 0;
    if (told) for (let i = c.start; i < c.end; i++) out[i] = !inAsk[i];
  }
  return out;
}

/** Whether a clause asks something: a question mark or an ask cue inside it. */
function isAsk(cues: AskCues, tokens: readonly string[], clause: Clause): boolean {
  if (clause.questionMark) return true;
  for (let i = clause.start; i < clause.end; i++) {
    // Folded, "có căn nhà" reads like the cue "có cần": a "plain" phrase is read as what it says.
    const plain = cueAt(cues, "plain", tokens, i);
    if (plain > 0) {
      i += plain - 1;
      continue;
    }
    if (cueAt(cues, "ask", tokens, i) > 0 && !negated(cues, tokens, i, clause.start)) return true;
  }
  return false;
}

/** Whether a negation one or two words before token `i` makes its question word a statement. */
function negated(cues: AskCues, tokens: readonly string[], i: number, start: number): boolean {
  for (let k = Math.max(start, i - 2); k < i; k++) {
    const len = cueAt(cues, "not", tokens, k);
    if (len > 0 && k + len <= i && tokens[k + len] !== "biet") return true;
  }
  return false;
}
