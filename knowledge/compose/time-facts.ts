import type { Procedure } from "../procedure.js";
import { type ChannelGroup, channelName, formatTime } from "./channel-text.js";
import { cleanText, isBlank, upperFirst } from "./clean-text.js";
import { timeCues } from "./fact-phrases.js";

/** A number with a time unit ("03 ngày làm việc", "24 giờ"). */
const TIME_AMOUNT = /\d+\s*(?:ngày|giờ|tuần|tháng|phút)/iu;

/**
 * The processing time per channel: channels with the same time share a line, and a channel the
 * portal lists twice with different times (one row per case) gets both, "1 ngày làm việc hoặc
 * 3 ngày làm việc tùy trường hợp", instead of two lines with the same name.
 */
export function channelTimes(procedure: Procedure): ChannelGroup[] {
  const byChannel = new Map<string, string[]>();
  for (const channel of procedure.channels) {
    const time = formatTime(channel);
    if (!time) continue;
    const name = channelName(channel);
    const times = byChannel.get(name) ?? [];
    if (!times.some((t) => t.toLocaleLowerCase("vi") === time.toLocaleLowerCase("vi"))) times.push(time);
    byChannel.set(name, times);
  }
  const groups: ChannelGroup[] = [];
  for (const [name, times] of byChannel) {
    const value = times.length > 1 ? `${times.join(" hoặc ")} tùy trường hợp` : (times[0] ?? "");
    const group = groups.find((g) => g.value === value);
    if (group) group.channels.push(name);
    else groups.push({ channels: [name], value });
  }
  return groups;
}

/**
 * The sentences of the channel descriptions that are about time ("Không quá 05 ngày làm việc kể từ
 * …"), each once, headed by the channels that give it; how-to-submit sentences are left out.
 */
export function timeNotes(procedure: Procedure, cues: readonly string[] = timeCues()): string[] {
  const channelsOf = new Map<string, { text: string; channels: string[] }>();
  for (const channel of procedure.channels) {
    if (isBlank(channel.description)) continue;
    const sentences = cleanText(channel.description)
      .split(/\n+|(?<=[.;])\s+(?=\p{Lu}|-)/u)
      .map((s) => upperFirst(s.replace(/^[\s\-+•]+/u, "").trim()))
      .filter(Boolean);
    for (const sentence of sentences) {
      const lower = sentence.toLocaleLowerCase("vi");
      if (!TIME_AMOUNT.test(lower) && !cues.some((cue) => lower.includes(cue))) continue;
      const entry = channelsOf.get(lower) ?? { text: sentence, channels: [] };
      const name = channelName(channel);
      if (!entry.channels.includes(name)) entry.channels.push(name);
      channelsOf.set(lower, entry);
    }
  }
  const all = procedure.channels.map(channelName);
  const everyChannel = (names: string[]) => new Set(all).size === names.length;
  return [...channelsOf.values()].map(({ text, channels }) =>
    everyChannel(channels) ? `• ${text}` : `• ${channels.join(", ")}: ${text}`,
  );
}
