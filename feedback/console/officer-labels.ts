import type { PaknStatus } from "../lifecycle.js";

/** How each state is named to officers: short, and saying whose move it is. */
export const OFFICER_STATUS_LABELS: Record<PaknStatus, string> = {
  received: "Mới tiếp nhận",
  classified: "Chờ điều phối phân công",
  assigned: "Đã giao, chưa xử lý",
  in_progress: "Đang xử lý",
  transferred: "Đã chuyển cơ quan, chờ tiếp nhận",
  returned: "Chờ người dân bổ sung",
  answered: "Có dự thảo, chờ lãnh đạo duyệt",
  approved: "Đã duyệt, chờ công bố",
  published: "Đã trả lời và công khai",
  rejected: "Từ chối tiếp nhận",
  merged: "Đã gộp vào phản ánh khác",
  out_of_scope: "Không thuộc phạm vi giải quyết",
};

/** The officer-facing name of a state, falling back to the raw value for a state added later. */
export function officerStatusLabel(status: string): string {
  return (OFFICER_STATUS_LABELS as Record<string, string>)[status] ?? status;
}

/** Who did a history step, in words: an officer's name, the router, the citizen's channel. */
export function actorLabel(actor: string, officerNames: ReadonlyMap<number, string>): string {
  const [kind, rest = ""] = actor.split(":", 2);
  if (kind === "officer") {
    const name = officerNames.get(Number(rest));
    return name ? `Cán bộ ${name}` : "Cán bộ (tài khoản đã xoá)";
  }
  if (kind === "citizen") return `Người dân (qua ${channelLabel(rest)})`;
  if (actor === "system:router") return "Hệ thống phân loại tự động";
  if (kind === "system") return "Hệ thống";
  return actor;
}

/** A channel's name as officers know it (Telegram, Zalo OA, trang web …). */
export function channelLabel(channel: string): string {
  if (channel === "telegram") return "Telegram";
  if (channel === "zalo" || channel === "zalo-oa") return "Zalo OA";
  if (channel === "zalo-bot") return "Zalo";
  if (channel === "web") return "trang web";
  if (channel === "open311") return "Open311";
  return channel || "kênh không rõ";
}
