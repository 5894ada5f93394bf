import type { Step } from "../compose-steps.js";
import type { TurnContext } from "../turn-context.js";
import type { Attachment } from "../types.js";
import { type DraftAttachment, MAX_ATTACHMENTS } from "./pakn-draft.js";
import { askAgain } from "./pakn-flow.js";
import { PAKN_TEXTS } from "./pakn-texts.js";

/** A reference to what the channel sent; the file itself is fetched later by the pipeline. */
function reference(a: Attachment): DraftAttachment {
  if (a.kind === "location") return { kind: "location", latitude: a.latitude, longitude: a.longitude };
  return {
    kind: "image",
    url: a.url ?? (a.fileId ? `file-id:${a.fileId}` : undefined),
    mimeType: a.mimeType,
    size: a.size,
  };
}

/**
 * Keeps photos and locations sent while the intake asks for them (before the input guard, which
 * would otherwise answer "text only"); anything else passes on.
 */
export const paknAttachments: Step<TurnContext> = async (ctx, next) => {
  const draft = ctx.session.intake;
  const { message } = ctx;
  if (draft?.step !== "attachments" || message.payload !== undefined) return next();
  const sent = (message.attachments ?? []).filter((a) => a.kind === "image" || a.kind === "location");
  if (sent.length === 0) {
    if (ctx.text) return next();
    return askAgain(ctx, draft, PAKN_TEXTS.attachmentsHint);
  }
  const kept = draft.attachments ?? [];
  const room = MAX_ATTACHMENTS - kept.length;
  draft.attachments = [...kept, ...sent.slice(0, Math.max(0, room)).map(reference)];
  askAgain(ctx, draft, room < sent.length ? PAKN_TEXTS.attachmentsFull : undefined);
};
