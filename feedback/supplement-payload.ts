import { payloadKind } from "../lib/button-payload.js";
import type { Button } from "../lib/reply.js";

const START = payloadKind("supplement");

/** Payloads of the supplement buttons: start for a code, send what was typed, or treat it as a question. */
export const SUPPLEMENT_PAYLOADS = { send: "supplement-send", notIt: "supplement-no" } as const;

/** The button under an officer's request for more information: `supplement|PAKN.20261122.0012`. */
export function supplementButton(code: string): Button {
  return { label: "Gửi bổ sung", payload: START.encode(code) };
}

/** The code a start button names; null for other payloads and malformed ones. */
export function decodeSupplementStart(raw: string | undefined): string | null {
  const [code, ...rest] = START.parts(raw) ?? [];
  return code && rest.length === 0 && /^PAKN\.\d{8}\.\d{4,}$/.test(code) ? code : null;
}

/** Whether a payload belongs to the supplement buttons (even a malformed one). */
export function isSupplementPayload(raw: string | undefined): raw is string {
  return START.owns(raw) || raw === SUPPLEMENT_PAYLOADS.send || raw === SUPPLEMENT_PAYLOADS.notIt;
}
