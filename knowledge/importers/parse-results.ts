import { isNoInfo, normalizePortalText, squeeze } from "./portal-text.js";

const RESULT_CODE = /Mã\s*:\s*[A-Za-z0-9.-]*\d/;
const TRAILER = /Từ khóa[\s\S]*$/;

/** The results of one procedure and what could not be read. */
export interface ParsedResults {
  results: string[];
  problems: string[];
}

/**
 * Parses the "kết quả thực hiện" cell: result names separated by portal codes ("Mã: KQ.G01.00262"),
 * followed by a "Từ khóa…Mô tả…" trailer that is dropped.
 */
export function parseResults(value: unknown): ParsedResults {
  const text = normalizePortalText(value).trim().replace(TRAILER, "").trim();
  if (isNoInfo(text)) return { results: [], problems: [] };
  const parts = RESULT_CODE.test(text) ? text.split(new RegExp(RESULT_CODE.source, "g")) : text.split(/\n+/);
  const seen = new Set<string>();
  const results = parts
    .map((p) =>
      squeeze(p)
        .replace(/\n/g, " ")
        .replace(/^[-+•*\s]+/, "")
        .replace(/[\s;,.]+$/, ""),
    )
    .filter((p) => p && !isNoInfo(p) && !seen.has(p) && seen.add(p));
  return { results, problems: [] };
}
