import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { TranscriptEntry } from "../../bot/channels/web-transcript.js";
import { AppError } from "../../lib/errors.js";
import { registerChatPhotos } from "./chat-photos.js";
import { cookieSession } from "./chat-session.js";
import { type ChatTurnDeps, runChatTurn } from "./chat-turn.js";

export { CHAT_COOKIE } from "./chat-session.js";
export { tooManyMessagesText } from "./chat-texts.js";

const bodySchema = z.union([
  z.object({ text: z.string().max(20_000) }).strict(),
  z.object({ payload: z.string().min(1).max(200) }).strict(),
]);

/**
 * The web chat API: `POST /api/chat/messages` (one citizen message in, the bot's replies out),
 * `GET /api/chat/history` (the recent conversation after a reload), `GET /api/chat/updates`
 * (messages pushed since, polled by the page) and `POST /api/chat/photos` (a photo for a PAKN).
 */
export function registerChatApi(app: FastifyInstance, deps: ChatTurnDeps): void {
  /**
   * Moves what was pushed to the visitor into the transcript and returns it; when the page opens
   * (`opening`), first the PAKN updates that waited for them to come back (told once taken, and
   * kept in the transcript so a reload shows them again). Polls skip that database look-up: while
   * the page polls, updates are pushed to it.
   */
  const collect = async (conversation: string, opening = false) => {
    if (!deps.inbox) return [];
    const missed = opening
      ? await deps.waitingUpdates?.(conversation).catch((err) => {
          app.log.warn({ err }, "could not look up waiting updates");
          return [];
        })
      : [];
    const waiting = [...(missed ?? []), ...(await deps.inbox.collect(conversation))];
    await deps.inbox.transcript.append(
      conversation,
      waiting.map((r): TranscriptEntry => ({ who: "bot", text: r.text, buttons: r.buttons })),
    );
    return waiting;
  };

  app.get("/api/chat/history", async (request, reply) => {
    const conversation = cookieSession(request);
    if (!conversation || !deps.inbox) return reply.header("cache-control", "no-store").send({ entries: [] });
    await collect(conversation, true);
    const entries = await deps.inbox.transcript.recent(conversation);
    return reply.header("cache-control", "no-store").send({ entries, active: true });
  });

  app.get("/api/chat/updates", async (request, reply) => {
    const conversation = cookieSession(request);
    const replies = conversation ? await collect(conversation) : [];
    return reply.header("cache-control", "no-store").send({ replies });
  });

  app.post("/api/chat/messages", { bodyLimit: 100_000 }, async (request, reply) => {
    const parsed = bodySchema.safeParse(request.body);
    if (!parsed.success) {
      throw new AppError("bad_request", 'body must be {"text": string} or {"payload": string}');
    }
    const content =
      "text" in parsed.data
        ? { text: parsed.data.text, kind: "text" as const }
        : { payload: parsed.data.payload, kind: "payload" as const };
    return runChatTurn(deps, request, reply, content);
  });

  registerChatPhotos(app, deps);
}
