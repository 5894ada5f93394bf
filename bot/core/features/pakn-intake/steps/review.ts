import { kindLabel } from "../../../../../feedback/status-labels.js";
import { truncateAtWord } from "../../../../../knowledge/compose/split-text.js";
import type { KnowledgeBase } from "../../../../../knowledge/decision-types.js";
import { PAKN_TEXTS } from "../../pakn-texts.js";
import type { PaknDraft } from "../draft.js";
import { reviewButtons } from "../intake-buttons.js";
import { askChoiceAgain, goTo, handled, type IntakeStepDefinition } from "../step-definition.js";
import { submitDraft } from "../submit-draft.js";

/** The summary shown before sending, kept under the 2,000-character reply limit. */
export function summaryText(draft: PaknDraft, kb: KnowledgeBase): string {
  const procedure = draft.procedureCode ? kb.get(draft.procedureCode) : undefined;
  const attachments = draft.attachments ?? [];
  const images = attachments.filter((a) => a.kind === "image").length;
  const places = attachments.length - images;
  const lines = [
    PAKN_TEXTS.reviewHead,
    `Loại: ${kindLabel(draft.kind ?? "phan_anh")}`,
    `Nội dung: ${truncateAtWord(draft.content ?? "", 1_000)}`,
    procedure ? `Thủ tục liên quan: ${truncateAtWord(procedure.name, 150)}` : undefined,
    draft.place ? `Nơi xảy ra, cơ quan: ${truncateAtWord(draft.place, 150)}` : undefined,
    attachments.length
      ? `Đính kèm: ${[images ? `${images} ảnh` : "", places ? `${places} vị trí` : ""].filter(Boolean).join(", ")}`
      : undefined,
    `Họ tên: ${draft.name}`,
    `Điện thoại: ${draft.phone}`,
    `Địa chỉ: ${truncateAtWord(draft.address ?? "", 200)}`,
    "",
    PAKN_TEXTS.reviewTail,
  ];
  return lines.filter((l) => l !== undefined).join("\n");
}

/** The summary: send it, rewrite the content, or cancel. The last step: the draft is filed from here. */
export const reviewStep: IntakeStepDefinition = {
  prompt: (draft, kb) => ({ text: summaryText(draft, kb), buttons: reviewButtons() }),
  typedChoices: true,
  onEnter(_ctx, draft) {
    // Back at the summary: a rewrite of the content, if there was one, is over.
    if (draft.editing) draft.editing = undefined;
    return undefined;
  },
  async onButton(ctx, draft, button) {
    if (button.type === "confirm") {
      await submitDraft(ctx, draft);
      return handled();
    }
    if (button.type === "edit") {
      draft.editing = true;
      return goTo("content");
    }
    return undefined;
  },
  onText: () => askChoiceAgain(),
};
