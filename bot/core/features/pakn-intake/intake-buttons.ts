import type { Button } from "../../../../lib/reply.js";
import { paknButton } from "../pakn-buttons.js";
import { PAKN_LABELS } from "../pakn-texts.js";

/** "Hủy" under the questions that are answered by typing. */
export function cancelButton(): Button {
  return paknButton(PAKN_LABELS.cancel, { type: "cancel" });
}

/** Filing offered in words, under the welcome and the knowledge base's answers. */
export function fileButton(): Button {
  return paknButton(PAKN_LABELS.file, { type: "start" });
}

/** "Start again" after an expired session or a cancelled intake. */
export function startAgainButton(): Button {
  return paknButton(PAKN_LABELS.newFeedback, { type: "start" });
}

/** The buttons under the summary (also under the "busy, press again" reply). */
export function reviewButtons(): Button[] {
  return [
    paknButton(PAKN_LABELS.confirm, { type: "confirm" }),
    paknButton(PAKN_LABELS.edit, { type: "edit" }),
    cancelButton(),
  ];
}
