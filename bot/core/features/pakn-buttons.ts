import type { FeedbackKind } from "../../../feedback/deadlines.js";
import { payloadKind } from "../../../lib/button-payload.js";
import type { Button } from "../../../lib/reply.js";

/**
 * What a PAKN button of the chat means, decoded from its payload (short ASCII prefixed "pakn|"):
 * the intake's choices, and the lookups and handoff offered elsewhere. (The officer console's
 * actions are another thing: feedback/console/allowed-actions.ts.)
 */
export type PaknButton =
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

/** The payloads of the PAKN buttons: `pakn|…`. */
export const PAKN_BUTTONS = payloadKind("pakn");

const SIMPLE: Record<string, PaknButton> = {
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
  Object.entries(SIMPLE).map(([key, button]) => [JSON.stringify(button), key]),
);

/** Encodes a PAKN button as its payload. */
export function encodePaknButton(button: PaknButton): string {
  if (button.type === "kind") return PAKN_BUTTONS.encode("kind", button.kind);
  if (button.type === "related") return PAKN_BUTTONS.encode("rel", button.code ?? "-");
  if (button.type === "track") return PAKN_BUTTONS.encode("track", button.code);
  return PAKN_BUTTONS.encode(SIMPLE_KEYS.get(JSON.stringify(button)) as string);
}

/** Whether a payload belongs to the PAKN buttons (even one this version no longer knows). */
export function isPaknPayload(raw: string | undefined): raw is string {
  return PAKN_BUTTONS.owns(raw);
}

/** Decodes a PAKN payload; null for anything malformed. */
export function decodePaknButton(raw: string): PaknButton | null {
  const [name, arg, ...rest] = PAKN_BUTTONS.parts(raw) ?? [];
  if (rest.length > 0 || !name) return null;
  if (arg === undefined) return SIMPLE[name] ?? null;
  if (name === "kind" && (arg === "phan_anh" || arg === "kien_nghi")) return { type: "kind", kind: arg };
  if (name === "rel" && arg.length <= 40) return { type: "related", code: arg === "-" ? null : arg };
  if (name === "track" && arg.length <= 40) return { type: "track", code: arg };
  return null;
}

/** A chat button with its label and the payload of a PAKN button. */
export function paknButton(label: string, button: PaknButton): Button {
  return { label, payload: encodePaknButton(button) };
}
