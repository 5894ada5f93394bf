import type { SearchHit } from "../decision-types.js";
import { encodePayload } from "../payload.js";
import type { Field } from "../procedure.js";
import { cleanInline, cleanName, isBlank } from "./clean-text.js";
import { type ComposedMessage, DEFAULT_MAX_CHARS } from "./composed-message.js";
import { distinguishingLabels } from "./distinguishing-labels.js";
import { FIELD_PHRASES } from "./field-section.js";
import { splitText, truncateAtWord } from "./split-text.js";

/** Most candidates offered at once. */
export const MAX_CLARIFY_CANDIDATES = 5;
/** Candidates scoring under this share of the best candidate's score are not offered. */
export const MIN_CANDIDATE_SCORE_RATIO = 0.5;

/**
 * The candidates worth offering, best first: at most five, and none far below the best (under half
 * its score), so a choice is never padded with procedures the search itself barely found.
 */
export function offeredCandidates(hits: readonly SearchHit[]): SearchHit[] {
  const best = Math.max(...hits.map((h) => h.score));
  const floor =
    Number.isFinite(best) && best > 0 ? best * MIN_CANDIDATE_SCORE_RATIO : Number.NEGATIVE_INFINITY;
  return hits.filter((h) => h.score >= floor).slice(0, MAX_CLARIFY_CANDIDATES);
}

/** The button under a question about a single candidate, whose full name the text shows. */
export const ONLY_CANDIDATE_LABEL = "Đúng, xem thủ tục này";

/** Longest candidate name in the numbered list. */
const LIST_NAME_MAX = 300;

/** Joins Vietnamese phrases: "a", "a và b", "a, b và c". */
function joinPhrases(phrases: readonly string[]): string {
  if (phrases.length <= 1) return phrases.join("");
  return `${phrases.slice(0, -1).join(", ")} và ${phrases[phrases.length - 1]}`;
}

/**
 * Asks which of the candidate procedures the citizen means (see `offeredCandidates`): the full
 * names numbered in the text, and one short button per candidate whose label tells it apart from
 * the others, checked against its own name.
 */
export function composeClarify(hits: readonly SearchHit[], fields: readonly Field[]): ComposedMessage {
  const candidates = offeredCandidates(hits).map((h) => h.procedure);
  const levels = candidates.map((p) => p.levels.map(cleanInline).filter((l) => !isBlank(l)));
  const levelsDiffer = new Set(levels.map((l) => l.join(", "))).size > 1;
  const labels = distinguishingLabels(
    candidates.map((p, i) => ({ name: p.name, code: p.code, levels: levels[i] })),
  );

  const lines = [
    candidates.length === 1 ? "Có phải bạn muốn hỏi thủ tục dưới đây?" : "Bạn muốn hỏi thủ tục nào dưới đây?",
  ];
  candidates.forEach((p, i) => {
    const level = levelsDiffer && levels[i]?.length ? ` (${levels[i]?.join(", ")})` : "";
    lines.push(`${i + 1}. ${truncateAtWord(cleanName(p.name), LIST_NAME_MAX)}${level}`);
  });
  const asked = [...new Set(fields)].map((f) => FIELD_PHRASES[f]);
  const about = asked.length > 0 ? ` để xem ${joinPhrases(asked)}` : "";
  lines.push(candidates.length > 0 ? `Bạn bấm vào nút tương ứng${about}.` : "");

  const text = splitText(lines.filter(Boolean).join("\n"), DEFAULT_MAX_CHARS)[0] ?? lines[0] ?? "";
  return {
    text,
    buttons: candidates.map((p, i) => ({
      label:
        candidates.length === 1 ? ONLY_CANDIDATE_LABEL : (labels[i] ?? truncateAtWord(cleanName(p.name), 60)),
      payload: encodePayload({ type: "pick", code: p.code }),
    })),
  };
}
