/**
 * What the PAKN intake says to citizens, in one place. Legal references: NĐ 20/2008/NĐ-CP (a PAKN
 * needs the sender's name, address and phone), Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15 (consent
 * before personal data), Luật Khiếu nại 2011 and Luật Tố cáo 2018 (their own paths).
 */
export const PAKN_TEXTS = {
  unavailable:
    "Xin lỗi, hệ thống tiếp nhận phản ánh, kiến nghị hiện chưa sẵn sàng. Bạn vui lòng thử lại sau, hoặc gửi trực tiếp tại Bộ phận tiếp nhận và trả kết quả của UBND xã, phường.",
  offer:
    "Có vẻ bạn đang phản ánh một việc chưa ổn. Tôi có thể chuyển phản ánh này tới cơ quan có thẩm quyền để xem xét, giải quyết và báo lại kết quả cho bạn tại đây. Bạn bấm “Gửi phản ánh” để bắt đầu nhé.",
  offerWithAnswer:
    "Có vẻ bạn đang phản ánh một việc chưa ổn. Tôi có thể chuyển phản ánh này tới cơ quan có thẩm quyền để xem xét, giải quyết và báo lại kết quả cho bạn tại đây: bạn bấm “Gửi phản ánh”. Còn phần thủ tục bạn hỏi, tôi trả lời ngay bên dưới.",
  askKind: [
    "Bạn muốn gửi phản ánh hay kiến nghị?",
    "• Phản ánh: báo cho cơ quan nhà nước biết một việc chưa đúng (cán bộ gây khó khăn, hồ sơ trễ hẹn, đường hỏng, rác thải, ô nhiễm…).",
    "• Kiến nghị: đề xuất cách làm mới, sửa đổi quy định hay chính sách.",
    "Khiếu nại, tố cáo có thủ tục riêng theo luật.",
  ].join("\n"),
  kindNotUnderstood: "Bạn vui lòng chọn một trong các nút bên dưới (hoặc gõ “phản ánh” hay “kiến nghị”).",
  choiceNotUnderstood: "Tôi chưa rõ bạn chọn gì. Bạn bấm một nút bên dưới, hoặc gõ số hay từ tương ứng:",
  offerDeclined:
    "Vâng, tôi không gửi phản ánh này. Bạn cần hỏi về thủ tục hành chính nào cứ gõ câu hỏi; khi muốn gửi phản ánh, kiến nghị, bạn gõ “gửi phản ánh” hoặc /phananh.",
  contentKept: "Tôi đã ghi lại nội dung bạn vừa gửi.",
  askContent: {
    phan_anh:
      "Bạn hãy mô tả sự việc: việc gì, xảy ra ở đâu, từ khi nào. Bạn có thể gửi nhiều tin nhắn, tôi sẽ ghép lại.",
    kien_nghi: "Bạn hãy nêu nội dung kiến nghị: vấn đề là gì và bạn đề xuất thế nào.",
    question: "Bạn hãy ghi rõ câu hỏi muốn gửi cán bộ (thủ tục nào, trường hợp của bạn ra sao).",
  },
  contentTooShort:
    "Nội dung còn ngắn quá, cán bộ khó nắm được sự việc. Bạn kể thêm giúp tôi: việc gì, ở đâu (thôn, xã/phường), từ khi nào, ảnh hưởng thế nào?",
  contentUnreadable:
    "Tôi chưa đọc được nội dung này. Phản ánh cần viết bằng tiếng Việt, bạn vui lòng gõ lại rõ hơn (có dấu hoặc không dấu đều được).",
  contentTooLong: "Nội dung dài quá 2.000 ký tự. Bạn vui lòng rút gọn, giữ lại những ý chính.",
  askRelated:
    "Việc này có liên quan đến thủ tục “{name}” không? Nếu liên quan đến một cơ quan hay địa điểm khác, bạn cứ gõ tên nơi đó.",
  askPlace:
    "Việc này xảy ra ở đâu, hoặc liên quan đến cơ quan nào? Ví dụ: “thôn 3, xã Hòa Tiến” hoặc “UBND phường Bến Thành”. Nếu không cần, bạn bấm Bỏ qua.",
  askAttachments:
    "Nếu có ảnh chụp hiện trường hoặc vị trí, bạn gửi ngay tại đây (tối đa 5). Không có thì bạn bấm Bỏ qua.",
  attachmentsReceived: "Đã nhận {n} tệp đính kèm. Bạn gửi thêm, hoặc bấm Tiếp tục.",
  attachmentsFull: "Đã đủ 5 tệp đính kèm, tôi không nhận thêm. Bạn bấm Tiếp tục nhé.",
  attachmentsHint: "Ở bước này tôi chỉ nhận ảnh hoặc vị trí.",
  consent: [
    "Theo Nghị định 20/2008/NĐ-CP, phản ánh, kiến nghị cần họ tên, số điện thoại và địa chỉ của người gửi. Theo Luật Bảo vệ dữ liệu cá nhân (số 91/2025/QH15), tôi xin bạn đồng ý trước khi ghi nhận:",
    "• Thông tin thu thập: họ tên, số điện thoại, địa chỉ, cùng nội dung và ảnh bạn gửi.",
    "• Mục đích: chỉ để xử lý, liên hệ xác minh và trả lời phản ánh này.",
    "• Người được xem: cán bộ có thẩm quyền của cơ quan tiếp nhận và cơ quan giải quyết.",
    "• Kết quả xử lý được báo cho bạn tại đây; khi không gửi được tại đây, có thể báo bằng tin nhắn Zalo tới số điện thoại bạn cung cấp.",
    "• Khi công khai kết quả, thông tin cá nhân của bạn được che đi: người khác không bao giờ thấy họ tên, số điện thoại, địa chỉ của bạn.",
    "Bạn có đồng ý không?",
  ].join("\n"),
  consentNotUnderstood: "Bạn vui lòng bấm Đồng ý hoặc Không đồng ý.",
  consentRefused:
    "Tôi hiểu. Theo Nghị định 20/2008/NĐ-CP, phản ánh, kiến nghị phải có họ tên, địa chỉ và số điện thoại của người gửi, nên tôi chưa thể gửi giúp bạn. Nội dung bạn đã nhập đã được xóa. Bạn vẫn có thể hỏi tôi về thủ tục hành chính bất cứ lúc nào.",
  askName: "Cảm ơn bạn. Bạn cho biết họ và tên đầy đủ?",
  nameInvalid: "Họ tên chỉ gồm chữ cái, ví dụ “Nguyễn Văn An”. Bạn vui lòng nhập lại.",
  askPhone: "Số điện thoại để cán bộ liên hệ khi cần (ví dụ 0912 345 678)?",
  phoneInvalid:
    "Số điện thoại chưa đúng. Số di động có 10 chữ số, bắt đầu bằng 03, 05, 07, 08 hoặc 09 (ví dụ 0912 345 678); số cố định bắt đầu bằng 02. Bạn vui lòng nhập lại.",
  askAddress: "Địa chỉ liên hệ của bạn (số nhà hoặc thôn, xã/phường, tỉnh/thành phố)?",
  addressInvalid: "Địa chỉ hơi ngắn. Bạn ghi rõ thôn/tổ, xã/phường, tỉnh/thành phố giúp tôi.",
  reviewHead: "Bạn kiểm tra lại trước khi gửi:",
  reviewTail: "Nếu đúng, bạn bấm Xác nhận gửi.",
  askEditContent: "Bạn gõ lại nội dung mới (nội dung cũ sẽ được thay thế).",
  submitted: [
    "Đã gửi thành công! Mã tra cứu của bạn: {code}",
    "{kind} đã được chuyển tới bộ phận tiếp nhận. Cơ quan có thẩm quyền sẽ xem xét và trả lời chậm nhất ngày {due} (tính theo ngày làm việc). Mỗi khi có cập nhật, tôi sẽ nhắn cho bạn tại đây.",
    "Để xem tình trạng, bạn gõ: /tracuu {code}",
  ].join("\n\n"),
  alreadySubmitted: "{kind} này đã được gửi trước đó, mã tra cứu: {code}. Bạn không cần gửi lại.",
  busy: "Hệ thống đang bận, bạn vui lòng bấm Xác nhận lại sau ít phút. Thông tin bạn đã nhập vẫn được giữ nguyên.",
  cancelled:
    "Đã hủy. Phản ánh chưa được gửi và thông tin bạn nhập đã được xóa. Khi cần, bạn gõ /phananh để bắt đầu lại.",
  expired:
    "Phiên gửi phản ánh trước đã hết hạn vì lâu không có tin nhắn, nên tôi không còn giữ nội dung bạn đã nhập. Bạn vui lòng bắt đầu lại.",
  inProgress: "Bạn đang gửi dở một phản ánh, mình làm tiếp nhé (gõ /huy nếu muốn bỏ).",
  askQuestionAgain: "Bạn gõ câu hỏi muốn gửi cán bộ nhé.",
  complaintPath: [
    "Khiếu nại và tố cáo không gửi theo hình thức phản ánh, kiến nghị mà theo luật riêng:",
    "• Khiếu nại (Luật Khiếu nại 2011): gửi đơn hoặc trình bày trực tiếp với cơ quan, người đã ra quyết định hoặc có hành vi bạn cho là trái luật, trong 90 ngày kể từ khi biết quyết định, hành vi đó.",
    "• Tố cáo (Luật Tố cáo 2018): gửi cơ quan, người có thẩm quyền quản lý người bị tố cáo, ghi rõ họ tên, địa chỉ của bạn; danh tính người tố cáo được giữ bí mật.",
    "• Cả hai đều có thể nộp tại Ban tiếp công dân (Trụ sở tiếp công dân) của tỉnh, thành phố hoặc nơi tiếp công dân của UBND xã, phường.",
    "Nếu bạn chỉ muốn phản ánh một việc chưa đúng, bạn gõ /phananh.",
  ].join("\n"),
  trackNotFound: "Không tìm thấy phản ánh có mã {code}. Bạn kiểm tra lại mã (dạng PAKN.20261122.0012).",
  trackBusy: "Hệ thống tra cứu đang bận, bạn vui lòng thử lại sau ít phút.",
  ownListHead: "Các phản ánh, kiến nghị bạn đã gửi (mới nhất trước):",
  ownListTail: "Bấm vào mã để xem chi tiết.",
  ownListEmpty:
    "Bạn chưa gửi phản ánh nào từ tài khoản này. Để tra cứu một mã, bạn gõ /tracuu kèm mã, ví dụ: /tracuu PAKN.20261122.0012",
} as const;

/** Short button labels of the intake. */
export const PAKN_LABELS = {
  send: "Gửi phản ánh",
  notFeedback: "Không, tôi muốn hỏi thủ tục",
  newFeedback: "Gửi phản ánh mới",
  phanAnh: "Phản ánh",
  kienNghi: "Kiến nghị",
  complaint: "Khiếu nại, tố cáo",
  notRelated: "Không liên quan",
  skip: "Bỏ qua",
  next: "Tiếp tục",
  agree: "Đồng ý",
  disagree: "Không đồng ý",
  confirm: "Xác nhận gửi",
  edit: "Sửa nội dung",
  cancel: "Hủy",
  handoff: "Gửi câu hỏi cho cán bộ",
  file: "Gửi phản ánh, kiến nghị",
} as const;

/** Fills `{name}` placeholders of a text. */
export function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (all, key: string) => (key in values ? String(values[key]) : all));
}
