import { FIELDS, type Field } from "./procedure.js";
import { bundledFieldCues, type FieldCueKind, type FieldCues, findFieldCues } from "./search/field-cues.js";

const WITH_CAN = new Set<FieldCueKind>(["conditions", "can"]);
const HOW = new Set<FieldCueKind>(["how"]);

/** Fields detected in a message and which of its tokens only express the question. */
export interface FieldDetection {
  fields: Field[];
  /** `true` for tokens that belong to a field phrase (weak evidence for the topic). */
  aspectTokens: boolean[];
}

/**
 * Detects which parts of a procedure a normalized message asks for (several at once are common)
 * and marks the tokens that only phrase the question, so ranking can discount them; the phrases
 * are the reviewed cues of assets/field-cues.tsv.
 */
export function detectFieldsInTokens(
  tokens: readonly string[],
  cues: FieldCues = bundledFieldCues(),
): FieldDetection {
  const aspectTokens = tokens.map(() => false);
  const mark = (m: { start: number; end: number }) => aspectTokens.fill(true, m.start, m.end);
  const found = new Set<Field>();
  let canIt = false;
  for (const field of FIELDS) {
    for (const m of findFieldCues(cues, field === "conditions" ? WITH_CAN : new Set([field]), tokens)) {
      if (m.kind === "can") canIt = true;
      else found.add(field);
      mark(m);
    }
  }
  // "Can it be done" ("được không", "có thể") asks about the conditions only when nothing more
  // precise is asked: "làm online được không" asks whether it can be done online.
  if (canIt && !(found.has("online") && !found.has("conditions"))) found.add("conditions");
  // A bare "how do I do it" asks, in practice, what papers to prepare (the steps are one button
  // away); next to another part ("điều kiện như thế nào") it only qualifies that part.
  const how = findFieldCues(cues, HOW, tokens);
  for (const m of how) mark(m);
  if (how.length > 0 && found.size === 0) found.add("documents");
  return { fields: FIELDS.filter((f) => found.has(f)), aspectTokens };
}
