import type { FastifyReply, FastifyRequest } from "fastify";
import type { WebInbox } from "../../bot/channels/web-inbox.js";
import type { TranscriptEntry } from "../../bot/channels/web-transcript.js";
import type { Dispatcher } from "../../bot/core/dispatch.js";
import type { InboundMessage, TurnResult } from "../../bot/core/types.js";
import { type Reply, textReply } from "../../lib/reply.js";
import type { ChatIpLimit } from "../chat-ip-limit.js";
import { cookieSession, issueSession } from "./chat-session.js";
import { tooManyMessagesText } from "./chat-texts.js";

/** What one web chat turn needs. */
export interface ChatTurnDeps {
  dispatcher: Dispatcher;
  secureCookies: boolean;
  inbox?: WebInbox;
  ipLimit?: ChatIpLimit;
  /** Updates of the visitor's PAKN that waited for them to come back (taken once). */
  waitingUpdates?: (conversation: string) => Promise<Reply[]>;
}

/** The message's content, without the conversation (the cookie decides it). */
export type TurnContent = Omit<InboundMessage, "channel" | "conversation" | "user">;

/** The label of the button a payload came from, looked up in the visitor's own recent transcript. */
function pressedLabel(entries: TranscriptEntry[], payload: string): string | undefined {
  for (let i = entries.length - 1; i >= 0; i--) {
    const button = entries[i]?.buttons?.find((b) => b.payload === payload);
    if (button) return button.label;
  }
  return undefined;
}

/** The reply to an address over its budget. */
export function overBudget(reply: FastifyReply, retryAfterSeconds: number): FastifyReply {
  return reply
    .status(429)
    .header("retry-after", String(retryAfterSeconds))
    .header("cache-control", "no-store")
    .send({ replies: [textReply(tooManyMessagesText(retryAfterSeconds))] });
}

/**
 * Runs one citizen message through the core under the cookie's conversation (issuing one when
 * missing, within the address's budget unless the caller checked it), records it and the replies in the transcript, and answers
 * `{replies}`; a refusal by the budget comes in the same shape so the page shows it.
 */
export async function runChatTurn(
  deps: ChatTurnDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  content: TurnContent,
  options: {
    shown?: string;
    budgetChecked?: boolean;
    onResult?: (result: TurnResult | null) => Promise<void>;
  } = {},
): Promise<FastifyReply> {
  const { shown } = options;
  const existing = cookieSession(request);
  // Every cookie-less message would start a session kept in Redis: count them per address.
  const verdict = options.budgetChecked
    ? undefined
    : await deps.ipLimit?.check(request.ip, { newSession: existing === undefined });
  if (verdict && !verdict.allowed) {
    request.log.info({ retryAfterSeconds: verdict.retryAfterSeconds }, "web chat address over its budget");
    return overBudget(reply, verdict.retryAfterSeconds);
  }
  const conversation = existing ?? issueSession(reply, deps.secureCookies);
  let replies: Reply[] = [];
  const result = await deps.dispatcher.dispatch(
    { channel: "web", conversation, user: conversation, ...content },
    async (out) => {
      replies = out;
    },
  );
  await options.onResult?.(result);
  const transcript = deps.inbox?.transcript;
  if (transcript) {
    const label =
      shown ??
      content.text ??
      (content.payload !== undefined
        ? pressedLabel(await transcript.recent(conversation), content.payload)
        : undefined);
    const said: TranscriptEntry[] = label ? [{ who: "user", text: label }] : [];
    await transcript.append(conversation, [
      ...said,
      ...replies.map((r): TranscriptEntry => ({ who: "bot", text: r.text, buttons: r.buttons })),
    ]);
  }
  return reply.header("cache-control", "no-store").send({ replies });
}
