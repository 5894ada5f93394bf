import type { Message, Update } from "grammy/types";
import type { Attachment, InboundMessage } from "../../core/types.js";

/** The channel name every Telegram message carries. */
export const TELEGRAM_CHANNEL = "telegram";

/** A Telegram update we act on: a citizen's message, or a button press that must be answered. */
export type ParsedUpdate =
  | { type: "message"; chatId: number; message: InboundMessage }
  | { type: "button"; chatId: number; callbackQueryId: string; data: string; message: InboundMessage };

/**
 * Reads an update into the channel-neutral message the core understands; returns null for
 * updates nobody is waiting on (edited messages, channel posts, membership changes, service
 * messages), which are acknowledged and ignored.
 */
export function parseUpdate(update: Update): ParsedUpdate | null {
  const messageId = String(update.update_id);
  if (update.callback_query) {
    const query = update.callback_query;
    const chatId = query.message?.chat.id ?? query.from.id;
    const data = query.data ?? "";
    return {
      type: "button",
      chatId,
      callbackQueryId: query.id,
      data,
      message: {
        channel: TELEGRAM_CHANNEL,
        conversation: String(chatId),
        user: String(query.from.id),
        messageId,
        payload: data,
        kind: "payload",
      },
    };
  }
  const message = update.message;
  if (!message) return null;
  const content = readContent(message);
  if (!content) return null;
  const sender = message.from?.id ?? message.sender_chat?.id ?? message.chat.id;
  return {
    type: "message",
    chatId: message.chat.id,
    message: {
      channel: TELEGRAM_CHANNEL,
      conversation: String(message.chat.id),
      user: String(sender),
      messageId,
      ...content,
    },
  };
}

type Content = Pick<InboundMessage, "text" | "kind" | "attachments">;

/** What a message carries; null for service messages (joins, pins, title changes …). */
function readContent(m: Message): Content | null {
  const caption = m.caption ? { text: m.caption } : {};
  if (m.text !== undefined) return { text: m.text, kind: "text" };
  if (m.photo?.length) {
    const largest = m.photo.reduce((a, b) => (b.width * b.height > a.width * a.height ? b : a));
    return { ...caption, kind: "image", attachments: [image(largest.file_id, undefined, largest.file_size)] };
  }
  if (m.sticker) return { kind: "sticker" };
  if (m.location) return { kind: "location", attachments: [location(m.location)] };
  if (m.venue) return { kind: "location", attachments: [location(m.venue.location)] };
  if (m.animation || m.video || m.video_note || m.voice || m.audio) return { ...caption, kind: "file" };
  if (m.document) {
    const { file_id, mime_type, file_size } = m.document;
    if (mime_type?.startsWith("image/"))
      return { ...caption, kind: "image", attachments: [image(file_id, mime_type, file_size)] };
    return { ...caption, kind: "file" };
  }
  if (m.contact || m.poll || m.dice || m.game || m.story || m.invoice || m.paid_media) {
    return { ...caption, kind: "other" };
  }
  return null;
}

function image(fileId: string, mimeType?: string, size?: number): Attachment {
  return {
    kind: "image",
    fileId,
    ...(mimeType ? { mimeType } : {}),
    ...(size !== undefined ? { size } : {}),
  };
}

function location(l: { latitude: number; longitude: number }): Attachment {
  return { kind: "location", latitude: l.latitude, longitude: l.longitude };
}
