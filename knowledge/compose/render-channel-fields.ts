import type { Procedure } from "../procedure.js";
import {
  channelGroupLines,
  channelGroupsInline,
  channelName,
  formatFee,
  formatTime,
  groupChannels,
  isOnlineChannel,
} from "./channel-text.js";
import { cleanInline, cleanText, isBlank } from "./clean-text.js";
import type { SectionDraft, SectionLine } from "./section.js";

const plain = (texts: string[]): SectionLine[] => texts.map((text) => ({ text }));

/** Drafts the fee section, one line per group of channels with the same fee; null when unknown. */
export function draftFee(procedure: Procedure, title: string): SectionDraft | null {
  const groups = groupChannels(procedure.channels, (c) => formatFee(c.fee));
  if (groups.length === 0) return null;
  return { title, lines: plain(channelGroupLines(groups)), unit: "mục" };
}

/** The channel descriptions (portal "Mô tả"), cleaned and de-duplicated, prefixed by channel name. */
function channelNotes(procedure: Procedure): string[] {
  const seen = new Set<string>();
  const notes: string[] = [];
  for (const channel of procedure.channels) {
    if (isBlank(channel.description)) continue;
    const text = cleanText(channel.description).replace(/\n+/gu, "\n");
    const key = text.toLocaleLowerCase("vi");
    if (seen.has(key)) continue;
    seen.add(key);
    notes.push(`• ${channelName(channel)}: ${text}`);
  }
  return notes;
}

/** Drafts the processing-time section, merging channels with the same time; null when unknown. */
export function draftTime(procedure: Procedure, title: string): SectionDraft | null {
  const groups = groupChannels(procedure.channels, formatTime);
  const notes = channelNotes(procedure);
  if (groups.length === 0 && notes.length === 0) return null;
  const lines = plain(channelGroupLines(groups));
  if (notes.length > 0) lines.push({ text: "Ghi chú:" }, ...notes.map((text) => ({ text, item: true })));
  return { title, lines, unit: "ghi chú" };
}

/** The executing agencies, or the competent authority when none is listed. */
export function agencyText(procedure: Procedure): string {
  const agencies = procedure.agencies.map(cleanInline).filter((a) => !isBlank(a));
  if (agencies.length > 0) return agencies.join("; ");
  return isBlank(procedure.authority) ? "" : cleanInline(procedure.authority);
}

/** True when the procedure says where to submit (agency, authority or address). */
export function hasPlace(procedure: Procedure): boolean {
  return agencyText(procedure) !== "" || !isBlank(procedure.address);
}

/** Drafts the "Nơi nộp" section: agencies, authority, address, level and channels; null when unknown. */
export function draftPlace(procedure: Procedure, title: string): SectionDraft | null {
  if (!hasPlace(procedure)) return null;
  const lines: string[] = [];
  const agencies = agencyText(procedure);
  if (agencies) lines.push(`• Cơ quan thực hiện: ${agencies}`);
  const authority = cleanInline(procedure.authority);
  if (!isBlank(authority) && authority !== agencies) lines.push(`• Cơ quan có thẩm quyền: ${authority}`);
  if (!isBlank(procedure.address)) lines.push(`• Địa chỉ tiếp nhận: ${cleanText(procedure.address)}`);
  const levels = procedure.levels.map(cleanInline).filter((l) => !isBlank(l));
  if (levels.length > 0) lines.push(`• Cấp thực hiện: ${levels.join(", ")}`);
  const channels = [...new Set(procedure.channels.map(channelName))];
  if (channels.length > 0) lines.push(`• Hình thức nộp: ${channels.join(", ")}`);
  return { title, lines: plain(lines), unit: "mục" };
}

/** True when the procedure can be submitted online. */
export function isOnline(procedure: Procedure): boolean {
  return procedure.channels.some(isOnlineChannel);
}

/**
 * Drafts the "Nộp trực tuyến" section: whether "Trực tuyến" is a channel, what it costs and takes,
 * and the portal link; null when the portal lists no channel at all.
 */
export function draftOnline(procedure: Procedure, title: string): SectionDraft | null {
  if (procedure.channels.length === 0) return null;
  const url = cleanInline(procedure.portalUrl);
  const online = procedure.channels.filter(isOnlineChannel);
  const lines: string[] = [];
  if (online.length > 0) {
    lines.push("Có. Thủ tục này nhận hồ sơ trực tuyến.");
    const time = channelGroupsInline(groupChannels(online, formatTime));
    if (time) lines.push(`• Thời gian: ${time}`);
    const fee = channelGroupsInline(groupChannels(online, (c) => formatFee(c.fee)));
    if (fee) lines.push(`• Lệ phí: ${fee}`);
    if (url) lines.push(`Bạn nộp hồ sơ trên Cổng Dịch vụ công quốc gia: ${url}`);
  } else {
    const others = [...new Set(procedure.channels.map(channelName))].join(", ");
    lines.push(
      `Theo Cổng Dịch vụ công, thủ tục này hiện chưa nhận hồ sơ trực tuyến. Bạn có thể nộp: ${others}.`,
    );
  }
  return { title, lines: plain(lines), unit: "mục" };
}
