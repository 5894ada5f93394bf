import type { FeedbackKind } from "../../../feedback/deadlines.js";

/** A PAKN button press, decoded. Payloads are short ASCII strings prefixed "pakn|". */
export type PaknAction =
  | { type: "start" }
  | { type: "accept_offer" }
  | { type: "decline_offer" }
  | { type: "handoff" }
  | { type: "kind"; kind: Exclude<FeedbackKind, "question"> }
  | { type: "complaint_path" }
  | { type: "related"; code: string | null }
  | { type: "skip" }
  | { type: "consent"; agree: boolean }
  | { type: "confirm" }
  | { type: "edit" }
  | { type: "cancel" }
  | { type: "track"; code: string }
  | { type: "own_list" };

const PREFIX = "pakn|";

const SIMPLE: Record<string, PaknAction> = {
  start: { type: "start" },
  go: { type: "accept_offer" },
  no: { type: "decline_offer" },
  ask: { type: "handoff" },
  kntc: { type: "complaint_path" },
  skip: { type: "skip" },
  yes: { type: "consent", agree: true },
  deny: { type: "consent", agree: false },
  send: { type: "confirm" },
  edit: { type: "edit" },
  cancel: { type: "cancel" },
  mine: { type: "own_list" },
};

const SIMPLE_KEYS = new Map<string, string>(
  Object.entries(SIMPLE).map(([key, action]) => [JSON.stringify(action), key]),
);

/** Encodes an action as a button payload. */
export function encodePaknAction(action: PaknAction): string {
  if (action.type === "kind") return `${PREFIX}kind|${action.kind}`;
  if (action.type === "related") return `${PREFIX}rel|${action.code ?? "-"}`;
  if (action.type === "track") return `${PREFIX}track|${action.code}`;
  return PREFIX + (SIMPLE_KEYS.get(JSON.stringify(action)) as string);
}

/** Whether a payload belongs to the PAKN intake (even one this version no longer knows). */
export function isPaknPayload(raw: string | undefined): raw is string {
  return raw?.startsWith(PREFIX) === true;
}

/** Decodes a PAKN payload; null for anything malformed. */
export function decodePaknAction(raw: string): PaknAction | null {
  if (!isPaknPayload(raw)) return null;
  const [name, arg, ...rest] = raw.slice(PREFIX.length).split("|");
  if (rest.length > 0 || !name) return null;
  if (arg === undefined) return SIMPLE[name] ?? null;
  if (name === "kind" && (arg === "phan_anh" || arg === "kien_nghi")) return { type: "kind", kind: arg };
  if (name === "rel" && arg.length <= 40) return { type: "related", code: arg === "-" ? null : arg };
  if (name === "track" && arg.length <= 40) return { type: "track", code: arg };
  return null;
}
