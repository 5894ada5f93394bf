import type { Attachment, InboundMessage } from "../../core/types.js";

/** The channel name messages from the Zalo Bot Platform carry. */
export const ZALO_BOT_CHANNEL = "zalo-bot";

/** What a webhook body turned out to be. */
export type ParsedUpdate =
  | { kind: "message"; message: InboundMessage }
  | { kind: "ignored"; event: string }
  | { kind: "invalid"; reason: string };

const KINDS: Record<string, InboundMessage["kind"]> = {
  "message.text.received": "text",
  "message.image.received": "image",
  "message.sticker.received": "sticker",
  "message.voice.received": "other",
  "message.unsupported.received": "other",
};

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** Ids arrive as strings on this platform; numbers are accepted too, anything else is missing. */
function id(v: unknown): string | undefined {
  if (typeof v === "string" && v.trim()) return v.trim();
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  return undefined;
}

const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

/**
 * Turns a Zalo Bot Platform webhook body into an inbound message. The documented shape is
 * `{ok, result: {event_name, message}}`; deliveries without the envelope (`{event_name, message}`)
 * are accepted too. Unknown events are ignored; a known event without its ids is invalid.
 */
export function parseZaloBotUpdate(body: unknown): ParsedUpdate {
  if (!isObject(body)) return { kind: "invalid", reason: "body is not a JSON object" };
  const update = isObject(body.result) && body.event_name === undefined ? body.result : body;
  const event = str(update.event_name) ?? "";
  const kind = KINDS[event];
  if (!kind) return { kind: "ignored", event: event || "(none)" };
  const m = update.message;
  if (!isObject(m)) return { kind: "invalid", reason: "message is missing" };
  const messageId = id(m.message_id);
  const chat = isObject(m.chat) ? id(m.chat.id) : undefined;
  const user = isObject(m.from) ? id(m.from.id) : undefined;
  // Another bot in a group: answering it could start an endless exchange.
  if (isObject(m.from) && m.from.is_bot === true) return { kind: "ignored", event: `${event} (from a bot)` };
  if (!messageId || !chat || !user)
    return { kind: "invalid", reason: "message_id, chat.id or from.id is missing" };

  const message: InboundMessage = { channel: ZALO_BOT_CHANNEL, conversation: chat, user, messageId, kind };
  if (kind === "text") message.text = str(m.text) ?? "";
  if (kind === "image") {
    const url = str(m.photo_url) ?? str(m.photo) ?? str(m.url);
    const attachments: Attachment[] = url ? [{ kind: "image", url }] : [];
    if (attachments.length) message.attachments = attachments;
    const caption = str(m.caption)?.trim();
    if (caption) message.text = caption;
  }
  return { kind: "message", message };
}
