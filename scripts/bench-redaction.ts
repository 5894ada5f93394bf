/**
 * Redaction benchmark: what personal data survives feedback/redact.ts `redactForPublic`, and how
 * much ordinary text it removes, on (1) the hand-checked sample of real answered PAKN
 * (test/feedback/fixtures/redaction-sample.json), (2) every question and answer of the examples
 * file graded by independent detectors (scripts/bench/redaction-gold.ts), (3) real questions with
 * the sender's details, phones, ID numbers, e-mails and plates written in the usual ways, and
 * (4) ordinary sentences full of look-alikes, and (5) one hand-labelled set per way of quoting
 * personal data that plain patterns miss (initials, a phone in words, an e-mail in words, a date of
 * birth, the last digits of an ID), each with look-alikes (scripts/bench/redaction-kinds.tsv), and
 * (6) officers' answers as they are published, with what must go and what must survive (dates,
 * document numbers, amounts, the place of the problem; scripts/bench/redaction-answers.tsv), and
 * (7) every real answer of the examples file published for a sender whose address shares its
 * hamlet, commune and a number of its dates (scripts/bench/redaction-colliding.ts).
 * Prints one JSON object on stdout.
 * Usage: npm run --silent bench:redaction -- [--input FILE] [--seed 42] [--kinds FILE] [--answers FILE]
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { redactForPublic } from "../feedback/redact.js";
import { answerCases, REDACTION_ANSWERS_FILE, scoreAnswers } from "./bench/redaction-answers.js";
import { collidingCase } from "./bench/redaction-colliding.js";
import { detectPii, type PiiKind, type PiiSpan } from "./bench/redaction-gold.js";
import { heldOutCases } from "./bench/redaction-held-out.js";
import { kindSets, REDACTION_KINDS_FILE } from "./bench/redaction-kinds.js";
import { type GoldText, scoreText, summarize } from "./bench/redaction-score.js";
import { ORDINARY_SENTENCES, type SyntheticCase, syntheticCases } from "./bench/redaction-synthetic.js";

const { values: args } = parseArgs({
  options: {
    input: {
      type: "string",
      default: new URL("../../shared/data/pakn-answered-examples.jsonl", import.meta.url).pathname,
    },
    sample: {
      type: "string",
      default: new URL("../test/feedback/fixtures/redaction-sample.json", import.meta.url).pathname,
    },
    seed: { type: "string", default: "42" },
    kinds: { type: "string", default: REDACTION_KINDS_FILE },
    answers: { type: "string", default: REDACTION_ANSWERS_FILE },
  },
});

interface Row {
  id: string;
  question: string;
  answer?: string | null;
}
interface SampleItem {
  id: string;
  field: string;
  text: string;
  pii: { kind: PiiKind; value: string }[];
  ignore?: string[];
}

const started = performance.now();
const rows = readFileSync(args.input as string, "utf8")
  .split("\n")
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as Row)
  .map((r) => ({ ...r, question: r.question.normalize("NFC"), answer: r.answer?.normalize("NFC") }));

/** Every occurrence of a value as a whole word run; in "Ông [Công]" only the bracketed part counts. */
function spansOf(text: string, value: string, kind: PiiKind): PiiSpan[] {
  const m = /^(.*?)\[(.*)\](.*)$/s.exec(value);
  const [before, inside, after] = m ? [m[1] ?? "", m[2] ?? "", m[3] ?? ""] : ["", value, ""];
  const escaped = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const pattern = new RegExp(
    `(?<![\\p{L}\\p{N}])${escaped(before)}(${escaped(inside)})${escaped(after)}(?![\\p{L}\\p{N}])`,
    "gu",
  );
  return [...text.matchAll(pattern)].map((x) => {
    const start = (x.index ?? 0) + before.length;
    return { kind, start, end: start + inside.length, text: inside };
  });
}

// 1. The hand-checked sample.
const sample = (JSON.parse(readFileSync(args.sample as string, "utf8")) as { items: SampleItem[] }).items;
const handGold: GoldText[] = sample.map((item) => ({
  id: item.id,
  text: item.text.normalize("NFC"),
  pii: item.pii.flatMap((p) => spansOf(item.text, p.value, p.kind)),
  ignore: (item.ignore ?? []).flatMap((v) => spansOf(item.text, v, "name")),
}));
const handScores = handGold.map((g) => scoreText(g, redactForPublic(g.text)));

// How far the independent detectors agree with the hand-checked spans (trust in part 2).
let agreed = 0;
let detected = 0;
let handSpans = 0;
let handFound = 0;
for (const g of handGold) {
  const auto = detectPii(g.text).filter(
    (s) => !s.ambiguous && !g.ignore?.some((i) => i.start < s.end && s.start < i.end),
  );
  detected += auto.length;
  handSpans += g.pii.length;
  agreed += auto.filter((s) => g.pii.some((h) => h.start < s.end && s.start < h.end)).length;
  handFound += g.pii.filter((h) => auto.some((s) => h.start < s.end && s.start < h.end)).length;
}

// 2. Every question and answer, graded by the detectors.
const autoGold: GoldText[] = rows.flatMap((r) =>
  [
    ["question", r.question],
    ["answer", r.answer ?? ""],
  ]
    .filter(([, text]) => text?.trim())
    .map(([field, text]) => {
      const spans = detectPii(text as string);
      return {
        id: `${r.id}:${field}`,
        text: text as string,
        pii: spans.filter((s) => !s.ambiguous),
        ignore: spans.filter((s) => s.ambiguous),
      };
    }),
);
const autoScores = autoGold.map((g) => scoreText(g, redactForPublic(g.text)));

/** Scores synthetic cases with their senders, with how many of each template came out clean. */
function scoreCases(list: SyntheticCase[]) {
  const scores = list.map((c) => scoreText(c, redactForPublic(c.text, c.sender)));
  const byTemplate: Record<string, { cases: number; clean: number }> = {};
  list.forEach((c, i) => {
    const t = byTemplate[c.template] ?? { cases: 0, clean: 0 };
    t.cases++;
    if (scores[i]?.leaks.length === 0) t.clean++;
    byTemplate[c.template] = t;
  });
  return { ...summarize(scores), byTemplate };
}
// 3. Real questions with the sender's details and other personal data written in, and held-out spellings.
const bodies = rows.map((r) => ({ id: r.id, text: r.question }));
const cases = syntheticCases(bodies, Number(args.seed));
const heldOut = heldOutCases(bodies, Number(args.seed) + 1);

// 4. Ordinary sentences: nothing may go.
const ordinary = ORDINARY_SENTENCES.map((text, i) =>
  scoreText({ id: `ordinary-${i}`, text, pii: [] }, redactForPublic(text)),
);

// 5. One labelled set per way of quoting personal data, with look-alikes where nothing may go.
const quotingKinds = Object.fromEntries(
  [...kindSets(args.kinds as string)].map(([set, list]) => {
    const outs = list.map((c) => redactForPublic(c.text, c.sender));
    const lookAlikes = list.filter((c) => c.lookAlike);
    const changed = lookAlikes.filter((c) => outs[list.indexOf(c)] !== c.text);
    return [
      set,
      {
        ...scoreCases(list),
        lookAlikes: { texts: lookAlikes.length, changed: changed.length },
      },
    ];
  }),
);

// 6. Officers' answers: personal data removed, dates, numbers and the place of the problem kept.
const officersAnswers = scoreAnswers(answerCases(args.answers as string), redactForPublic);

// 7. Real answers for a sender whose address collides with what they say: nothing of it is there.
const colliding = rows.flatMap((r) => {
  const c = r.answer ? collidingCase(`${r.id}:answer`, r.answer) : null;
  return c ? [c] : [];
});
const collidingSenders = summarize(colliding.map((c) => scoreText(c, redactForPublic(c.text, c.sender))));

const round = (x: number) => Number(x.toFixed(4));
process.stdout.write(
  `${JSON.stringify(
    {
      input: args.input,
      handChecked: {
        ...summarize(handScores),
        detectorAgreement: {
          handSpans,
          detectorSpans: detected,
          precision: round(agreed / Math.max(1, detected)),
          recall: round(handFound / Math.max(1, handSpans)),
        },
      },
      wholeFileAutoGold: {
        ...summarize(autoScores),
        ambiguousSpansNotCounted: autoGold.reduce((n, g) => n + (g.ignore?.length ?? 0), 0),
      },
      syntheticPersonalData: { seed: Number(args.seed), ...scoreCases(cases) },
      heldOutPersonalData: { seed: Number(args.seed) + 1, ...scoreCases(heldOut) },
      ordinarySentences: summarize(ordinary, 40),
      quotingKinds,
      officersAnswers,
      collidingSenders,
      ms: Math.round(performance.now() - started),
    },
    null,
    2,
  )}\n`,
);
