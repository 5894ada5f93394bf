import type { PhotoRefusal } from "../../bot/channels/web-photos.js";

/** What the web chat says about its own limits (not the conversation's: those come from the core). */
export const CHAT_TEXTS = {
  photoSent: "[Ảnh đính kèm]",
  photoRefused: {
    too_large:
      "Ảnh này lớn quá nên tôi chưa nhận được (tối đa {mb} MB). Bạn chọn ảnh nhỏ hơn hoặc chụp lại nhé.",
    not_image: "Tệp này không phải ảnh JPG, PNG hoặc WebP nên tôi chưa nhận được. Bạn chọn ảnh khác nhé.",
    too_many:
      "Bạn đã gửi đủ số ảnh cho phép, tôi không nhận thêm ảnh nữa. Bạn bấm nút để sang bước tiếp theo nhé.",
    empty: "Tệp ảnh bị trống, bạn chọn lại ảnh nhé.",
  } satisfies Record<PhotoRefusal, string>,
  photoBeforeConversation:
    "Ảnh được nhận khi bạn gửi phản ánh, kiến nghị: bạn gõ nội dung cần phản ánh trước, rồi gửi ảnh khi tôi hỏi nhé.",
};

/** The reply to an address over its budget, in the chat's own shape so the page shows it. */
export function tooManyMessagesText(retryAfterSeconds: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return `Hiện có quá nhiều tin nhắn gửi đến từ mạng của bạn nên tin nhắn vừa rồi chưa được xử lý. Bạn vui lòng đợi khoảng ${minutes} phút rồi gửi lại nhé. Xin cảm ơn bạn!`;
}
