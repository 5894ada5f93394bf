import { normalizeTokens } from "../../knowledge/normalize.js";

/**
 * Folded, very common function words that say nothing about the responsible agency; dropping
 * them keeps the classifier's features about the subject of the message.
 */
const FUNCTION_WORDS = new Set(
  (
    "va la cua co cac nhung duoc cho trong khi thi de voi nay do mot ve tai theo tu den nhu hoac " +
    "neu da se dang bi ra vao lai con cung nen ma thi hay khong chua rat nhieu it gi nao sao toi " +
    "chung ong ba anh chi em ban xin hoi kinh gui xem muon can phai vay nhe a a oi day kia ay"
  ).split(" "),
);

/** The classifier's features of a message: folded words without function words, and word pairs. */
export function routingFeatures(text: string): string[] {
  const tokens = normalizeTokens(text).filter((t) => !FUNCTION_WORDS.has(t) && !/^\d+$/.test(t));
  const out = new Set<string>(tokens);
  for (let i = 0; i + 1 < tokens.length; i++) out.add(`${tokens[i]}_${tokens[i + 1]}`);
  return [...out];
}
