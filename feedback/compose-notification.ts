import { RUNNING_STATUSES } from "./lifecycle.js";
import { RATING_QUESTION } from "./rating-payload.js";
import { formatVnDate } from "./vn-date.js";

/** What a status notification says: the PAKN, its new state and the officer's note. */
export interface NotificationInput {
  code: string;
  toStatus: string;
  statusLabel: string;
  note?: string | null;
  agencyName?: string | null;
  answer?: string | null;
  answerDueAt?: Date | null;
  /** The event is the citizen's own doing (their supplement): confirm it, don't echo it. */
  byCitizen?: boolean;
}

/** Longest answer excerpt in a chat message; the full answer is on the public page. */
const ANSWER_EXCERPT = 1_400;

/**
 * The message a citizen gets when their PAKN changes state: plain Vietnamese, the code first,
 * what happened, what (if anything) they need to do, never longer than one chat message; a
 * published answer ends with the satisfaction question.
 */
export function composeStatusNotification(input: NotificationInput): string {
  if (input.byCitizen) {
    return [
      `Phản ánh, kiến nghị ${input.code}: cơ quan xử lý đã nhận nội dung bạn bổ sung và tiếp tục giải quyết.`,
      `Bạn có thể gõ /tracuu ${input.code} để xem toàn bộ quá trình xử lý.`,
    ].join("\n\n");
  }
  const lines = [`Phản ánh, kiến nghị ${input.code}: ${input.statusLabel.toLowerCase()}.`];
  if (input.toStatus === "assigned" && input.agencyName) lines.push(`Cơ quan xử lý: ${input.agencyName}.`);
  // The router's note on a PAKN left for triage is for the coordinator, not the citizen.
  if (input.note?.trim() && input.toStatus !== "classified") {
    const label = input.toStatus === "returned" ? "Nội dung cần bổ sung" : "Ghi chú";
    lines.push(`${label}: ${input.note.trim()}`);
  }
  if (input.toStatus === "returned") {
    lines.push(
      "Bạn vui lòng bấm «Gửi bổ sung» hoặc trả lời ngay bằng một tin nhắn; thời hạn giải quyết tạm dừng trong lúc chờ bạn.",
    );
  }
  if (input.toStatus === "published" && input.answer?.trim()) {
    const answer = input.answer.trim();
    lines.push(
      `Trả lời:\n${answer.length > ANSWER_EXCERPT ? `${answer.slice(0, ANSWER_EXCERPT).trimEnd()}…` : answer}`,
    );
  }
  const open = (RUNNING_STATUSES as readonly string[]).includes(input.toStatus);
  if (open && input.answerDueAt) lines.push(`Hạn trả lời dự kiến: ${formatVnDate(input.answerDueAt)}.`);
  lines.push(`Bạn có thể gõ /tracuu ${input.code} để xem toàn bộ quá trình xử lý.`);
  // The published answer ends with the satisfaction question; its buttons go under it (notify-citizen).
  if (input.toStatus === "published") lines.push(RATING_QUESTION);
  return lines.join("\n\n").slice(0, 2_000);
}
