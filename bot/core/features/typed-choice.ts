import { SUPPLEMENT_PAYLOADS } from "../../../feedback/supplement-payload.js";
import type { Button } from "../../../lib/reply.js";
import { decodePaknButton, type PaknButton } from "./pakn-buttons.js";
import {
  bundledTypedReplies,
  foldReply,
  type TypedMeaning,
  typedMeanings,
  typedOptionNumber,
} from "./typed-replies.js";

/** What typing each PAKN button's words means, best first (the first one is suggested when asking again). */
function paknMeanings(button: PaknButton): TypedMeaning[] {
  switch (button.type) {
    case "accept_offer":
      return ["yes", "phan_anh", "file", "confirm"];
    case "start":
      return ["yes", "file", "phan_anh", "confirm"];
    case "decline_offer":
      return ["no", "skip", "cancel"];
    case "kind":
      return [button.kind];
    case "complaint_path":
      return ["complaint"];
    case "related":
      return button.code ? ["yes"] : ["no", "skip"];
    case "skip":
      return ["skip", "done", "no"];
    case "consent":
      return button.agree ? ["yes", "confirm"] : ["no"];
    case "confirm":
      return ["confirm", "yes"];
    case "edit":
      return ["edit"];
    case "cancel":
      return ["cancel"];
    default:
      return [];
  }
}

/**
 * The one place that says which typed words press which button: the PAKN intake's buttons and the
 * supplement's; other buttons (procedures, parts) are picked by their number or their label only.
 */
export function buttonMeanings(payload: string): TypedMeaning[] {
  if (payload === SUPPLEMENT_PAYLOADS.send) return ["yes", "confirm"];
  if (payload === SUPPLEMENT_PAYLOADS.notIt) return ["no"];
  const button = decodePaknButton(payload);
  return button ? paknMeanings(button) : [];
}

/**
 * The button a typed reply presses: its number ("1", "số 2"), its label typed out, or a word whose
 * meaning exactly one of the buttons carries ("có", "ko", "bỏ qua"). Undefined when the reply picks
 * none of them, or could mean more than one.
 */
export function typedChoice(buttons: readonly Button[], text: string): Button | undefined {
  const n = typedOptionNumber(text);
  if (n !== undefined) return buttons[n - 1];
  const folded = foldReply(text);
  const byLabel = buttons.filter((b) => foldReply(b.label) === folded);
  if (byLabel.length === 1) return byLabel[0];
  const meanings = typedMeanings(text);
  if (meanings.size === 0) return undefined;
  const matching = buttons.filter((b) => buttonMeanings(b.payload).some((m) => meanings.has(m)));
  return matching.length === 1 ? matching[0] : undefined;
}

/** Whether a typed reply is one of the known short replies (a yes, a no, a number …) rather than new content. */
export function isShortReply(text: string): boolean {
  return typedOptionNumber(text) !== undefined || typedMeanings(text).size > 0;
}

/**
 * The choices of a question, one per line, as a citizen can type them: "1 hoặc “có”: Gửi phản ánh".
 * Used when a typed reply picked nothing, so the question is asked again with what to type.
 */
export function describeChoices(buttons: readonly Button[]): string {
  const { suggestion } = bundledTypedReplies();
  return buttons
    .map((b, i) => {
      const word = buttonMeanings(b.payload)
        .map((m) => suggestion.get(m))
        .find((w): w is string => w !== undefined);
      const typed = word && foldReply(word) !== foldReply(b.label) ? ` hoặc “${word}”` : "";
      return `• ${i + 1}${typed}: ${b.label}`;
    })
    .join("\n");
}
