import { channelLabel } from "../../feedback/console/officer-labels.js";
import { vnDateTime } from "../../feedback/console/vn-date-time.js";
import type { UnreachableReason } from "../../lib/errors.js";

/** Why a route did not reach the citizen, in plain Vietnamese (the channel's own wording for `window_closed`). */
export const REASON_LABELS: Record<UnreachableReason, string> = {
  window_closed: "kênh chỉ cho gửi tin trong thời gian người dân còn trò chuyện",
  blocked: "người dân đã chặn tài khoản hoặc xoá cuộc trò chuyện",
  no_push: "kênh này không cho phép chủ động gửi tin",
  zns_quota: "tin nhắn ZNS: đã hết hạn mức gửi tin trong ngày",
  zns_template: "tin nhắn ZNS: mẫu tin chưa được Zalo duyệt hoặc không hợp lệ",
  zns_not_on_zalo: "tin nhắn ZNS: số điện thoại chưa dùng Zalo",
  zns_invalid_phone: "tin nhắn ZNS: số điện thoại không hợp lệ",
  zns_unavailable: "tin nhắn ZNS: dịch vụ của Zalo tạm thời gián đoạn",
  zns_refused: "tin nhắn ZNS: Zalo từ chối gửi tin",
  zns_off: "tin nhắn ZNS chưa được thiết lập cho tỉnh",
  zns_no_template: "tin nhắn ZNS: chưa có mẫu tin được duyệt cho bước này",
};

/** What a closed window means on each channel that has one. */
const WINDOW_CLOSED: Record<string, string> = {
  zalo: "Zalo: quá 7 ngày kể từ tin nhắn cuối của người dân",
  "zalo-bot": "Zalo: quá 7 ngày kể từ tin nhắn cuối của người dân",
  web: "trang web: người dân không còn mở khung trò chuyện",
};

/** Why a try failed, in words; `channel`: the route it failed on (for the window's wording). */
export function reasonLabel(reason: string | null, channel: string | null): string {
  if (!reason) return "";
  if (reason === "window_closed" && channel && WINDOW_CLOSED[channel]) return WINDOW_CLOSED[channel];
  return (REASON_LABELS as Record<string, string>)[reason] ?? `lý do khác (${reason})`;
}

/** A delivery route as officers know it: a channel's name, the ZNS message, or the citizen's next message. */
export function routeLabel(route: string): string {
  if (route === "zns") return "tin nhắn ZNS";
  if (route === "next_contact") return "khi người dân nhắn lại";
  return channelLabel(route);
}

/** How each try ended, in words. */
export const OUTCOME_LABELS: Record<string, string> = {
  requested: "đã yêu cầu, chờ gửi",
  sending: "đang gửi",
  sent: "đã gửi",
  failed: "không gửi được",
};

/** A try's outcome in words, falling back to the raw value for one added later. */
export function outcomeLabel(outcome: string): string {
  return OUTCOME_LABELS[outcome] ?? outcome;
}

/** Who made a try: the system, or the officer who asked for the resend. */
export function attemptActorLabel(actor: string, officerName: string | null): string {
  if (actor.startsWith("officer:"))
    return officerName ? `cán bộ ${officerName}` : "cán bộ (tài khoản đã xoá)";
  return "hệ thống";
}

/** An instant as "lúc 14:05 17/12/2026" (Viet Nam time), or "" for none. */
export function atTime(at: Date | null): string {
  if (!at) return "";
  const [day, time] = vnDateTime(at).split(" ");
  return ` lúc ${time} ${day}`;
}

/** What a citizen notification came to, in one sentence: sent how and when, being sent, or waiting and why. */
export function deliveryOutcome(d: {
  status: string;
  route: string | null;
  reason: string | null;
  toldAt: Date | null;
  /** The route the last failed try used (for the reason's wording). */
  failedOn: string | null;
}): string {
  const why = reasonLabel(d.reason, d.failedOn);
  const because = why ? ` — ${why}` : "";
  if (d.status === "sent") {
    if (d.route === "zns") return `Đã gửi tin ZNS tới số điện thoại${atTime(d.toldAt)}`;
    if (d.route === "next_contact") return `Đã báo khi người dân nhắn lại${atTime(d.toldAt)}`;
    if (d.route) return `Đã gửi qua ${channelLabel(d.route)}${atTime(d.toldAt)}`;
    return `Đã gửi${atTime(d.toldAt)}`;
  }
  if (d.status === "pending" || d.status === "sending") return "Đang gửi";
  if (d.status === "waiting") return `Đang chờ người dân liên hệ lại${because}`;
  if (d.status === "unreachable") return `Không báo được người dân${because}`;
  return d.status;
}
