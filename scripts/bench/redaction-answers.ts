import { readFileSync } from "node:fs";
import type { SenderIdentity } from "../../feedback/redact.js";
import type { PiiKind, PiiSpan } from "./redaction-gold.js";
import { keptWords, scoreText, summarize } from "./redaction-score.js";

/**
 * The over-redaction set of bench:redaction (scripts/bench/redaction-answers.tsv): officers'
 * answers with the sender's identity, the personal data that must go and the spans that must
 * survive word for word (dates, document numbers, amounts, the place of the problem).
 */

/** The bundled set. */
export const REDACTION_ANSWERS_FILE = new URL("./redaction-answers.tsv", import.meta.url).pathname;

const KINDS = new Set<string>(["name", "phone", "id", "email", "plate", "address", "birth"]);

/** One officer's answer: its sender, the spans that must go and those that must stay. */
export interface AnswerCase {
  id: string;
  text: string;
  sender: SenderIdentity;
  pii: PiiSpan[];
  keep: { start: number; end: number; text: string }[];
}

function sender(column: string): SenderIdentity {
  if (column.trim() === "-" || !column.trim()) return {};
  const [name, phone, address] = column.split("|").map((c) => c.trim());
  return { ...(name ? { name } : {}), ...(phone ? { phone } : {}), ...(address ? { address } : {}) };
}

/** Parses "sender<TAB>text" lines with {{kind:value}} and [[value]] marks; a bad line throws, naming it. */
export function parseAnswerCases(content: string): AnswerCase[] {
  const out: AnswerCase[] = [];
  content.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim() || line.startsWith("#")) return;
    const [who = "", raw = ""] = line.split("\t");
    if (!raw.trim()) throw new Error(`redaction-answers.tsv line ${i + 1}: no text`);
    const source = raw.replace(/\\n/g, "\n").normalize("NFC");
    let text = "";
    const pii: PiiSpan[] = [];
    const keep: AnswerCase["keep"] = [];
    let last = 0;
    for (const m of source.matchAll(/\{\{([a-z]+):(.+?)\}\}|\[\[(.+?)\]\]/gu)) {
      text += source.slice(last, m.index);
      const value = (m[2] ?? m[3]) as string;
      const span = { start: text.length, end: text.length + value.length, text: value };
      if (m[1] !== undefined) {
        if (!KINDS.has(m[1])) throw new Error(`redaction-answers.tsv line ${i + 1}: unknown kind ${m[1]}`);
        pii.push({ kind: m[1] as PiiKind, ...span });
      } else keep.push(span);
      text += value;
      last = (m.index ?? 0) + m[0].length;
    }
    text += source.slice(last);
    if (/\{\{|\}\}|\[\[|\]\]/.test(text))
      throw new Error(`redaction-answers.tsv line ${i + 1}: unclosed mark`);
    out.push({ id: `answer-${i + 1}`, text, sender: sender(who), pii, keep });
  });
  return out;
}

/** The bundled set, in file order. */
export function answerCases(file = REDACTION_ANSWERS_FILE): AnswerCase[] {
  return parseAnswerCases(readFileSync(file, "utf8"));
}

/**
 * Scores a redactor on the set: recall of the personal data removed (per kind), the share of
 * must-keep spans that survive whole, and the ordinary words removed, with examples of each failure.
 */
export function scoreAnswers(
  list: AnswerCase[],
  redact: (text: string, sender: SenderIdentity) => string,
  examples = 12,
) {
  let kept = 0;
  const lost: { id: string; span: string; published: string }[] = [];
  const scores = list.map((c) => {
    const out = redact(c.text, c.sender);
    const { words, kept: keptFlags } = keptWords(c.text, out);
    for (const span of c.keep) {
      const inside = words.flatMap((w, k) =>
        w.start < span.end && span.start < w.end ? [keptFlags[k]] : [],
      );
      if (inside.every(Boolean)) kept++;
      else lost.push({ id: c.id, span: span.text, published: out });
    }
    return scoreText({ id: c.id, text: c.text, pii: c.pii }, out);
  });
  const keepSpans = list.reduce((n, c) => n + c.keep.length, 0);
  const summary = summarize(scores, examples);
  return {
    answers: list.length,
    piiItems: summary.piiItems,
    personalDataRecall: summary.recall,
    byKind: summary.byKind,
    mustKeepSpans: keepSpans,
    mustKeepKept: kept,
    mustKeepShare: Number((kept / Math.max(1, keepSpans)).toFixed(4)),
    answersFullyRight: scores.filter(
      (s, i) => s.leaks.length === 0 && !lost.some((l) => l.id === list[i]?.id),
    ).length,
    overRedaction: summary.overRedaction,
    lostExamples: lost.slice(0, examples),
    leakExamples: summary.leakExamples,
  };
}
