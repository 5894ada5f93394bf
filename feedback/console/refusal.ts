import { AppError, type AppErrorCode } from "../../lib/errors.js";

/**
 * A console action refused for a reason the officer must read: an English message for the logs
 * and, in `data.userMessage`, the Vietnamese sentence the page shows (`data.forbidden` when the
 * officer's role, not the item's state, is the reason).
 */
export function refuse(
  code: AppErrorCode,
  message: string,
  userMessage: string,
  options: { forbidden?: boolean } = {},
): AppError {
  return new AppError(code, message, { userMessage, ...(options.forbidden ? { forbidden: true } : {}) });
}

/** The Vietnamese sentence of a refusal, or a general one by error code (lifecycle errors raced in). */
export function userMessageOf(err: unknown): string {
  if (err instanceof AppError) {
    const own = err.data.userMessage;
    if (typeof own === "string") return own;
    if (err.code === "not_found") return "Không tìm thấy phản ánh, kiến nghị.";
    if (err.code === "conflict")
      return "Thao tác không thực hiện được ở trạng thái hiện tại của phản ánh (có thể người khác vừa xử lý). Vui lòng tải lại trang.";
    if (err.code === "bad_request") return "Thông tin gửi lên chưa hợp lệ, vui lòng kiểm tra lại.";
  }
  return "Đã có lỗi, vui lòng thử lại sau ít phút.";
}
