import type { SearchHit } from "../decision-types.js";
import { encodePayload } from "../payload.js";
import { cleanName } from "./clean-text.js";
import type { ComposedMessage } from "./composed-message.js";
import { truncateAtWord } from "./split-text.js";

/** At most this many other asks get a button (one message rarely asks more than two things). */
export const MAX_ALSO_ASKED = 2;

/**
 * The other procedures one message also asked about, each behind a button, so a two-part question
 * is not silently answered by half.
 */
export function composeAlsoAsked(hits: readonly SearchHit[]): ComposedMessage {
  const procedures = hits.slice(0, MAX_ALSO_ASKED).map((h) => h.procedure);
  const lines = [
    procedures.length > 1
      ? "Bạn cũng hỏi về các thủ tục dưới đây, bấm vào nút để xem:"
      : "Bạn cũng hỏi về thủ tục dưới đây, bấm vào nút để xem:",
    ...procedures.map((p) => `• ${truncateAtWord(cleanName(p.name), 160)}`),
  ];
  return {
    text: lines.join("\n"),
    buttons: procedures.map((p) => ({
      label: truncateAtWord(cleanName(p.name), 60),
      payload: encodePayload({ type: "pick", code: p.code }),
    })),
  };
}
