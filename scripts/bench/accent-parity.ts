/**
 * Accent parity bench: every dev and citizen question written with diacritics is also asked
 * stripped of them (what a farmer without a Vietnamese keyboard types), both forms go through the
 * same decision as bench:search, and the top-1 and behaviour accuracy of the two are printed side
 * by side as JSON per set and part, with how well the readings of unaccented words guess the
 * typed diacritics. With --verbose, the TUNE twins whose top-1 (answer questions) or behaviour
 * differ from their accented original, and the TUNE words an everyday phrase misreads, go to
 * stderr (HELD is measured, never shown).
 *
 *   npx tsx scripts/bench/accent-parity.ts [--verbose]
 */
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import type { Decision } from "../../knowledge/decision-types.js";
import { readProceduresFile } from "../../knowledge/importers/read-procedures-file.js";
import { createKnowledgeBase } from "../../knowledge/knowledge-base.js";
import { accentKey, canonicalSyllable, foldDiacritics } from "../../knowledge/normalize.js";
import { bundledEverydayReadings, SyllableReadings } from "../../knowledge/search/readings.js";
import { conversationAccuracy } from "./conversations.js";
import { BENCH_PROCEDURES_FILE, readDevConversations, readDevQuestions, SHARED_DATA } from "./dev-sets.js";
import { type DevPart, devPart } from "./dev-split.js";
import { type DevQuestion, r3 } from "./metrics.js";

const { values: args } = parseArgs({
  options: {
    procedures: { type: "string", default: BENCH_PROCEDURES_FILE },
    questions: { type: "string", default: `${SHARED_DATA}eval/dev-questions-motcua.jsonl` },
    conversations: { type: "string", default: `${SHARED_DATA}eval/dev-conversations-motcua.jsonl` },
    citizen: { type: "string", default: new URL("citizen-questions.jsonl", import.meta.url).pathname },
    /** Questions written later and never tuned on (TUNE may be looked at, HELD only measured). */
    fresh: { type: "string", default: new URL("fresh-questions.jsonl", import.meta.url).pathname },
    verbose: { type: "boolean", default: false },
  },
});

/** The question as typed without diacritics: NFD, combining marks dropped, đ→d. */
export function stripDiacritics(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .normalize("NFC");
}

const { procedures } = readProceduresFile(args.procedures as string);
const kb = createKnowledgeBase(procedures);

const sets: Record<string, DevQuestion[]> = {
  dev: readDevQuestions(args.questions as string),
  citizen: existsSync(args.citizen as string) ? readDevQuestions(args.citizen as string) : [],
  fresh: existsSync(args.fresh as string) ? readDevQuestions(args.fresh as string) : [],
};

interface Outcome {
  decision: Decision;
  top: string | undefined;
}
const outcome = (q: string): Outcome => {
  const decision = kb.decide(q);
  return { decision, top: decision.hits[0]?.procedure.code };
};

/** Top-1 counts only answer questions with gold codes (as bench:search does); behaviour counts all. */
function score(qs: DevQuestion[], outs: Outcome[]) {
  let ranked = 0;
  let top1 = 0;
  let behaviour = 0;
  qs.forEach((q, i) => {
    const o = outs[i] as Outcome;
    if (o.decision.action === q.behavior) behaviour++;
    if (q.behavior !== "answer" || q.gold.length === 0) return;
    ranked++;
    if (o.top !== undefined && q.gold.includes(o.top)) top1++;
  });
  return { top1: r3(top1 / (ranked || 1)), behaviour: r3(behaviour / (qs.length || 1)), ranked };
}

const readings = new SyllableReadings(procedures.map((p) => p.name));

/**
 * How often the readings the index infers for a stripped twin's ambiguous words allow the
 * spelling the citizen actually typed (a wrong reading costs the right procedure its match), and
 * how often the everyday phrases alone (assets/unaccented-readings.tsv) read a word as typed;
 * with `misread`, each word an everyday phrase reads otherwise is reported there.
 */
function readingAccuracy(qs: DevQuestion[], misread?: string[]) {
  let right = 0;
  let wrong = 0;
  let everydayRight = 0;
  let everydayWrong = 0;
  for (const q of qs) {
    const raw = [
      ...q.q
        .normalize("NFC")
        .toLowerCase()
        .matchAll(/[\p{L}\p{N}]+/gu),
    ].map((m) => m[0]);
    const folded = raw.map((t) => canonicalSyllable(foldDiacritics(t)));
    for (const [term, allowed] of readings.inContext(folded)) {
      const typed = raw.filter((_, i) => folded[i] === term).map(accentKey);
      if (typed.some((k) => allowed.has(k))) right++;
      else wrong++;
    }
    bundledEverydayReadings()
      .keysAt(folded)
      .forEach((key, i) => {
        if (key === undefined) return;
        if (key === accentKey(raw[i] as string)) everydayRight++;
        else {
          everydayWrong++;
          misread?.push(
            `MISREAD ${q.id} "${raw.slice(Math.max(0, i - 2), i + 3).join(" ")}" word ${i - Math.max(0, i - 2) + 1} read as ${key.normalize("NFC")}\n`,
          );
        }
      });
  }
  return {
    clues: right + wrong,
    wrong,
    accuracy: r3(right / (right + wrong || 1)),
    everyday: { words: everydayRight + everydayWrong, wrong: everydayWrong },
  };
}

const report: Record<string, Record<DevPart, unknown>> = {};
const differing: string[] = [];
for (const [set, questions] of Object.entries(sets)) {
  const perPart = {} as Record<DevPart, unknown>;
  for (const part of ["tune", "held"] as const) {
    const qs = questions.filter((q) => devPart(q.id) === part && !q.unaccented);
    const accented = qs.map((q) => outcome(q.q));
    const stripped = qs.map((q) => outcome(stripDiacritics(q.q)));
    const a = score(qs, accented);
    const s = score(qs, stripped);
    perPart[part] = {
      n: qs.length,
      ranked: a.ranked,
      accented: { top1: a.top1, behaviour: a.behaviour },
      stripped: { top1: s.top1, behaviour: s.behaviour },
      gap: { top1: r3(a.top1 - s.top1), behaviour: r3(a.behaviour - s.behaviour) },
      readings: readingAccuracy(qs, part === "tune" && args.verbose ? differing : undefined),
    };
    if (part !== "tune" || !args.verbose) continue;
    qs.forEach((q, i) => {
      const x = accented[i] as Outcome;
      const y = stripped[i] as Outcome;
      // Top-1 is scored on answer questions only; behaviour on every question.
      const ranked = q.behavior === "answer" && q.gold.length > 0;
      if ((!ranked || x.top === y.top) && x.decision.action === y.decision.action) return;
      const mark = (o: Outcome) =>
        `${o.decision.action} ${o.top ?? "-"}${o.top && q.gold.includes(o.top) ? "✓" : ""} ${
          o.top ? kb.get(o.top)?.name.slice(0, 60) : ""
        }`;
      differing.push(
        `TWIN ${set}/${q.id} ${q.behavior} [${q.gold.join(",")}] ${stripDiacritics(q.q)}\n` +
          `   accented: ${mark(x)}\n   stripped: ${mark(y)}\n`,
      );
    });
  }
  report[set] = perPart;
}

// Conversations with a turn written with diacritics, replayed as typed and with every turn stripped.
const conversations = readDevConversations(args.conversations as string).filter((c) =>
  c.turns.some((t) => stripDiacritics(t.q) !== t.q.normalize("NFC")),
);
const conversationReport = {} as Record<DevPart, unknown>;
for (const part of ["tune", "held"] as const) {
  const mine = conversations.filter((c) => devPart(c.id) === part);
  const stripped = mine.map((c) => ({
    ...c,
    turns: c.turns.map((t) => ({ ...t, q: stripDiacritics(t.q) })),
  }));
  const a = conversationAccuracy(kb, mine);
  const s = conversationAccuracy(kb, stripped);
  conversationReport[part] = {
    n: mine.length,
    turns: a.turns,
    accented: { turns: a.accuracy },
    stripped: { turns: s.accuracy },
    gap: { turns: r3(a.accuracy - s.accuracy) },
  };
  if (part === "tune" && args.verbose) {
    const missed = new Set(a.misses.map((m) => `${m.id}/${m.turn}`));
    for (const m of s.misses)
      if (!missed.has(`${m.id}/${m.turn}`))
        differing.push(
          `TURN ${m.id}/${m.turn} expected ${m.expected} got ${m.got} ${m.top ?? "-"}: ${m.q}\n`,
        );
  }
}
report.conversations = conversationReport;

const lines = Object.entries(report).flatMap(([set, parts]) =>
  Object.entries(parts).map(([part, row]) => `  "${set}.${part}": ${JSON.stringify(row)}`),
);
process.stdout.write(`{\n${lines.join(",\n")}\n}\n`);
if (args.verbose) for (const line of differing) process.stderr.write(line);
