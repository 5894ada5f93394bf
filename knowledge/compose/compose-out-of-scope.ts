import type { ComposedButton, ComposedMessage } from "./composed-message.js";
import { EXAMPLE_QUESTIONS } from "./example-questions.js";

/** Options for the out-of-scope reply. */
export interface OutOfScopeOptions {
  /** Example questions to suggest (default: 3 common ones). */
  examples?: readonly string[];
  /**
   * Extension point for forwarding the question to an officer: when given, the reply offers it
   * and carries this button.
   */
  handoff?: { payload: string; label?: string };
  /** Where the question is handled instead; replaces the "not found, rephrase" paragraphs. */
  elsewhere?: string;
}

/** Says politely that the question is not in the knowledge base and suggests how to rephrase. */
export function composeOutOfScope(options: OutOfScopeOptions = {}): ComposedMessage {
  const examples = (options.examples ?? EXAMPLE_QUESTIONS).slice(0, 3);
  const parts = options.elsewhere
    ? [options.elsewhere, "Nếu bạn cần hỏi thủ tục hành chính khác, bạn cứ nhắn cho tôi."]
    : [
        "Xin lỗi, tôi chưa tìm thấy thủ tục phù hợp với câu hỏi của bạn trong cơ sở dữ liệu thủ tục hành chính.",
        "Bạn thử hỏi lại, ghi rõ tên thủ tục hoặc vài từ khóa chính (ví dụ: khai sinh, kết hôn, giấy phép xây dựng).",
      ];
  if (examples.length > 0 && !options.elsewhere)
    parts.push(`Ví dụ:\n${examples.map((q) => `• ${q}`).join("\n")}`);
  const buttons: ComposedButton[] = [];
  if (options.handoff) {
    parts.push("Hoặc bạn có thể gửi câu hỏi để cán bộ hỗ trợ trả lời.");
    buttons.push({
      label: options.handoff.label ?? "Gửi câu hỏi cho cán bộ",
      payload: options.handoff.payload,
    });
  }
  return { text: parts.join("\n\n"), buttons };
}
