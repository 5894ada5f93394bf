import { foldTokens, normalizeTokens } from "../../../../knowledge/normalize.js";
import type { TurnContext } from "../../turn-context.js";
import { typedMeanings } from "../typed-replies.js";

/** Word pairs that any complaint and many procedure names share without being about the same thing. */
const GENERIC = new Set(
  [
    "thu tuc",
    "hanh chinh",
    "cap xa",
    "cap tinh",
    "giai quyet",
    "tham quyen",
    "xu ly",
    "thuc hien",
    "de nghi",
    "co quan",
    "ho so",
    "giay to",
    "dang ky",
    "cong dan",
    "nguoi dan",
    "to chuc",
    "ca nhan",
    "khong co",
  ].map((pair) => foldTokens(pair).join(" ")),
);

const bigrams = (tokens: string[]) => tokens.slice(1).map((t, i) => `${tokens[i]} ${t}`);

/**
 * The procedure a content is about, when the knowledge base answers it confidently and the
 * content shares a phrase with the procedure's name (the search alone is too eager on complaints).
 */
export function relatedProcedure(ctx: TurnContext, content: string): string | undefined {
  const decision = ctx.deps.kb.decide(content);
  // A complaint about a file ("nộp … vẫn chưa nhận") also reads as a status request; its procedure counts.
  const action = decision.procedureAction ?? decision.action;
  const best = action === "answer" ? decision.hits[0] : undefined;
  if (!best) return undefined;
  return namesProcedure(content, best.procedure.name) ? best.procedure.code : undefined;
}

/** A word that on its own is a reply ("có", "không", "được"): a phrase with it names no procedure. */
const isReplyWord = (token: string) => typedMeanings(token, { wholeOnly: true }).size > 0;

/**
 * Whether a citizen's message names a procedure: it shares a two-word phrase with the procedure's
 * name other than the phrases every procedure shares ("khai sinh" counts, "hồ sơ" does not) and
 * those with a reply word ("xử lý không" in "… có ai xử lý không" names nothing).
 */
export function namesProcedure(text: string, procedureName: string): boolean {
  const said = new Set(bigrams(normalizeTokens(text)));
  return bigrams(foldTokens(procedureName)).some(
    (b) => said.has(b) && !GENERIC.has(b) && !b.split(" ").some(isReplyWord),
  );
}
