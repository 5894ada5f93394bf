import type { Button } from "../lib/reply.js";

const START = "supplement|";

/** Payloads of the supplement buttons: start for a code, send what was typed, or treat it as a question. */
export const SUPPLEMENT_PAYLOADS = { send: "supplement-send", notIt: "supplement-no" } as const;

/** The button under an officer's request for more information: `supplement|PAKN.20261122.0012`. */
export function supplementButton(code: string): Button {
  return { label: "Gửi bổ sung", payload: `${START}${code}` };
}

/** The code a start button names; null for other payloads and malformed ones. */
export function decodeSupplementStart(raw: string | undefined): string | null {
  if (!raw?.startsWith(START)) return null;
  const m = /^supplement\|(PAKN\.\d{8}\.\d{4,})$/.exec(raw);
  return m ? (m[1] as string) : null;
}

/** Whether a payload belongs to the supplement buttons (even a malformed one). */
export function isSupplementPayload(raw: string | undefined): raw is string {
  return (
    raw?.startsWith(START) === true || raw === SUPPLEMENT_PAYLOADS.send || raw === SUPPLEMENT_PAYLOADS.notIt
  );
}
