import type { SubmissionChannel } from "../procedure.js";
import { isNoInfo, NO_INFO, normalizePortalText, squeeze, UPPER_CLASS } from "./portal-text.js";

/** Header of the portal's "cách thức thực hiện" table, run together. */
export const CHANNEL_TABLE_HEADER = "Hình thức nộpThời gianPhí, lệ phíMô tả";

/** Channel names the portal uses, longest first so that a longer name wins. */
export const CHANNEL_NAMES = [
  "Dịch vụ bưu chính công ích",
  "Dịch vụ bưu chính",
  "Qua bưu điện",
  "Bưu chính",
  "Trực tuyến",
  "Trực tiếp",
];

/** Time units of the portal, longest first. */
export const TIME_UNITS = ["Ngày làm việc", "Ngày", "Giờ làm việc", "Giờ", "Tuần", "Tháng", "Năm", "Phút"];

const CURRENCY = "(?:Việt Nam Đồng|VNĐ|VND|Đồng|đồng|USD|EUR)";
const AMOUNT = new RegExp(String.raw`^(\d[\d.,]*)\s?(${CURRENCY})`);
const LABELLED_FEE = new RegExp(String.raw`^((?:Lệ phí|Phí)\s*:\s*[^()]*?\d[\d.,]*\s?${CURRENCY})`);
const AMOUNT_AFTER_WORD = new RegExp(`^\\D\\d[\\d.,]*\\s?${CURRENCY}`);
const NUMBER = /^(\d+(?:[.,]\d+)?)/;
const ROW_HEAD = `(?=\\d|${NO_INFO}|Miễn phí|Lệ phí|Phí\\s*:|[${UPPER_CLASS}]|$)`;
const ROW_START = new RegExp(`(${CHANNEL_NAMES.join("|")})${ROW_HEAD}`, "g");

/** The submission channels of one procedure and what could not be read from the raw text. */
export interface ParsedChannels {
  channels: SubmissionChannel[];
  /** Human-readable reasons the text did not parse fully; empty when it did. */
  problems: string[];
}

/**
 * Parses the run-together "cách thức thực hiện" table (channel, time, fee, description per row,
 * e.g. "Trực tuyến1Miễn phíTrực tiếp15 Ngày làm việcPhí : 50.000 Đồng") into channels.
 */
export function parseChannels(value: unknown): ParsedChannels {
  let text = normalizePortalText(value).trim();
  const problems: string[] = [];
  if (text.startsWith(CHANNEL_TABLE_HEADER)) text = text.slice(CHANNEL_TABLE_HEADER.length);
  else if (!isNoInfo(text)) problems.push("channel table header missing");
  if (isNoInfo(text)) return { channels: [], problems: [] };
  const starts = [...text.matchAll(ROW_START)];
  if (starts.length === 0) return { channels: [], problems: [...problems, "no channel row found"] };
  const lead = text.slice(0, starts[0]?.index).trim();
  if (lead) problems.push(`text before the first channel: "${lead.slice(0, 40)}"`);
  const channels = starts.map((m, i) => {
    const from = (m.index ?? 0) + (m[1]?.length ?? 0);
    const to = starts[i + 1]?.index ?? text.length;
    return parseRow(m[1] ?? "", text.slice(from, to), problems);
  });
  return { channels, problems };
}

function parseRow(channel: string, row: string, problems: string[]): SubmissionChannel {
  let rest = row;
  let timeValue: number | null = null;
  let timeUnit: string | null = null;
  let timeText = "";
  let timeFound = false;
  if (rest.startsWith(NO_INFO)) {
    rest = rest.slice(NO_INFO.length);
    timeFound = true;
  } else {
    const num = NUMBER.exec(rest);
    if (num?.[1]) {
      const afterNum = rest.slice(num[1].length);
      const unit = TIME_UNITS.find((u) =>
        afterNum.replace(/^ /, "").toLowerCase().startsWith(u.toLowerCase()),
      );
      if (unit) {
        const spaced = afterNum.startsWith(" ") ? 1 : 0;
        timeUnit = afterNum.slice(spaced, spaced + unit.length);
        timeValue = toNumber(num[1]);
        rest = afterNum.slice(spaced + unit.length);
        timeFound = true;
      } else {
        const split = splitUnitlessTime(rest);
        if (split) {
          timeValue = split.value;
          rest = split.rest;
          timeFound = true;
        }
      }
      if (timeValue !== null)
        timeText = timeUnit ? `${formatNumber(timeValue)} ${timeUnit}` : formatNumber(timeValue);
    }
  }
  if (!timeFound) {
    const free = freeTextTime(rest);
    if (free) {
      timeText = squeeze(free);
      rest = rest.slice(free.length);
      timeFound = true;
    }
  }
  const fee = readFee(rest);
  rest = fee.rest;
  if (!timeFound) problems.push(`${channel}: time not found in "${row.slice(0, 40)}"`);
  if (!fee.found) problems.push(`${channel}: fee not found in "${row.slice(0, 40)}"`);
  if (fee.unbalanced) problems.push(`${channel}: fee note not closed`);
  return { channel, timeValue, timeUnit, timeText, fee: fee.text, description: squeeze(rest) };
}

/**
 * Splits a number that has no unit from what follows: "1Miễn phí" → 1, and "120 VNĐ(20.000 vnđ …)"
 * → 1 then "20 VNĐ" (time and amount digits run together; the fee note, when it repeats the
 * amount, tells where to cut, otherwise the time is the first digit).
 */
function splitUnitlessTime(rest: string): { value: number; rest: string } | null {
  const num = NUMBER.exec(rest)?.[1] ?? "";
  const after = rest.slice(num.length);
  if (!AMOUNT.test(rest)) {
    return after === "" || readFee(after).found ? { value: toNumber(num), rest: after } : null;
  }
  const digits = /^\d[\d.,]*/.exec(rest)?.[0] ?? "";
  const note = rest.slice(digits.length).match(/\((.*)/s)?.[1] ?? "";
  const noteDigits = (note.match(/\d[\d.]*/g) ?? []).map((d) => d.replace(/\./g, ""));
  for (let cut = 1; cut < Math.min(digits.length, 4); cut++) {
    const amount = digits.slice(cut).replace(/,/g, "");
    if (!/^\d/.test(amount) || /[.,]/.test(digits.slice(0, cut))) continue;
    // The note repeats the amount in full ("100 VNĐ (… 100.000 đồng …)"): the same digits, maybe
    // with the thousands the cell dropped; a mere shared first digit ("5" and "50") is no evidence.
    const repeated = (n: string) => n === amount || n === `${amount}000` || n === `${amount}000000`;
    if (amount !== "0" && noteDigits.some(repeated)) {
      return { value: Number(digits.slice(0, cut)), rest: rest.slice(cut) };
    }
  }
  return { value: Number(digits.slice(0, 1)), rest: rest.slice(1) };
}

/** A time the portal gives in words ("Không phải trả kết quả…"): the text before the first fee mark. */
function freeTextTime(row: string): string {
  for (let i = 1; i < Math.min(row.length, 200); i++) {
    const at = row.slice(i);
    if (
      at.startsWith("Miễn phí") ||
      at.startsWith(NO_INFO) ||
      LABELLED_FEE.test(at) ||
      AMOUNT_AFTER_WORD.test(row.slice(i - 1))
    ) {
      return row.slice(0, i);
    }
  }
  return "";
}

/** Reads one or more fee entries (each with its optional parenthesised note) from the start of a row. */
function readFee(text: string): { text: string; rest: string; found: boolean; unbalanced: boolean } {
  const entries: string[] = [];
  let rest = text;
  let unbalanced = false;
  for (;;) {
    let entry = "";
    if (rest.startsWith("Miễn phí")) entry = "Miễn phí";
    else if (entries.length === 0 && rest.startsWith(NO_INFO)) entry = NO_INFO;
    else entry = LABELLED_FEE.exec(rest)?.[1] ?? AMOUNT.exec(rest)?.[0] ?? "";
    if (!entry) break;
    rest = rest.slice(entry.length);
    const note = readParenthesised(rest.trimStart());
    if (note) {
      rest = rest.trimStart().slice(note.length);
      unbalanced ||= !note.endsWith(")");
    }
    // The portal sometimes doubles the brackets of a note ("Miễn phí((…))"): keep one pair.
    const cleanNote = note.replace(/^\(\s*\(([\s\S]*)\)\s*\)$/, "($1)");
    entries.push(entry === NO_INFO ? "" : cleanNote ? `${entry} ${cleanNote}` : entry);
    const next = rest.replace(/^[\s,;+-]+/, "");
    if (!(next.startsWith("Miễn phí") || LABELLED_FEE.test(next) || AMOUNT.test(next))) break;
    rest = next;
  }
  const found = entries.length > 0;
  return { text: squeeze(entries.filter(Boolean).join("; ")), rest, found, unbalanced };
}

/**
 * Returns the balanced "(…)" group at the start of the text, or "" when there is none; a group the
 * portal never closed ends at the last ")" (or at the end of the text when there is none).
 */
function readParenthesised(text: string): string {
  if (!text.startsWith("(")) return "";
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "(") depth++;
    else if (text[i] === ")" && --depth === 0) return text.slice(0, i + 1);
  }
  const last = text.lastIndexOf(")");
  return last > 0 ? text.slice(0, last + 1) : text;
}

function toNumber(s: string): number {
  return Number(s.replace(",", "."));
}

function formatNumber(n: number): string {
  return String(n).replace(".", ",");
}
