import type { Procedure, SubmissionChannel } from "../procedure.js";
import {
  channelGroupLines,
  channelGroupsInline,
  channelName,
  formatTime,
  groupChannels,
  isOnlineChannel,
} from "./channel-text.js";
import { cleanInline, cleanText, isBlank } from "./clean-text.js";
import { readFeeText } from "./fee-facts.js";
import { agencyText, inPersonPlaces, onlineRoute, placeByLevel } from "./place-facts.js";
import type { SectionDraft, SectionLine } from "./section.js";
import { channelTimes, timeNotes } from "./time-facts.js";

export { agencyText } from "./place-facts.js";

const plain = (texts: string[]): SectionLine[] => texts.map((text) => ({ text }));

/** The fee of one channel as the citizen should read it ("Có thu phí, lệ phí: …" when a note charges). */
export const channelFee = (channel: SubmissionChannel): string => readFeeText(channel.fee).text;

/**
 * Drafts the fee section, one line per group of channels with the same fee, each line headed by
 * what is really charged; null when unknown.
 */
export function draftFee(procedure: Procedure, title: string): SectionDraft | null {
  const groups = groupChannels(procedure.channels, channelFee);
  if (groups.length === 0) return null;
  return { title, lines: plain(channelGroupLines(groups)), unit: "mục" };
}

/**
 * Drafts the processing-time section: one line per group of channels with the same time (a channel
 * with several times says so), then the time sentences of the channel descriptions; null when unknown.
 */
export function draftTime(procedure: Procedure, title: string): SectionDraft | null {
  const groups = channelTimes(procedure);
  const notes = timeNotes(procedure);
  if (groups.length === 0 && notes.length === 0) return null;
  const lines = plain(channelGroupLines(groups));
  if (notes.length > 0) lines.push({ text: "Ghi chú:" }, ...notes.map((text) => ({ text, item: true })));
  return { title, lines, unit: "ghi chú" };
}

/** True when the answer can say where to submit: an agency, an address, a level or a channel. */
export function hasPlace(procedure: Procedure): boolean {
  return draftPlace(procedure, "") !== null;
}

/**
 * Drafts the "Nơi nộp" section: agencies, authority and address as the portal gives them; when it
 * names none, the usual place for the procedure's level, said as such; the online route (portal
 * link, VNeID where the record mentions it); the level and channels; null when nothing is known.
 */
export function draftPlace(procedure: Procedure, title: string): SectionDraft | null {
  const lines: string[] = [];
  const agencies = agencyText(procedure);
  if (agencies) lines.push(`• Cơ quan thực hiện: ${agencies}`);
  const authority = cleanInline(procedure.authority);
  if (!isBlank(authority) && authority !== agencies) lines.push(`• Cơ quan có thẩm quyền: ${authority}`);
  const address = isBlank(procedure.address) ? "" : cleanText(procedure.address);
  const same = (a: string, b: string) =>
    a.replace(/[\s.]+$/u, "").toLocaleLowerCase("vi") === b.replace(/[\s.]+$/u, "").toLocaleLowerCase("vi");
  if (address && !same(address, agencies)) lines.push(`• Địa chỉ tiếp nhận: ${address}`);
  const levels = procedure.levels.map(cleanInline).filter((l) => !isBlank(l));
  const named = inPersonPlaces(procedure).filter((p) => !same(p, agencies) && !same(p, address));
  if (named.length > 0) lines.push(`• Nộp trực tiếp tại: ${named.slice(0, 2).join("; ")}`);
  else if (!agencies && !address) {
    const usual = placeByLevel(procedure);
    if (usual) {
      lines.push(
        `• Nộp trực tiếp tại: ${usual} (Cổng Dịch vụ công chưa ghi rõ nơi nộp; đây là nơi nhận hồ sơ thông thường của thủ tục ${levels.join(", ").toLocaleLowerCase("vi")}).`,
      );
    }
  }
  const online = onlineRoute(procedure);
  if (online) lines.push(`• Nộp trực tuyến: ${online}`);
  if (lines.length === 0 && levels.length === 0 && procedure.channels.length === 0) return null;
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
  const online = procedure.channels.filter(isOnlineChannel);
  const lines: string[] = [];
  if (online.length > 0) {
    lines.push("Có. Thủ tục này nhận hồ sơ trực tuyến.");
    const time = channelGroupsInline(groupChannels(online, formatTime));
    if (time) lines.push(`• Thời gian: ${time}`);
    const fee = channelGroupsInline(groupChannels(online, channelFee));
    if (fee) lines.push(`• Lệ phí: ${fee}`);
    lines.push(`Bạn nộp hồ sơ trên ${onlineRoute(procedure)}`);
  } else {
    const others = [...new Set(procedure.channels.map(channelName))].join(", ");
    lines.push(
      `Theo Cổng Dịch vụ công, thủ tục này hiện chưa nhận hồ sơ trực tuyến. Bạn có thể nộp: ${others}.`,
    );
  }
  return { title, lines: plain(lines), unit: "mục" };
}
