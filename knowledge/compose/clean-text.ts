/** Portal filler meaning "nothing here". */
const NO_INFO = /^(?:không có thông tin|chưa có thông tin|không có dữ liệu)[.;]?$/iu;

/** Leading list markers the portal puts before items ("- ", "+ ", "• "). */
const LEADING_BULLET = /^(?:[-+•*–—]\s*)+/u;

/** True when a portal value carries no information (empty or "Không có thông tin"). */
export function isBlank(value: string | null | undefined): boolean {
  if (!value) return true;
  const t = cleanInline(value);
  return t === "" || NO_INFO.test(t);
}

/** Fixes spacing and duplicated punctuation inside one line. */
function tidyLine(line: string): string {
  return line
    .replace(/[ \t\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+/gu, " ")
    .trim()
    .replace(/\s+([,.;:!?])/gu, "$1")
    .replace(/([,;:!?])\1+/gu, "$1")
    .replace(/(?<!\.)\.\.(?!\.)/gu, ".")
    .replace(/[,;:]+\./gu, ".")
    .replace(/\(\s+/gu, "(")
    .replace(/\s+\)/gu, ")");
}

function normalizeBase(value: string): string {
  return value
    .normalize("NFC")
    .replace(/\r\n?/gu, "\n")
    .replace(/[\u200b-\u200d\ufeff]/gu, "");
}

/**
 * Cleans multi-line portal text: collapses whitespace, drops "Không có thông tin" lines, fixes
 * duplicated punctuation and keeps at most one blank line between paragraphs.
 */
export function cleanText(value: string): string {
  const lines = normalizeBase(value)
    .split("\n")
    .map(tidyLine)
    .filter((l) => !NO_INFO.test(l));
  return lines
    .join("\n")
    .replace(/\n{3,}/gu, "\n\n")
    .trim();
}

/** Cleans portal text into a single line. */
export function cleanInline(value: string): string {
  return tidyLine(normalizeBase(value).replace(/\s*\n\s*/gu, " "));
}

/** Cleans one list entry: a single line without the portal's leading bullet or trailing separator. */
export function cleanItem(value: string): string {
  return cleanInline(value)
    .replace(LEADING_BULLET, "")
    .replace(/[\s,;]+$/u, "")
    .trim();
}

/** Cleans a procedure name for display: one line, no trailing full stop. */
export function cleanName(value: string): string {
  return cleanInline(value).replace(/[\s.,;:]+$/u, "");
}

/** Cleans a list of portal values, dropping blanks and exact duplicates while keeping order. */
export function cleanItems(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const v of values) {
    const item = cleanItem(v);
    if (!item || NO_INFO.test(item)) continue;
    const key = item.toLocaleLowerCase("vi");
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(item);
  }
  return out;
}

/** Makes a money amount read the Vietnamese way: "50,000 Việt Nam Đồng" → "50.000 đồng". */
export function formatMoney(value: string): string {
  return value
    .replace(/(\d{1,3}(?:,\d{3})+)(?=\s*(?:Việt Nam Đồng|VNĐ|VND|đồng|Đồng))/gu, (m) =>
      m.replaceAll(",", "."),
    )
    .replace(/\s*(?:Việt Nam Đồng|VNĐ|VND)(?![\p{L}])/gu, " đồng")
    .replace(/(\d)\s*Đồng(?![\p{L}])/gu, "$1 đồng");
}

/** Capitalises the first letter (Vietnamese-aware). */
export function upperFirst(value: string): string {
  const first = value.charAt(0);
  return first ? first.toLocaleUpperCase("vi") + value.slice(1) : value;
}

/** Lower-cases the first letter (Vietnamese-aware). */
export function lowerFirst(value: string): string {
  const first = value.charAt(0);
  return first ? first.toLocaleLowerCase("vi") + value.slice(1) : value;
}
