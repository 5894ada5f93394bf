import type { InlineKeyboardButton, InlineKeyboardMarkup } from "grammy/types";
import { splitText } from "../../../knowledge/compose/split-text.js";
import type { Button, Reply } from "../../../lib/reply.js";
import type { CallbackData } from "./callback-data.js";
import { escapeHtml } from "./escape-html.js";

/** One `sendMessage` call's content: HTML text and, on the last piece of a reply, its keyboard. */
export interface TelegramMessage {
  text: string;
  replyMarkup?: InlineKeyboardMarkup;
}

/** Telegram's limit for one message, in UTF-16 code units after entity parsing. */
export const TELEGRAM_TEXT_LIMIT = 4096;

/** Labels up to this many characters share a keyboard row with another short one. */
const SHORT_LABEL = 20;

/**
 * Renders a reply for Telegram: the plain text split under the 4,096-character limit and escaped
 * for HTML parse mode, the buttons as an inline keyboard under the last piece.
 */
export async function renderReply(reply: Reply, callbackData: CallbackData): Promise<TelegramMessage[]> {
  // The plain text is split: Telegram counts its limit after reading the entities escaping adds.
  const pieces = splitText(reply.text, TELEGRAM_TEXT_LIMIT);
  const messages: TelegramMessage[] = (pieces.length ? pieces : [reply.text]).map((piece) => ({
    text: escapeHtml(piece),
  }));
  if (reply.buttons.length) {
    const last = messages[messages.length - 1] as TelegramMessage;
    last.replyMarkup = { inline_keyboard: await keyboardRows(reply.buttons, callbackData) };
  }
  return messages;
}

/** Two short buttons per row, a long one on its own row, in the order the core gave them. */
async function keyboardRows(
  buttons: Button[],
  callbackData: CallbackData,
): Promise<InlineKeyboardButton[][]> {
  const rendered = await Promise.all(
    buttons.map(async (b) => ({ text: b.label, callback_data: await callbackData.encode(b.payload) })),
  );
  const rows: InlineKeyboardButton[][] = [];
  let open: InlineKeyboardButton[] | undefined;
  for (const button of rendered) {
    const short = [...button.text].length <= SHORT_LABEL;
    if (short && open) {
      open.push(button);
      open = undefined;
    } else {
      const row = [button];
      rows.push(row);
      open = short ? row : undefined;
    }
  }
  return rows;
}
