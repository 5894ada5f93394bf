import type { FastifyInstance } from "fastify";
import { textReply } from "../../lib/reply.js";
import { cookieSession } from "./chat-session.js";
import { CHAT_TEXTS } from "./chat-texts.js";
import { type ChatTurnDeps, overBudget, runChatTurn } from "./chat-turn.js";

/** Body types the upload route reads as bytes; what the bytes really are is sniffed afterwards. */
const UPLOAD_TYPES = /^(image\/[\w.+-]+|application\/octet-stream)$/i;

/**
 * `POST /api/chat/photos`: the raw bytes of one photo from the page, checked like the channels' photos
 * (size, JPEG/PNG/WebP read from the bytes), kept for the PAKN pipeline, then handed to the core as an
 * image message, so the intake treats it as it treats a Telegram or Zalo photo.
 */
export function registerChatPhotos(app: FastifyInstance, deps: ChatTurnDeps): void {
  const photos = deps.inbox?.photos;
  // Without the web chat's Redis state there is nowhere to keep a photo: no route at all.
  if (!photos) return;
  const maxBytes = photos.maxBytes;
  // Its own scope: the byte parser serves this route only.
  app.register(async (scope) => {
    scope.addContentTypeParser(
      UPLOAD_TYPES,
      { parseAs: "buffer", bodyLimit: maxBytes + 1 },
      (_r, body, done) => done(null, body),
    );
    scope.post("/api/chat/photos", async (request, reply) => {
      const refuse = (status: number, text: string) =>
        reply
          .status(status)
          .header("cache-control", "no-store")
          .send({ replies: [textReply(text)] });
      const body = request.body;
      const bytes = Buffer.isBuffer(body) ? body : Buffer.alloc(0);
      // A photo belongs to a conversation already under way (the bot asked for it).
      const conversation = cookieSession(request);
      if (!conversation) return refuse(400, CHAT_TEXTS.photoBeforeConversation);
      // The address's budget counts uploads too, before anything is kept.
      const verdict = await deps.ipLimit?.check(request.ip, { newSession: false });
      if (verdict && !verdict.allowed) return overBudget(reply, verdict.retryAfterSeconds);
      const staged = await photos.stage(conversation, bytes);
      if (!staged.ok) {
        const mb = String(Math.round(maxBytes / (1024 * 1024)));
        return refuse(400, CHAT_TEXTS.photoRefused[staged.reason].replace("{mb}", mb));
      }
      return runChatTurn(
        deps,
        request,
        reply,
        {
          kind: "image",
          attachments: [
            { kind: "image", url: staged.reference, mimeType: staged.mimeType, size: staged.size },
          ],
        },
        {
          shown: CHAT_TEXTS.photoSent,
          budgetChecked: true,
          // A photo the conversation did not ask for is answered "text only" and not kept.
          onResult: async (result) => {
            if (result?.meta.intent === "non_text") await photos.discard(staged.reference);
          },
        },
      );
    });
  });
}
