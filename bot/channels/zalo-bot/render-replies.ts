import { splitText } from "../../../knowledge/compose/index.js";
import type { Reply } from "../../../lib/reply.js";

/** The longest text the platform takes in one sendMessage. */
export const ZALO_BOT_MAX_CHARS = 2_000;

/** Shown above the numbered options, since this platform's messages carry no buttons. */
export const NUMBERED_OPTIONS_HEADING = "Bạn có thể gõ số để chọn:";

/** A turn's replies as the plain-text messages to send, and the payloads behind their numbers. */
export interface RenderedReplies {
  texts: string[];
  /** Option n (as shown) is `payloads[n - 1]`; empty when the turn offered no options. */
  payloads: string[];
}

const oneLine = (label: string) => label.replace(/\s+/gu, " ").trim();

/**
 * Renders replies as plain text: each reply's buttons become a numbered list under its text
 * (numbers run on across the turn, so each is unique), and every message is cut to at most
 * 2,000 characters at paragraph or line boundaries.
 */
export function renderReplies(replies: Reply[], maxChars = ZALO_BOT_MAX_CHARS): RenderedReplies {
  const texts: string[] = [];
  const payloads: string[] = [];
  for (const reply of replies) {
    let text = reply.text.trim();
    if (reply.buttons.length) {
      const lines = reply.buttons.map((b) => {
        payloads.push(b.payload);
        return `${payloads.length}. ${oneLine(b.label)}`;
      });
      const list = [NUMBERED_OPTIONS_HEADING, ...lines].join("\n");
      text = text ? `${text}\n\n${list}` : list;
    }
    if (!text) continue;
    texts.push(...(text.length <= maxChars ? [text] : splitText(text, maxChars)));
  }
  return { texts, payloads };
}
