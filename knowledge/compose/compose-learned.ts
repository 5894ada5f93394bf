import type { ComposedMessage } from "./composed-message.js";

/** Labels of the learning buttons and notes, in one place. */
export const LEARNED_TEXTS = {
  helpful: "Đúng ý tôi",
  unhelpful: "Chưa đúng",
  follow: "Báo cho tôi khi có câu trả lời",
  thanks: "Cảm ơn bạn đã cho biết. Chúc bạn làm thủ tục thuận lợi!",
  sorry:
    "Xin lỗi vì câu trả lời chưa đúng ý bạn. Câu hỏi đã được ghi lại để cán bộ bổ sung cho trợ lý. Bạn có thể hỏi lại bằng cách khác (ghi rõ tên giấy tờ hoặc việc cần làm).",
  followed:
    "Đã ghi nhận. Khi cán bộ bổ sung câu trả lời cho câu hỏi này, tôi sẽ nhắn cho bạn tại đây (chỉ một lần).",
  followFailed: "Xin lỗi, hiện chưa ghi nhận được yêu cầu. Bạn vui lòng thử lại sau ít phút.",
  earlier: "Về câu hỏi trước đây của bạn",
  nowAnswered: "nay đã có câu trả lời:",
} as const;

/** An official short answer an editor wrote, shown as such, with what it rests on. */
export function composeFaqAnswer(input: { answer: string; source?: string }): ComposedMessage {
  const source = input.source ? `\n\nCăn cứ: ${input.source}` : "";
  return { text: `Giải đáp của cán bộ:\n${input.answer}${source}`, buttons: [] };
}

/** The note before an answer that reaches a citizen later: which earlier question it answers. */
export function composeEarlierQuestionNote(question: string): ComposedMessage {
  const quoted = question.length > 200 ? `${question.slice(0, 199)}…` : question;
  return { text: `${LEARNED_TEXTS.earlier} “${quoted}”, ${LEARNED_TEXTS.nowAnswered}`, buttons: [] };
}
