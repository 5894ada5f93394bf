import type { SubmissionChannel } from "../procedure.js";
import { cleanInline, formatMoney, isBlank } from "./clean-text.js";

/** Fee notes that only repeat "there is none". */
const EMPTY_FEE_NOTE = /^\((?:không|không có|không quy định|không thu)\.?\)$/iu;

/** True for the online channel ("Trực tuyến"). */
export function isOnlineChannel(channel: SubmissionChannel): boolean {
  return cleanInline(channel.channel).toLocaleLowerCase("vi").includes("trực tuyến");
}

/** Displays a channel name ("Trực tiếp", "Dịch vụ bưu chính", "Trực tuyến"). */
export function channelName(channel: SubmissionChannel): string {
  return cleanInline(channel.channel) || "Hình thức khác";
}

/** Formats a processing time as "15 ngày làm việc"; empty when the portal gives none. */
export function formatTime(channel: SubmissionChannel): string {
  const unit = channel.timeUnit ? cleanInline(channel.timeUnit).toLocaleLowerCase("vi") : "";
  if (channel.timeValue !== null && channel.timeValue > 0) {
    const value = String(channel.timeValue).replace(".", ",");
    // The portal sometimes omits the unit; its default unit is the day.
    return `${value} ${unit || "ngày"}`;
  }
  if (isBlank(channel.timeText)) return "";
  const text = cleanInline(channel.timeText);
  if (/^0+(?:\s|$)/u.test(text)) return "";
  return text.replace(
    /(\d)\s*(Ngày làm việc|Ngày|Giờ|Tháng|Năm|Tuần|Phút)(?![\p{L}])/gu,
    (_, d: string, u: string) => `${d} ${u.toLocaleLowerCase("vi")}`,
  );
}

/** Formats a fee the Vietnamese way ("Lệ phí: 50.000 đồng"), dropping empty notes; empty when unknown. */
export function formatFee(fee: string): string {
  if (isBlank(fee)) return "";
  let text = formatMoney(cleanInline(fee))
    .replace(/(\S)\(/gu, "$1 (")
    .replace(/\.\)/gu, ")");
  const note = text.match(/\s\([^()]*\)$/u)?.[0]?.trim();
  if (note && EMPTY_FEE_NOTE.test(note)) text = text.slice(0, text.length - note.length).trim();
  return text;
}

/** A value shared by one or more channels ("Trực tiếp, Dịch vụ bưu chính" → "15 ngày làm việc"). */
export interface ChannelGroup {
  channels: string[];
  value: string;
}

/** Groups channels that share the same formatted value, in order of first appearance; skips empty values. */
export function groupChannels(
  channels: readonly SubmissionChannel[],
  format: (channel: SubmissionChannel) => string,
): ChannelGroup[] {
  const groups: ChannelGroup[] = [];
  for (const channel of channels) {
    const value = format(channel);
    if (!value) continue;
    const name = channelName(channel);
    const group = groups.find((g) => g.value.toLocaleLowerCase("vi") === value.toLocaleLowerCase("vi"));
    if (!group) groups.push({ channels: [name], value });
    else if (!group.channels.includes(name)) group.channels.push(name);
  }
  return groups;
}

/** Renders channel groups as bullet lines: "• Trực tiếp, Dịch vụ bưu chính: 15 ngày làm việc". */
export function channelGroupLines(groups: readonly ChannelGroup[]): string[] {
  return groups.map((g) => `• ${g.channels.join(", ")}: ${g.value}`);
}

/** Summarises channel groups on one line: "Trực tiếp: 15 ngày làm việc; Trực tuyến: 10 ngày làm việc". */
export function channelGroupsInline(groups: readonly ChannelGroup[]): string {
  if (groups.length === 1 && groups[0]) return groups[0].value;
  return groups.map((g) => `${g.channels.join(", ")}: ${g.value}`).join("; ");
}
