import type { PaknStatus } from "./lifecycle.js";

/** How each state of a PAKN is named to citizens, in plain Vietnamese. */
export const STATUS_LABELS: Record<PaknStatus, string> = {
  received: "Đã tiếp nhận",
  classified: "Đã phân loại, đang chuyển cơ quan xử lý",
  assigned: "Đã chuyển đến cơ quan có thẩm quyền",
  in_progress: "Đang xem xét, xử lý",
  transferred: "Đã chuyển sang cơ quan khác có thẩm quyền",
  returned: "Cần bạn bổ sung thông tin",
  answered: "Đã có dự thảo trả lời, đang chờ lãnh đạo duyệt",
  approved: "Đã duyệt nội dung trả lời",
  published: "Đã trả lời và công khai",
  rejected: "Không được tiếp nhận xử lý",
  merged: "Đã gộp với phản ánh trùng nội dung",
  out_of_scope: "Không thuộc phạm vi giải quyết",
};

/** How each kind of PAKN is named to citizens. */
export const KIND_LABELS: Record<string, string> = {
  phan_anh: "Phản ánh",
  kien_nghi: "Kiến nghị",
  question: "Câu hỏi gửi cán bộ",
};

/** The citizen-facing name of a state, falling back to the raw value for a state added later. */
export function statusLabel(status: string): string {
  return (STATUS_LABELS as Record<string, string>)[status] ?? status;
}

/** The citizen-facing name of a kind. */
export function kindLabel(kind: string): string {
  return KIND_LABELS[kind] ?? kind;
}
