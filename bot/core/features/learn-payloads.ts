/** A learning button press: an answer marked helpful or not, or a request to be told later. */
export type LearnAction =
  | { type: "vote"; helpful: boolean; code: string }
  | { type: "follow"; missId: number };

const PREFIX = "learn|";

/** Encodes a learning button's payload (short ASCII, within Telegram's 64 bytes). */
export function encodeLearnAction(action: LearnAction): string {
  if (action.type === "follow") return `${PREFIX}follow|${action.missId}`;
  return `${PREFIX}${action.helpful ? "up" : "down"}|${action.code}`;
}

/** Decodes a learning payload; undefined for anything else (it is not ours, or was forged). */
export function decodeLearnAction(raw: string): LearnAction | undefined {
  if (!raw.startsWith(PREFIX)) return undefined;
  const [, type, arg = ""] = raw.split("|");
  if (type === "follow" && /^\d{1,15}$/.test(arg)) return { type, missId: Number(arg) };
  if ((type === "up" || type === "down") && /^[\w.-]{1,40}$/.test(arg))
    return { type: "vote", helpful: type === "up", code: arg };
  return undefined;
}

/** Whether a payload is a learning button's (decoded or not). */
export function isLearnPayload(raw: string): boolean {
  return raw.startsWith(PREFIX);
}
