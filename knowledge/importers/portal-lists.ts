import { isNoInfo, normalizePortalText, squeeze, startsUpper } from "./portal-text.js";

/**
 * Splits a portal category list ("Tổ chức (không bao gồm doanh nghiệp, HTX), Công dân Việt Nam")
 * into items: only a comma outside parentheses followed by a capitalised word separates items, so
 * "Cán bộ, công chức, viên chức" and "Thuế tỉnh, thành phố" stay whole.
 */
export function splitPortalList(value: unknown): string[] {
  const text = normalizePortalText(value).replace(/\s+/g, " ").trim();
  if (isNoInfo(text)) return [];
  const items: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "(") depth++;
    else if (ch === ")") depth = Math.max(0, depth - 1);
    else if (ch === "," && depth === 0 && startsUpper(text.slice(i + 1).trimStart())) {
      const left = text.slice(start, i);
      if (!JOINED_NAME_ENDS.some((end) => left.endsWith(end))) {
        items.push(left);
        start = i + 1;
      }
    }
  }
  items.push(text.slice(start));
  const seen = new Set<string>();
  return items
    .map((s) => s.trim().replace(/[.;]+$/, ""))
    .filter((s) => s && !isNoInfo(s) && !seen.has(s) && seen.add(s));
}

/** Name parts that the portal writes with a comma before a capital ("Bộ Văn hóa, Thể thao và Du lịch"). */
const JOINED_NAME_ENDS = ["Văn hóa", "Văn hoá", "Phòng"];

const STEP_MARK = /(?:^|\n|\s)(?=Bước\s*\d+\s*[:.)-])/i;
const STEP_PREFIX = /^Bước\s*\d+\s*[:.)-]\s*/i;

/** Splits the "trình tự thực hiện" text into steps on "Bước N:" marks, or on lines when there are none. */
export function splitSteps(value: unknown): string[] {
  const text = normalizePortalText(value).trim();
  if (isNoInfo(text)) return [];
  const parts = STEP_MARK.test(text) ? text.split(STEP_MARK) : text.split(/\n+/);
  return parts
    .map((p) => squeeze(p.replace(STEP_PREFIX, "")).replace(/\n{2,}/g, "\n"))
    .filter((p) => p && !isNoInfo(p));
}

/** Splits free text ("yêu cầu, điều kiện") into its non-empty lines, without leading bullet marks. */
export function splitLines(value: unknown): string[] {
  const text = normalizePortalText(value).trim();
  if (isNoInfo(text)) return [];
  const out: string[] = [];
  for (const raw of text.split(/\n+/)) {
    const line = squeeze(raw);
    if (!line || isNoInfo(line)) continue;
    out.push(line.replace(/^[-+•*–●▪]+\s*/, ""));
  }
  return out.filter((l) => l.length > 0);
}
