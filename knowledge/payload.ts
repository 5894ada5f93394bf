import { payloadKind } from "../lib/button-payload.js";
import { FIELDS, type Field } from "./procedure.js";

/**
 * A button press, encoded as a short string (Telegram callback data is limited to 64 bytes).
 * `pick` chooses a procedure among clarify candidates, `field` shows one part of a procedure,
 * `full` shows a part without summarising, `case` shows the papers of one case of the dossier
 * (0 is the common case).
 */
export type Payload =
  | { type: "pick"; code: string }
  | { type: "field"; code: string; field: Field }
  | { type: "full"; code: string; field: Field }
  | { type: "case"; code: string; index: number };

const FIELD_SET = new Set<string>(FIELDS);
const KINDS = {
  pick: payloadKind("pick"),
  field: payloadKind("field"),
  full: payloadKind("full"),
  case: payloadKind("case"),
};

/** Encodes a payload for a button. */
export function encodePayload(p: Payload): string {
  if (p.type === "pick") return KINDS.pick.encode(p.code);
  if (p.type === "case") return KINDS.case.encode(p.code, p.index);
  return KINDS[p.type].encode(p.code, p.field);
}

/** Decodes a button payload; returns null for anything we did not produce. */
export function decodePayload(raw: string): Payload | null {
  const parts = raw.split("|");
  const [type, code, field] = parts;
  if (!code || code.length > 40) return null;
  if (type === "pick" && parts.length === 2) return { type, code };
  if (type === "case" && parts.length === 3 && field && /^\d{1,2}$/u.test(field)) {
    return { type, code, index: Number(field) };
  }
  if ((type === "field" || type === "full") && parts.length === 3 && field && FIELD_SET.has(field)) {
    return { type, code, field: field as Field };
  }
  return null;
}
