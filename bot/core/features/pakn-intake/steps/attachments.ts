import type { Attachment } from "../../../types.js";
import { paknButton } from "../../pakn-buttons.js";
import { fill, PAKN_LABELS, PAKN_TEXTS } from "../../pakn-texts.js";
import { type DraftAttachment, MAX_ATTACHMENTS } from "../draft.js";
import { askAgain, askChoiceAgain, goNext, type IntakeStepDefinition } from "../step-definition.js";

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
 * Photos and locations of the scene (at most MAX_ATTACHMENTS). They arrive without text, so this step
 * reads them before the input guard (create-bot.ts), which would otherwise answer "text only".
 */
export const attachmentsStep: IntakeStepDefinition = {
  prompt(draft) {
    const n = draft.attachments?.length ?? 0;
    return n
      ? {
          text: fill(PAKN_TEXTS.attachmentsReceived, { n }),
          buttons: [paknButton(PAKN_LABELS.next, { type: "skip" })],
        }
      : { text: PAKN_TEXTS.askAttachments, buttons: [paknButton(PAKN_LABELS.skip, { type: "skip" })] };
  },
  typedChoices: true,
  onMedia(ctx, draft, attachments) {
    const sent = attachments.filter((a) => a.kind === "image" || a.kind === "location");
    if (sent.length === 0) {
      // A typed message is an answer like any other (after the guard); a sticker or a file is not.
      if (ctx.text) return undefined;
      return askAgain(PAKN_TEXTS.attachmentsHint);
    }
    const kept = draft.attachments ?? [];
    const room = MAX_ATTACHMENTS - kept.length;
    draft.attachments = [...kept, ...sent.slice(0, Math.max(0, room)).map(reference)];
    return askAgain(room < sent.length ? PAKN_TEXTS.attachmentsFull : undefined);
  },
  onButton: (_ctx, _draft, button) => (button.type === "skip" ? goNext() : undefined),
  onText: () => askChoiceAgain(PAKN_TEXTS.attachmentsHint),
  next: "consent",
};
