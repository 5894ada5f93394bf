import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { BUNDLED_PROCEDURES_FILE } from "../../knowledge/bundled.js";
import { FIELDS } from "../../knowledge/procedure.js";

/** One labelled ask of a bench set: what a careful officer would answer, in our codes. */
export interface LabelledAsk {
  q: string;
  behavior: string;
  expect_ids: string[];
  fields: string[];
}

/** A labelled conversation: turns read in the context of the earlier ones. */
export interface LabelledConversation {
  id: string;
  turns: LabelledAsk[];
}

/** The behaviours a label may name. */
export const BEHAVIORS = ["answer", "clarify", "out_of_scope"];

/** The non-empty lines of a repository file, each parsed as JSON (a parse error fails the suite). */
export function jsonLines<T>(path: string): T[] {
  return readFileSync(new URL(`../../${path}`, import.meta.url), "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as T);
}

const corpusCodes = new Set(
  gunzipSync(readFileSync(BUNDLED_PROCEDURES_FILE))
    .toString("utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => (JSON.parse(line) as { ma_thu_tuc: string }).ma_thu_tuc),
);

/** Every way one ask breaks the labelling rules (empty when it is well formed). */
export function labelProblems(where: string, ask: LabelledAsk): string[] {
  const problems: string[] = [];
  const codes = ask.expect_ids ?? [];
  if (typeof ask.q !== "string" || ask.q.trim() === "") problems.push(`${where}: empty question`);
  if (!BEHAVIORS.includes(ask.behavior)) problems.push(`${where}: unknown behavior ${ask.behavior}`);
  if (ask.behavior === "answer" && (codes.length < 1 || codes.length > 4))
    problems.push(`${where}: an answer names 1 to 4 codes`);
  if (ask.behavior === "clarify" && (codes.length < 2 || codes.length > 4))
    problems.push(`${where}: a clarify names 2 to 4 candidates`);
  if (ask.behavior === "out_of_scope" && codes.length !== 0)
    problems.push(`${where}: out_of_scope names no code`);
  if (new Set(codes).size !== codes.length) problems.push(`${where}: a code is repeated`);
  for (const code of codes)
    if (!corpusCodes.has(code)) problems.push(`${where}: ${code} is not in the bundled corpus`);
  if (!Array.isArray(ask.fields)) problems.push(`${where}: fields must be a list`);
  for (const field of ask.fields ?? [])
    if (!(FIELDS as readonly string[]).includes(field)) problems.push(`${where}: unknown field ${field}`);
  return problems;
}

/** Every way a conversation set breaks the rules: id pattern, unique ids, two to four turns, labels. */
export function conversationProblems(conversations: LabelledConversation[], idPattern: RegExp): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const c of conversations) {
    if (!idPattern.test(c.id)) problems.push(`${c.id}: id does not match ${idPattern}`);
    if (ids.has(c.id)) problems.push(`${c.id}: repeated id`);
    ids.add(c.id);
    if (c.turns.length < 2 || c.turns.length > 4) problems.push(`${c.id}: ${c.turns.length} turns`);
    c.turns.forEach((t, i) => {
      problems.push(...labelProblems(`${c.id}#${i + 1}`, t));
    });
  }
  return problems;
}
