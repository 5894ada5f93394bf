import type { AgencyDirectory } from "../../feedback/routing/agencies.js";

/** One answered question of ../shared/data/pakn-answered-examples.jsonl (fields used here). */
export interface AnsweredExample {
  id: string;
  title: string | null;
  question: string;
  agency: string;
  answer_is_placeholder?: boolean | null;
}

/** An answered question turned into a labelled routing example. */
export interface LabelledExample {
  id: string;
  text: string;
  agency: string;
  placeholder: boolean;
}

/**
 * Labels answered questions with canonical agencies: the text is the title and the question
 * (what a citizen writes), the label the directory's agency for the answering body. Rows whose
 * agency cannot be resolved are returned apart. A placeholder answer keeps its label: the
 * question was still addressed to, and forwarded to, that agency.
 */
export function labelExamples(
  rows: readonly AnsweredExample[],
  agencies: AgencyDirectory,
): { examples: LabelledExample[]; unresolved: string[] } {
  const examples: LabelledExample[] = [];
  const unresolved: string[] = [];
  for (const row of rows) {
    const agency = agencies.resolve(row.agency);
    const text = [row.title, row.question].filter((t) => t?.trim()).join(". ");
    if (!agency || !text) {
      unresolved.push(row.agency);
      continue;
    }
    examples.push({ id: row.id, text, agency: agency.id, placeholder: row.answer_is_placeholder === true });
  }
  return { examples, unresolved };
}

/** Reads a JSON-lines file into rows. */
export function parseJsonl<T>(content: string): T[] {
  return content
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}
