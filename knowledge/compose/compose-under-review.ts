import type { Procedure } from "../procedure.js";
import { cleanInline, isBlank } from "./clean-text.js";
import type { ComposedMessage } from "./composed-message.js";
import { agencyText, placeByLevel } from "./place-facts.js";
import { truncateAtWord } from "./split-text.js";

/** The longest procedure name, agency list or address quoted in the reply (the whole stays short). */
const MAX_NAME = 250;
const MAX_PLACE = 400;

/** Whom to contact: the executing agency and the receiving address, or the usual place by level. */
function contactOf(procedure: Procedure): string {
  const agency = truncateAtWord(agencyText(procedure), MAX_PLACE);
  const address = isBlank(procedure.address) ? "" : truncateAtWord(cleanInline(procedure.address), MAX_PLACE);
  if (agency && address) return `${agency} (địa chỉ tiếp nhận hồ sơ: ${address})`;
  if (agency || address) return agency || address;
  return (
    placeByLevel(procedure) || "cơ quan giải quyết thủ tục này hoặc Bộ phận Một cửa nơi bạn định nộp hồ sơ"
  );
}

/**
 * Says that a procedure editors marked "đang rà soát" is being updated, so the bot gives no details
 * that may be outdated, and points to the agency that handles it instead.
 */
export function composeUnderReview(procedure: Procedure): ComposedMessage {
  const name = truncateAtWord(cleanInline(procedure.name), MAX_NAME);
  const text = [
    `Thông tin về thủ tục “${name}” đang được cơ quan có thẩm quyền rà soát, cập nhật, nên tôi chưa trả lời chi tiết để tránh hướng dẫn sai.`,
    `Bạn vui lòng liên hệ trực tiếp ${contactOf(procedure)} để được hướng dẫn chính xác về hồ sơ, lệ phí và thời hạn giải quyết.`,
    "Khi thông tin được cập nhật xong, tôi sẽ trả lời đầy đủ. Nếu bạn cần hỏi thủ tục khác, bạn cứ nhắn cho tôi.",
  ].join("\n\n");
  return { text, buttons: [] };
}
