import { EXAMPLE_QUESTIONS } from "../../knowledge/compose/index.js";

const examples = EXAMPLE_QUESTIONS.map((q) => `• ${q}`).join("\n");

/** Welcome and help text: what the assistant can do, with examples. */
const welcome = [
  "Xin chào! Tôi là trợ lý hỗ trợ thủ tục hành chính.",
  "Bạn có thể hỏi tôi về một thủ tục hành chính: hồ sơ cần nộp, lệ phí, thời gian giải quyết, nơi nộp, các bước thực hiện và cách nộp trực tuyến.",
  "Bạn cũng có thể gửi phản ánh, kiến nghị tới cơ quan nhà nước: bấm hoặc gõ “Gửi phản ánh, kiến nghị” (hay lệnh /phananh), rồi theo dõi kết quả bằng /tracuu.",
  `Ví dụ:\n${examples}`,
  "Bạn cứ gõ câu hỏi bằng tiếng Việt, có dấu hoặc không dấu đều được.",
].join("\n\n");

/**
 * Short texts the conversation needs, in natural Vietnamese, in one place: welcome/help, replies to
 * empty, too long or non-text input, commands, small talk, an unknown button, and a generic error.
 */
export const TEXTS = {
  welcome,
  help: welcome,
  empty:
    "Bạn chưa nhập nội dung. Bạn hãy gõ câu hỏi về thủ tục cần làm, ví dụ: “Làm giấy khai sinh cần giấy tờ gì?”",
  tooLong:
    "Câu hỏi của bạn hơi dài. Bạn vui lòng gõ ngắn gọn tên thủ tục hoặc điều cần hỏi (ví dụ: “lệ phí đăng ký kết hôn”).",
  nonText:
    "Hiện tôi chỉ đọc được tin nhắn chữ. Bạn vui lòng gõ câu hỏi về thủ tục hành chính, ví dụ: “Đăng ký khai sinh cần giấy tờ gì?”",
  unknownButton:
    "Xin lỗi, tôi chưa hiểu lựa chọn này (có thể nút đã cũ). Bạn vui lòng gõ lại câu hỏi về thủ tục cần làm.",
  error: "Xin lỗi, hệ thống đang bận, bạn vui lòng thử lại sau ít phút.",
  askPrompt:
    "Bạn muốn hỏi thủ tục nào? Hãy gõ tên thủ tục hoặc điều bạn cần làm, ví dụ: “làm giấy khai sinh cho con cần gì”.",
  cancelled: "Đã hủy. Bạn có thể hỏi một thủ tục khác bất cứ lúc nào.",
  whichProcedure:
    "Bạn đang hỏi về thủ tục nào? Bạn hãy gõ kèm tên thủ tục, ví dụ: “lệ phí đăng ký kết hôn bao nhiêu”.",
  nothingToAnswer:
    "Vâng. Bạn cần hỏi thủ tục hành chính nào, hay muốn gửi phản ánh, kiến nghị? Bạn cứ gõ câu hỏi, ví dụ: “lệ phí đăng ký kết hôn bao nhiêu”.",
  youAreWelcome: "Rất vui được giúp bạn! Nếu cần hỏi thêm thủ tục nào khác, bạn cứ nhắn cho tôi nhé.",
  slowDown:
    "Bạn đang gửi tin nhắn hơi nhanh. Bạn vui lòng đợi khoảng một phút rồi gửi tiếp, tôi sẽ trả lời ngay khi có thể.",
  goodbye: "Chào bạn, chúc bạn một ngày tốt lành! Khi cần, bạn cứ nhắn cho tôi.",
  /** Heads the further buttons of a reply on channels that show only a few buttons per message (Zalo OA). */
  moreOptions: "Bạn có thể chọn thêm:",
} as const;
