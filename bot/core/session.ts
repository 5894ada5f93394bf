import type { Field } from "../../knowledge/procedure.js";
import type { PaknDraft } from "./features/pakn-intake/draft.js";

/** What the bot remembers about a conversation between messages. */
export interface Session {
  /** The procedure last answered. */
  lastCode?: string;
  /** Procedures answered in this conversation, most recent first (at most RECENT_LIMIT). */
  recentCodes?: string[];
  /** Candidates last offered in a clarify question. */
  candidateCodes?: string[];
  /** True when the last question was out of scope, so an aspect-only follow-up stays on that topic. */
  lastOutOfScope?: boolean;
  /** What the citizen asked when the candidates were offered, to answer that part after a pick. */
  pendingFields?: Field[];
  /** A PAKN being written (the intake dialog's state). */
  intake?: PaknDraft;
  /** The last question the knowledge base found nothing for, in case the citizen sends it to an officer. */
  handoffQuestion?: string;
  /** The last PAKN filed here, so a repeated "send" press gets its code again instead of a new one. */
  lastPakn?: { code: string; kind: string; answerDueAt: string; draftId: string };
  /**
   * A reply to an officer's request for more information: the PAKN it is for, a text typed before
   * the citizen confirmed it was meant as that reply, or that they said it was not (ask no more).
   */
  supplement?: { code: string; text?: string; declined?: boolean };
  /** The last question asked of the knowledge base, for the miss log if its answer is marked unhelpful. */
  lastQuestion?: string;
  /** The logged miss of a choice just offered, to note which candidate the citizen picks. */
  clarifyMissId?: number;
  /** Turns seen, for the welcome on first contact. */
  turns: number;
}

/**
 * What "start over" (`/huy`) does to one feature's part of the session; each feature that keeps
 * something there says what, and create-bot.ts hands the list to the commands.
 */
export type SessionReset = (session: Session) => void;

/** Loads and saves sessions by key; implementations expire idle sessions. */
export interface SessionStore {
  get(key: string): Promise<Session | undefined>;
  set(key: string, session: Session): Promise<void>;
  delete(key: string): Promise<void>;
}

/** How many answered procedures a session remembers. */
export const RECENT_LIMIT = 5;

/** A session for a conversation seen for the first time. */
export function newSession(): Session {
  return { turns: 0 };
}

/** The key of a conversation's session: channels never share one. */
export function sessionKey(channel: string, conversation: string): string {
  return `${channel}:${conversation}`;
}
