import type { FollowUpParams } from "./search/decision-weights.js";
import type { AnalyzedQuery } from "./search/query.js";
import { expansionWords, isFiller } from "./search/query.js";
import { loadSearchWeights } from "./search/search-weights.js";
import type { RankedHit, SearchIndex } from "./search-index.js";
import { coreWords } from "./situation-moves.js";

/**
 * Thresholds of follow-up resolution, read from the weights file's `followUp` section (what each
 * is: FOLLOW_UP_PARAM_DOCS; refitted by `npm run kb:fit -- --decision`), exposed so tests and the
 * fit can reason about them.
 */
export const FOLLOW_UP: FollowUpParams = loadSearchWeights().followUp;

/**
 * Phrases that announce another topic, at the start of a message (after thanks or "ok"):
 * "còn …", "à còn …", "mà …", "thôi hỏi cái khác", "nhân tiện …", "tiện thể …".
 */
const PLEASANTRY =
  "(?:(?:ok|oke|okay|vang|da|u|a|ah|cam on|thank|thanks|nha|nhe|ban|ad|admin|oi|vay|the|roi)\\s+)*";
const LEADING_MARKER = new RegExp(
  `^${PLEASANTRY}(?:thoi\\s+)?(?:con(?! (?:minh|toi|tui|em|be|nho|trai|gai|cua|chau|anh|chi|ban|nha|toi|ong|ba|\\d+)\\b)|ma|hoi cai khac|cai khac|viec khac|chuyen khac|hoi them|them|nhan tien|tien the|tien day|a con|con nua|ngoai ra)\\b`,
);
const INNER_MARKER =
  /\b(hoi cai khac|hoi them cai|cai khac|viec khac|chuyen khac|nhan tien|tien the|tien day)\b/;

/** Tokens of the markers themselves, which are not topic words. */
const MARKER_WORDS = new Set(["khac", "tien", "the", "day", "them", "nua", "ngoai"]);

/** Whether a message announces a change of topic. */
export function hasTopicChangeMarker(tokens: readonly string[]): boolean {
  const text = tokens.join(" ");
  return LEADING_MARKER.test(text) || INNER_MARKER.test(text);
}

/** How a message relates to the last answered procedure. */
export type FollowUpResolution =
  | { kind: "stay" }
  | { kind: "fresh" }
  | { kind: "sibling"; ranked: RankedHit[] };

/** What follow-up resolution needs. */
export interface FollowUpInput {
  index: SearchIndex;
  query: AnalyzedQuery;
  analyze: (text: string) => AnalyzedQuery;
  /** Everyday words citizens use for a procedure beside its name's ("bằng" for a driving licence). */
  everyday?: (doc: number) => ReadonlySet<string>;
}

/**
 * Decides whether a message after an answer continues that procedure, moves to a sibling of it
 * (the last topic read together with the message: "khóa" → "mở khóa", "thành lập" → "chấm dứt"),
 * or starts a new topic. Pure aspect questions ("phí bao nhiêu", "nộp cho ai") stay; a message
 * whose topic words the last procedure does not cover moves when a search finds them confidently;
 * a topic-change marker ("còn …", "mà …", "hỏi cái khác") lowers the bar for a fresh search.
 */
export function resolveFollowUp(
  input: FollowUpInput,
  last: number,
  freshRanked: RankedHit[],
  freshAction: "answer" | "clarify" | "out_of_scope",
): FollowUpResolution {
  const { index, query } = input;
  const top = freshRanked[0];
  if (top?.doc === last) return { kind: "stay" };
  if (query.topicTokens.length === 0) return { kind: "stay" };
  const lastWords = new Set([...index.nameWords(last), ...(input.everyday?.(last) ?? [])]);
  const fresh = query.topicTokens.filter((t) => !lastWords.has(t) && !isFiller(t) && !MARKER_WORDS.has(t));
  const rare = fresh.filter((t) => index.idfOf(t) >= FOLLOW_UP.topicIdf);
  // After a topic-change marker even a common word is the new topic ("còn đổi thì sao").
  const novel = rare.length === 0 && hasTopicChangeMarker(query.tokens) ? fresh : rare;
  const stay = index.rank(query, 1, new Set([last]))[0];
  const stayCoverage = stay?.queryCoverage ?? 0;
  const scale = index.scale;
  const marked = hasTopicChangeMarker(query.tokens);
  const freshFound = freshAction !== "out_of_scope" && !!top;
  if (marked && freshFound && top) {
    if (top.score >= FOLLOW_UP.markedScore * scale && top.queryCoverage >= FOLLOW_UP.markedCoverage)
      return { kind: "fresh" };
  }
  const confident =
    freshFound &&
    !!top &&
    top.score >= FOLLOW_UP.switchScore * scale &&
    (top.queryCoverage >= FOLLOW_UP.switchCoverage ||
      top.queryCoverage >= stayCoverage + FOLLOW_UP.switchCoverageGain ||
      top.score >= (stay?.score ?? 0) * FOLLOW_UP.switchDominance);
  // A sibling: the last topic together with the message finds another procedure naming the new words.
  if (novel.length > 0) {
    const lastName = index.procedures[last]?.name ?? "";
    const combined = index.rank(input.analyze(`${lastName} ${query.tokens.join(" ")}`), 5);
    const covers = (doc: number) => {
      const words = new Set(index.nameWords(doc));
      return novel.filter((t) => words.has(t)).length;
    };
    // A sibling stays on the last topic: it shares a topic word of its name ("khóa" → "mở khóa"),
    // not only the level or the verb ("cấp … (thực hiện tại cấp tỉnh)").
    const core = coreWords(index, last, []);
    const related = (doc: number) => {
      const words = new Set(index.nameWords(doc));
      return core.length === 0 || core.some((w) => words.has(w));
    };
    // On a tie the official words the message's everyday phrases stand for count too ("ngủ lại"
    // is "thông báo lưu trú").
    const extra = [...new Set(expansionWords(query))].filter((t) => !lastWords.has(t) && !novel.includes(t));
    const told = (doc: number) => {
      const words = new Set(index.nameWords(doc));
      return covers(doc) + extra.filter((t) => words.has(t)).length;
    };
    const sibling = combined.find((h) => h.doc !== last && covers(h.doc) > 0 && related(h.doc));
    const lead = combined[0]?.score ?? 0;
    if (
      sibling &&
      sibling.score >= FOLLOW_UP.siblingScore * scale &&
      sibling.score >= lead * FOLLOW_UP.siblingRatio &&
      // On a tie the conversation keeps its topic, unless the sibling is the fresh search's own answer.
      (!confident || !top || (sibling.doc !== top.doc && told(sibling.doc) >= told(top.doc)))
    ) {
      return {
        kind: "sibling",
        ranked: [sibling, ...combined.filter((h) => h.doc !== last && h !== sibling)],
      };
    }
  }
  if (confident) return { kind: "fresh" };
  return { kind: "stay" };
}
