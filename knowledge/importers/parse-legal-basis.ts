import type { LegalBasis } from "../procedure.js";
import { isNoInfo, normalizePortalText, squeeze } from "./portal-text.js";

/** Header of the portal's legal-basis table, run together. */
export const LEGAL_TABLE_HEADER = "Tên văn bản pháp lýMã văn bản";

// 54/2014/QH13, 134/2016/NĐ-CP, 66.16/2026/NQ-CP, 72/2011/TTLT-BTC-BGTVT, 02/VBHN-BTC, 105/2025/NĐ- CP
const SEGMENT = "(?:TTg|(?:UBTVQH|QH)\\d{2}|[A-ZĐ]{1,14})";
const NUMBER_RE = new RegExp(
  String.raw`\d+(?:\.\d+)?(?:/\d{4})?/(?:(?:UBTVQH|QH)\d{2}|${SEGMENT}(?:[-/_]\s?${SEGMENT})+)`,
  "g",
);
/** Capitalised first words of titles written in capitals ("LUẬT HÀNG KHÔNG…"), to cut a code off them. */
const CAPITAL_TITLE_WORDS = [
  "LUẬT",
  "NGHỊ",
  "THÔNG",
  "QUYẾT",
  "QUY",
  "VĂN",
  "BỘ",
  "HƯỚNG",
  "SỬA",
  "PHÁP",
  "LỆNH",
  "CHỈ",
];

interface NumberMatch {
  start: number;
  end: number;
  number: string;
}

/** The legal documents of one procedure and what could not be read. */
export interface ParsedLegalBasis {
  legalBasis: LegalBasis[];
  problems: string[];
}

/**
 * Parses the run-together legal-basis table (title then number, e.g.
 * "Luật 54/2014/QH1354/2014/QH13Nghị định 08/2015/NĐ-CP08/2015/NĐ-CP") into title/number pairs.
 */
export function parseLegalBasis(value: unknown): ParsedLegalBasis {
  let text = normalizePortalText(value).trim();
  const problems: string[] = [];
  if (text.startsWith(LEGAL_TABLE_HEADER)) text = text.slice(LEGAL_TABLE_HEADER.length);
  else if (!isNoInfo(text)) problems.push("legal table header missing");
  if (isNoInfo(text)) return { legalBasis: [], problems: [] };
  const numbers = findNumbers(text);
  const legalBasis: LegalBasis[] = [];
  let titleStart = 0;
  for (let i = 0; i < numbers.length; i++) {
    const n = numbers[i] as NumberMatch;
    const next = numbers[i + 1];
    const title = squeeze(text.slice(titleStart, n.start)).replace(/\n/g, " ");
    const before = text[n.start - 1] ?? "";
    const after = text.slice(n.end);
    const adjacentNext = next !== undefined && next.start === n.end;
    if (!title) {
      // a title that is only a number (its code follows), or a number opening a title ("05/2013/TT-BLĐTBXH - Hướng dẫn…")
      if (adjacentNext || (/^[\s,.;:)-]/.test(after) && after.trim() !== "")) continue;
      legalBasis.push({ title: n.number, number: n.number });
      titleStart = n.end;
      continue;
    }
    const spacedBefore = /\s/.test(before);
    const inTitle = spacedBefore && (adjacentNext || /^[\s,.;:)]/.test(after)) && after.trim() !== "";
    if (inTitle) continue;
    legalBasis.push({ title: title.replace(/[\s.;,]+$/, ""), number: n.number });
    titleStart = n.end;
  }
  const tail = squeeze(text.slice(titleStart));
  const bare = /(\d+\/\d{4})$/.exec(tail);
  if (bare?.[1] && tail.length > bare[1].length) {
    legalBasis.push({ title: tail.slice(0, -bare[1].length).trim(), number: bare[1] });
  } else if (tail && !isNoInfo(tail)) {
    legalBasis.push({ title: tail, number: "" });
    problems.push(`legal document without number: "${tail.slice(0, 40)}"`);
  }
  return { legalBasis, problems };
}

/** Finds document numbers, cutting a code that ran into the next title ("TT-BCALuật", "NĐ-CPLUẬT"). */
function findNumbers(text: string): NumberMatch[] {
  const out: NumberMatch[] = [];
  for (const m of text.matchAll(NUMBER_RE)) {
    let start = m.index ?? 0;
    let raw = m[0];
    const lead = /^\d+/.exec(raw)?.[0] ?? "";
    if (lead.length >= 5 && /^(?:19|20)\d\d/.test(lead)) {
      // "năm 201102/2011/QH13": a year ran into the number
      start += 4;
      raw = raw.slice(4);
    }
    let end = start + raw.length;
    const following = text.slice(end);
    const capital = capitalTitleStart(raw, following);
    if (capital > 0) raw = raw.slice(0, capital);
    else if (/[A-ZĐ]{2}$/.test(raw) && WORD_START.test(raw.slice(-1) + following)) raw = raw.slice(0, -1);
    end = start + raw.length;
    out.push({ start, end, number: raw.replace(/([-/])\s+/g, "$1") });
  }
  return out;
}

/** A Vietnamese syllable start: a consonant onset then a vowel ("Thông", "Nghị", "Quy"). */
const WORD_START =
  /^(?:ngh|ng|nh|ch|gh|gi|kh|ph|th|tr|qu|[bcdđghklmnrstvx])[aăâeêioôơuưyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]/i;

/** Where a title written in capitals starts inside a matched code, or -1. */
function capitalTitleStart(raw: string, following: string): number {
  const dash = raw.lastIndexOf("-");
  let best = -1;
  for (const word of CAPITAL_TITLE_WORDS) {
    const prefix = /^[A-ZĐ]+/.exec(word)?.[0] ?? word;
    const i = raw.lastIndexOf(prefix);
    if (i > dash && i > 0 && (raw.slice(i) + following).startsWith(word) && (best < 0 || i < best)) best = i;
  }
  return best;
}
