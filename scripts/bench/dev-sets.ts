import { existsSync, readFileSync } from "node:fs";
import { foldDiacritics } from "../../knowledge/normalize.js";
import type { DevConversation } from "./conversations.js";
import type { DevQuestion } from "./metrics.js";

/** The shared data folder beside the project (real procedures and the labelled dev sets). */
export const SHARED_DATA = new URL("../../../shared/data/", import.meta.url).pathname;

/** The procedures the benches read: the shared 2,642-record file when present, else the bundled one. */
export const BENCH_PROCEDURES_FILE = existsSync(`${SHARED_DATA}procedures-dichvucong-2642.jsonl`)
  ? `${SHARED_DATA}procedures-dichvucong-2642.jsonl`
  : "assets/procedures-dichvucong.jsonl.gz";

/** A dev question as stored in either label shape (relabelled, or the other team's original). */
interface StoredQuestion {
  id: string;
  q: string;
  behavior: DevQuestion["behavior"];
  expect_ids?: string[];
  /** Original file only: the other team's expected codes that exist in our corpus. */
  ids_in_corpus?: string[];
  fields?: string[];
  unaccented?: boolean;
}

const readJsonl = <T>(path: string): T[] =>
  readFileSync(path, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);

/** Whether a text carries no Vietnamese diacritics (used when a file does not say). */
const looksUnaccented = (q: string) => foldDiacritics(q.normalize("NFC")) === q.normalize("NFC");

/**
 * Reads dev questions in either label shape: the relabelled file's `expect_ids` are our codes;
 * the original file's codes are another corpus's, so its `ids_in_corpus` are the gold there.
 */
export function readDevQuestions(path: string): DevQuestion[] {
  return readJsonl<StoredQuestion>(path).map((s) => ({
    id: s.id,
    q: s.q,
    behavior: s.behavior,
    gold: s.ids_in_corpus ?? s.expect_ids ?? [],
    fields: s.fields ?? [],
    unaccented: s.unaccented ?? looksUnaccented(s.q),
  }));
}

/** Reads dev conversations (both files label each turn with expect_ids, behavior and fields). */
export function readDevConversations(path: string): DevConversation[] {
  return readJsonl<DevConversation>(path).map((c) => ({
    id: c.id,
    turns: c.turns.map((t) => ({
      q: t.q,
      behavior: t.behavior,
      expect_ids: t.expect_ids ?? [],
      fields: t.fields ?? [],
    })),
  }));
}
