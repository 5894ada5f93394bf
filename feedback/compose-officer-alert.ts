import { scrubText } from "../lib/log-text.js";
import { kindLabel, statusLabel } from "./status-labels.js";
import { formatVnDate } from "./vn-date.js";

/** Why officers are alerted: a new assignment, a triage, a citizen's supplement, a reminder point, an overdue escalation. */
export type OfficerAlertKind =
  | "assigned"
  | "triage"
  | "supplemented"
  | "transferred"
  | "half"
  | "eighty"
  | "due"
  | "overdue"
  | "escalation";

/** What an officer alert says about a PAKN: never the sender's name, phone or address. */
export interface OfficerAlertInput {
  alert: OfficerAlertKind;
  code: string;
  kind: string;
  content: string;
  status: string;
  agencyName?: string | null;
  answerDueAt: Date;
  /** Set when the agency has no chat of its own and the coordinator is told instead. */
  forAgencyWithoutChat?: boolean;
  /** Why it was transferred (the officer's reason). */
  reason?: string | null;
}

/** Longest content excerpt in an alert; officers read the rest in the console. */
const EXCERPT = 300;

const HEADLINES: Record<OfficerAlertKind, string> = {
  assigned: "PAKN mới được giao cho đơn vị xử lý.",
  triage: "PAKN mới cần điều phối viên phân công cơ quan xử lý (hệ thống chưa đủ căn cứ để tự phân loại).",
  transferred: "PAKN được chuyển đến để xử lý; đề nghị tiếp nhận trên trang cán bộ.",
  supplemented:
    "Người dân đã bổ sung thông tin theo yêu cầu; PAKN trở lại đơn vị xử lý, thời hạn được tính tiếp.",
  half: "Nhắc hạn: PAKN đã dùng một nửa thời hạn trả lời.",
  eighty: "Nhắc hạn: PAKN đã dùng 80% thời hạn trả lời.",
  due: "Đến hạn: hôm nay là hạn cuối trả lời PAKN.",
  overdue: "Quá hạn: PAKN đã quá hạn trả lời, đề nghị xử lý ngay.",
  escalation: "Cảnh báo quá hạn: PAKN đã quá hạn trả lời, chuyển điều phối viên theo dõi, đôn đốc.",
};

/** States as officers see them (the citizen-facing label of `returned` speaks to the citizen). */
function officerStatus(status: string): string {
  return status === "returned" ? "Chờ người dân bổ sung thông tin" : statusLabel(status);
}

/** The content in one short paragraph, phone and ID numbers masked (they may be typed in the content). */
export function contentExcerpt(content: string): string {
  const flat = scrubText(content).replace(/\s+/g, " ").trim();
  return flat.length > EXCERPT ? `${flat.slice(0, EXCERPT).trimEnd()}…` : flat;
}

/**
 * The message the agency's officers or the coordinator get in their Telegram chat: what happened,
 * then code, kind, agency, status, answer due date and a content excerpt, in Vietnamese.
 */
export function composeOfficerAlert(input: OfficerAlertInput): string {
  const lines = [HEADLINES[input.alert]];
  if (input.forAgencyWithoutChat)
    lines.push("(Cơ quan này chưa có nhóm Telegram nhận thông báo; gửi điều phối viên để chuyển tiếp.)");
  lines.push(`Mã: ${input.code}`, `Loại: ${kindLabel(input.kind)}`);
  if (input.agencyName) lines.push(`Cơ quan xử lý: ${input.agencyName}`);
  lines.push(
    `Trạng thái: ${officerStatus(input.status)}`,
    `Hạn trả lời: ${formatVnDate(input.answerDueAt)}`,
    `Nội dung: ${contentExcerpt(input.content)}`,
  );
  if (input.reason?.trim()) lines.push(`Lý do chuyển: ${contentExcerpt(input.reason)}`);
  return lines.join("\n").slice(0, 2_000);
}
