import { payloadKind } from "../../../lib/button-payload.js";

/** A learning button press: an answer marked helpful or not, or a request to be told later. */
export type LearnAction =
  | { type: "vote"; helpful: boolean; code: string }
  | { type: "follow"; missId: number };

const LEARN = payloadKind("learn");

/** Encodes a learning button's payload (short ASCII, within Telegram's 64 bytes). */
export function encodeLearnAction(action: LearnAction): string {
  if (action.type === "follow") return LEARN.encode("follow", action.missId);
  return LEARN.encode(action.helpful ? "up" : "down", action.code);
}

/** Decodes a learning payload; undefined for anything else (it is not ours, or was forged). */
export function decodeLearnAction(raw: string): LearnAction | undefined {
  const parts = LEARN.parts(raw);
  if (!parts) return undefined;
  const [type, arg = ""] = parts;
  if (type === "follow" && /^\d{1,15}$/.test(arg)) return { type, missId: Number(arg) };
  if ((type === "up" || type === "down") && /^[\w.-]{1,40}$/.test(arg))
    return { type: "vote", helpful: type === "up", code: arg };
  return undefined;
}

/** Whether a payload is a learning button's (decoded or not). */
export function isLearnPayload(raw: string): boolean {
  return LEARN.owns(raw);
}
