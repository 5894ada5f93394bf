import type { Attachment, InboundMessage } from "../../core/types.js";

/** The channel name Zalo OA messages carry (dedupe, sessions, flood limit are per channel). */
export const ZALO_CHANNEL = "zalo";

/**
 * Marks a button payload sent back by an `oa.query.hide` button as a user text message, so it is
 * told apart from what a person types.
 */
export const PAYLOAD_PREFIX = "#mc:";

/** What an event means for the conversation: a message to dispatch, or nothing to do. */
export type ZaloEventOutcome =
  | { kind: "message"; message: InboundMessage }
  | { kind: "ignored"; event: string };

type Json = Record<string, unknown>;

const asObject = (value: unknown): Json | undefined =>
  value && typeof value === "object" && !Array.isArray(value) ? (value as Json) : undefined;
const asString = (value: unknown): string | undefined =>
  typeof value === "string" && value ? value : typeof value === "number" ? String(value) : undefined;

/** Other things a person can send, answered politely by the core as non-text. */
const OTHER_KINDS: Record<string, InboundMessage["kind"]> = {
  user_send_sticker: "sticker",
  user_send_file: "file",
  user_send_gif: "other",
  user_send_audio: "other",
  user_send_video: "other",
  user_send_link: "other",
  user_send_business_card: "other",
};

/**
 * Turns a verified webhook event into an inbound message: texts (and button payloads), images,
 * locations and other user messages; `follow` becomes "/start" (the welcome); everything else
 * (unfollow, OA echoes, delivery and seen receipts, unknown events) is ignored.
 */
export function parseZaloEvent(body: unknown): ZaloEventOutcome {
  const event = asObject(body) ?? {};
  const name = asString(event.event_name) ?? "(none)";
  const timestamp = asString(event.timestamp) ?? "0";
  if (name === "follow") {
    const user = asString(asObject(event.follower)?.id) ?? asString(asObject(event.sender)?.id);
    if (!user) return { kind: "ignored", event: name };
    return {
      kind: "message",
      message: base(user, `follow-${user}-${timestamp}`, { text: "/start", kind: "text" }),
    };
  }
  if (!name.startsWith("user_send_")) return { kind: "ignored", event: name };
  const user = asString(asObject(event.sender)?.id);
  if (!user) return { kind: "ignored", event: name };
  const message = asObject(event.message) ?? {};
  const messageId = asString(message.msg_id) ?? `${name}-${user}-${timestamp}`;
  const attachments = Array.isArray(message.attachments) ? message.attachments.map(asObject) : [];

  if (name === "user_send_text") {
    const text = typeof message.text === "string" ? message.text : "";
    if (text.startsWith(PAYLOAD_PREFIX)) {
      return {
        kind: "message",
        message: base(user, messageId, { payload: text.slice(PAYLOAD_PREFIX.length), kind: "payload" }),
      };
    }
    return { kind: "message", message: base(user, messageId, { text, kind: "text" }) };
  }
  if (name === "user_send_image") {
    const images: Attachment[] = [];
    for (const a of attachments) {
      const url = asString(asObject(a?.payload)?.url);
      if (url) images.push({ kind: "image", url });
    }
    return { kind: "message", message: base(user, messageId, { kind: "image", attachments: images }) };
  }
  if (name === "user_send_location") {
    const places: Attachment[] = [];
    for (const a of attachments) {
      const coordinates = asObject(asObject(a?.payload)?.coordinates);
      const latitude = Number(coordinates?.latitude);
      const longitude = Number(coordinates?.longitude);
      if (coordinates && Number.isFinite(latitude) && Number.isFinite(longitude)) {
        places.push({ kind: "location", latitude, longitude });
      }
    }
    return { kind: "message", message: base(user, messageId, { kind: "location", attachments: places }) };
  }
  return { kind: "message", message: base(user, messageId, { kind: OTHER_KINDS[name] ?? "other" }) };
}

function base(user: string, messageId: string, rest: Partial<InboundMessage>): InboundMessage {
  return { channel: ZALO_CHANNEL, conversation: user, user, messageId, ...rest };
}
