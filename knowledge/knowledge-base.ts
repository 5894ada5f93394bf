import { askNames } from "./decide.js";
import { decide } from "./decide-in-context.js";
import type { Decision, KnowledgeBase, SearchContext, SearchHit } from "./decision-types.js";
import { type ElsewhereTopics, loadElsewhere } from "./elsewhere.js";
import { everydayNameWords } from "./everyday-names.js";
import { detectFieldsInTokens } from "./fields-detect.js";
import { applyLesson } from "./learned/apply-lesson.js";
import { LEARNING_WEIGHTS, type LearningWeights } from "./learned/learning-weights.js";
import { type Lesson, LessonBook } from "./learned/lesson-book.js";
import type { MeaningVector } from "./learned/meaning.js";
import { normalizeTokens } from "./normalize.js";
import type { Field, Procedure } from "./procedure.js";
import { loadReportCues, type ReportDetector } from "./report-detect.js";
import { bundledAskCues } from "./search/ask-cues.js";
import { withoutPurpose } from "./search/ask-finder.js";
import { analyzeQuery } from "./search/query.js";
import type { ScoreExplanation } from "./search/score-explanation.js";
import { SearchIndex } from "./search-index.js";
import { bundledSituationCues } from "./situations.js";
import { compileSynonyms, loadSynonyms, parseSynonyms, type SynonymDictionary } from "./synonyms.js";

/** Options of a knowledge base: another synonym file, or an already compiled dictionary. */
export interface KnowledgeBaseOptions {
  synonymsFile?: string;
  /** The synonym file's text (an admin's edited version), compiled against the index vocabulary. */
  synonymsText?: string;
  synonyms?: SynonymDictionary;
  /** Another list of topics handled elsewhere (default: assets/elsewhere.tsv). */
  elsewhereFile?: string;
  elsewhere?: ElsewhereTopics;
  /** Another reader of reports and complaints (default: assets/report-cues.tsv). */
  reports?: ReportDetector;
}

/**
 * Builds the searchable knowledge base from procedures: the index, the synonym dictionary bound
 * to the index vocabulary, and the decision on top; the one entry point the bot and CLIs use.
 */
export function createKnowledgeBase(
  procedures: Procedure[],
  options: KnowledgeBaseOptions = {},
): KnowledgeBase {
  const unique = dedupe(procedures);
  const index = new SearchIndex(unique);
  const synonyms =
    options.synonyms ??
    (options.synonymsText !== undefined
      ? compileSynonyms(parseSynonyms(options.synonymsText), index.vocabulary)
      : loadSynonyms(options.synonymsFile, index.vocabulary));
  const elsewhere = options.elsewhere ?? loadElsewhere(options.elsewhereFile, index.vocabulary);
  const reports = options.reports ?? loadReportCues(undefined, index.vocabulary);
  const cues = bundledSituationCues();
  const docs = new Map<string, number>();
  unique.forEach((p, i) => {
    docs.set(p.code, i);
  });
  const analyze = (text: string) => analyzeQuery(text, synonyms, index.vocabulary);
  const everyday = everydayNameWords(index, synonyms);
  const reader = { analyze, idfOf: (term: string) => index.idfOf(term) };
  let lessons = new LessonBook(reader);
  let reviewing: ReadonlySet<string> = new Set();
  const get = (code: string): Procedure | undefined => {
    const d = docs.get(code);
    return d === undefined ? undefined : unique[d];
  };

  /** The decision from the procedures alone (and the topics handled elsewhere). */
  function decideFromProcedures(text: string, context?: SearchContext): Decision {
    const query = analyze(text);
    const input = { index, query, docOf: (c: string) => docs.get(c), analyze, cues, everyday };
    const decision = decide(input, context);
    // A topic handled elsewhere that only the backstory names ("anh ấy đã ly hôn vợ trước"), or
    // that a follow-up gives as the purpose of the last paper ("để vay ngân hàng"), does not
    // override the procedure the message is about.
    const anywhere = elsewhere.match(query.tokens);
    const top = decision.hits[0] && docs.get(decision.hits[0].procedure.code);
    // What the message asks, less what it says the paper is for ("… để vay ngân hàng").
    const whole = [{ start: 0, end: query.tokens.length }];
    const asked = withoutPurpose(bundledAskCues(), query.tokens, query.asks ?? whole);
    const purposeOnly = !query.asks && asked[0]?.end !== query.tokens.length;
    const pointer =
      decision.purpose ||
      (anywhere &&
        (query.asks || purposeOnly) &&
        decision.action === "answer" &&
        top !== undefined &&
        !elsewhere.match(query.tokens, asked) &&
        askNames(input, top, asked))
        ? undefined
        : anywhere;
    // After the bot's own answer or question a plain sentence is the citizen's reply to it.
    const reply =
      context?.lastCode !== undefined ||
      (context?.candidateCodes?.length ?? 0) > 0 ||
      !!context?.lastOutOfScope;
    const reading = reports.read(text, { reply });
    const report = reading.report ? { report: { asks: reading.asks } } : {};
    // A divorce or a visa is not a procedure here, however many words it shares with one.
    if (pointer)
      return {
        ...decision,
        action: "out_of_scope",
        followUp: false,
        elsewhere: pointer,
        procedureAction: decision.action,
        ...report,
      };
    return { ...withImpliedFields(decision), ...report };
  }

  return {
    size: unique.length,
    get,
    search(text: string, limit = 5): SearchHit[] {
      return index
        .rank(analyze(text), Math.max(0, limit))
        .map((h) => ({ procedure: unique[h.doc] as Procedure, score: Math.round(h.score * 1000) / 1000 }));
    },
    explain(text: string, codes: readonly string[]): Map<string, ScoreExplanation> {
      const wanted = new Set<number>();
      for (const c of codes) {
        const d = docs.get(c);
        if (d !== undefined) wanted.add(d);
      }
      const traces = new Map<number, ScoreExplanation>();
      index.rank(analyze(text), wanted.size, wanted, traces);
      return new Map([...traces].map(([d, e]) => [(unique[d] as Procedure).code, e]));
    },
    detectFields(text: string): Field[] {
      return detectFieldsInTokens(normalizeTokens(text, index.vocabulary)).fields;
    },
    decide(text: string, context?: SearchContext): Decision {
      const decision = decideFromProcedures(text, context);
      // A follow-up resolved against the conversation stays with it; a fresh question like one an
      // editor has answered gets the editor's answer.
      if (decision.followUp) return decision;
      const answered = decision.action === "answer" && decision.hits.length > 0;
      const learned = applyLesson(decision, lessons.match(text, { answered }), get);
      const [best, next] = learned.hits;
      const unsure =
        !learned.lesson &&
        learned.action === "answer" &&
        best &&
        next &&
        next.score >= LEARNING_WEIGHTS.unsure * best.score;
      return unsure ? { ...learned, unsure: true } : learned;
    },
    setLessons(next: readonly Lesson[], weights?: Partial<LearningWeights>): void {
      lessons = new LessonBook(reader, next, { ...LEARNING_WEIGHTS, ...weights });
    },
    meaningOf(text: string): MeaningVector {
      return lessons.meaning(text);
    },
    setReviewing(codes: ReadonlySet<string>): void {
      reviewing = new Set(codes);
    },
    isReviewing(code: string): boolean {
      return reviewing.has(code);
    },
  };
}

/**
 * A bare request for a procedure ("xin giấy phép xây dựng") asks, above all, what to prepare: the
 * answer reports the documents as asked, while the reply shows the overview that includes them.
 */
function withImpliedFields(decision: Decision): Decision {
  if (decision.action !== "answer" || decision.fields.length > 0) return decision;
  return { ...decision, fields: ["documents"], impliedFields: true };
}

/** Keeps the last record of each code, so a re-imported procedure replaces the old one. */
function dedupe(procedures: Procedure[]): Procedure[] {
  const byCode = new Map<string, Procedure>();
  for (const p of procedures) byCode.set(p.code, p);
  return [...byCode.values()];
}
