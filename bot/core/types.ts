import type { Reply } from "../../lib/reply.js";

/** A photo or a place a citizen sent; kept for the complaint intake (files are fetched later). */
export type Attachment =
  | { kind: "image"; url?: string; fileId?: string; mimeType?: string; size?: number }
  | { kind: "location"; latitude: number; longitude: number };

/** A message from a citizen, already parsed by its channel. */
export interface InboundMessage {
  /** "telegram", "zalo", "zalo-bot", "web", "cli". */
  channel: string;
  /** The chat the reply goes to, unique within the channel. */
  conversation: string;
  /** The sender's id within the channel. */
  user: string;
  /** The channel's id of this message/update, for de-duplication. */
  messageId?: string;
  text?: string;
  /** A button press. */
  payload?: string;
  /** Set by channels for stickers, photos, files … that carry no text. */
  kind?: "text" | "payload" | "sticker" | "image" | "file" | "location" | "other";
  attachments?: Attachment[];
}

/** What the turn did, for logs, tests and the `chat --jsonl` contract. */
export interface TurnMeta {
  intent: string;
  action: "answer" | "clarify" | "out_of_scope" | null;
  codes: string[];
  fields: string[];
  feedback_code: string | null;
}

/** The outcome of one inbound message. */
export interface TurnResult {
  replies: Reply[];
  meta: TurnMeta;
}
