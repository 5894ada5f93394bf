import { splitText, truncateAtWord } from "../../../knowledge/compose/index.js";
import type { Button, Reply } from "../../../lib/reply.js";
import { TEXTS } from "../../core/texts.js";
import { PAYLOAD_PREFIX } from "./parse-event.js";
import type { ZaloCsMessage } from "./zalo-api-client.js";

/** Zalo's limit on a consultation message's text. */
export const MAX_TEXT_CHARS = 2_000;
/** Buttons Zalo shows under one consultation message. */
export const MAX_BUTTONS = 5;
/** Zalo's limit on a button title. */
export const MAX_TITLE_CHARS = 100;
/** Zalo's limit on an `oa.query.*` button payload (the text sent back). */
export const MAX_QUERY_PAYLOAD_CHARS = 1_000;

type ZaloButton = NonNullable<ZaloCsMessage["message"]["attachment"]>["payload"]["buttons"][number];

/**
 * Renders replies as Zalo consultation messages: texts split at line boundaries into messages of at
 * most 2,000 characters, buttons as `oa.query.hide` buttons (their payload comes back as a marked
 * user text) under the last part, five at most per message, further ones in follow-up messages.
 */
export function renderReplies(userId: string, replies: Reply[]): ZaloCsMessage[] {
  const out: ZaloCsMessage[] = [];
  const recipient = { user_id: userId };
  for (const reply of replies) {
    const buttons = reply.buttons.map(toZaloButton).filter((b): b is ZaloButton => b !== null);
    const groups: ZaloButton[][] = [];
    for (let i = 0; i < buttons.length; i += MAX_BUTTONS) groups.push(buttons.slice(i, i + MAX_BUTTONS));
    const parts = reply.text.trim() ? splitText(reply.text, MAX_TEXT_CHARS) : [];
    if (!parts.length && !groups.length) continue;
    if (!parts.length) parts.push(TEXTS.moreOptions);
    parts.forEach((text, i) => {
      const first = i === parts.length - 1 ? groups[0] : undefined;
      out.push({ recipient, message: withButtons(text, first) });
    });
    for (const group of groups.slice(1)) {
      out.push({ recipient, message: withButtons(TEXTS.moreOptions, group) });
    }
  }
  return out;
}

function withButtons(text: string, buttons: ZaloButton[] | undefined): ZaloCsMessage["message"] {
  if (!buttons?.length) return { text };
  return { text, attachment: { type: "template", payload: { buttons } } };
}

function toZaloButton(button: Button): ZaloButton | null {
  const payload = PAYLOAD_PREFIX + button.payload;
  if (payload.length > MAX_QUERY_PAYLOAD_CHARS) return null;
  return { title: truncateAtWord(button.label, MAX_TITLE_CHARS), type: "oa.query.hide", payload };
}
