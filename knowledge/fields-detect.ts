import { FIELDS, type Field } from "./procedure.js";
import {
  bundledFieldCues,
  type FieldCueKind,
  type FieldCueMatch,
  type FieldCues,
  findFieldCues,
} from "./search/field-cues.js";

const WITH_CAN = new Set<FieldCueKind>(["conditions", "can"]);
const HOW = new Set<FieldCueKind>(["how"]);
const TOPIC = new Set<FieldCueKind>(["topic"]);

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
  // A field word inside a topic ("lệ phí trước bạ", "trợ giúp pháp lý") names what is asked about.
  const topic = tokens.map(() => false);
  for (const m of findFieldCues(cues, TOPIC, tokens)) topic.fill(true, m.start, m.end);
  const aspectTokens = tokens.map(() => false);
  // The words inside a cue's gap ("có [làm tạm trú] được không") are the topic, not the question.
  const mark = (m: FieldCueMatch) => {
    aspectTokens.fill(true, m.start, m.gap ? m.gap.start : m.end);
    if (m.gap) aspectTokens.fill(true, m.gap.end, m.end);
  };
  const found = new Set<Field>();
  let canIt = false;
  for (const field of FIELDS) {
    const kinds = field === "conditions" ? WITH_CAN : new Set<FieldCueKind>([field]);
    for (const m of findFieldCues(cues, kinds, tokens, topic)) {
      if (m.kind === "can") canIt = true;
      else found.add(field);
      mark(m);
    }
  }
  const how = findFieldCues(cues, HOW, tokens, topic);
  for (const m of how) mark(m);
  // "Can / must I" ("có được không", "có phải … không") is a question about the conditions only
  // when nothing else is asked: beside "làm ở đâu" or "hồ sơ gồm gì" it only leads into that part.
  if (canIt && found.size === 0 && how.length === 0) found.add("conditions");
  // A bare "how do I do it" asks, in practice, what papers to prepare (the steps are one button
  // away); next to another part ("điều kiện như thế nào") it only qualifies that part, but not
  // next to "online" alone ("làm thế nào, qua mạng được không" asks both).
  if (how.length > 0 && [...found].every((f) => f === "online")) found.add("documents");
  return { fields: FIELDS.filter((f) => found.has(f)), aspectTokens };
}
