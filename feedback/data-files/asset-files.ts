import { BUNDLED_SYNONYMS_FILE, compileSynonyms, parseSynonyms } from "../../knowledge/synonyms.js";
import { BUNDLED_HOLIDAYS_FILE, HolidaysFileError, parseHolidaysFile } from "../holidays-file.js";
import {
  type AgencyDirectory,
  BUNDLED_AGENCIES_FILE,
  createAgencyDirectory,
  parseAgencies,
} from "../routing/agencies.js";
import { BUNDLED_ROUTING_RULES_FILE, parseRoutingRules } from "../routing/routing-rules.js";

/** The data files an admin may edit in the console; each overrides the bundled file of the same name. */
export const ASSET_NAMES = ["agencies.tsv", "routing-rules.tsv", "holidays-vn.json", "synonyms.tsv"] as const;
export type AssetName = (typeof ASSET_NAMES)[number];

/** Narrows a string (a URL segment) to an editable data file name. */
export function isAssetName(name: string): name is AssetName {
  return (ASSET_NAMES as readonly string[]).includes(name);
}

/** Where each bundled file lives, and what it is for (shown to the admin). */
export const ASSET_FILES: Record<AssetName, { path: string; title: string }> = {
  "agencies.tsv": { path: BUNDLED_AGENCIES_FILE, title: "Danh mục cơ quan tiếp nhận" },
  "routing-rules.tsv": { path: BUNDLED_ROUTING_RULES_FILE, title: "Từ khoá chuyển phản ánh đến cơ quan" },
  "holidays-vn.json": { path: BUNDLED_HOLIDAYS_FILE, title: "Lịch ngày nghỉ, ngày làm bù" },
  "synonyms.tsv": { path: BUNDLED_SYNONYMS_FILE, title: "Từ đồng nghĩa khi tìm thủ tục" },
};

/** One problem in an edited file, with its 1-based line number (0 when it is about the whole file). */
export interface AssetProblem {
  line: number;
  message: string;
}

/** What checking an edited file found: its problems (none means it may be saved) and a short summary. */
export interface AssetCheck {
  problems: AssetProblem[];
  summary: string;
}

const dataLines = (content: string) =>
  content
    .split(/\r?\n/)
    .map((text, i) => ({ text, line: i + 1 }))
    .filter((l) => l.text.trim() && !l.text.trimStart().startsWith("#"));

const LEVELS = new Set(["tinh", "xa", "nganh-doc"]);

function checkAgencies(content: string): AssetCheck {
  const problems: AssetProblem[] = [];
  const seen = new Map<string, number>();
  for (const { text, line } of dataLines(content)) {
    const [id = "", , , level = ""] = text.split("\t").map((c) => c.trim());
    // The real parser decides; the checks below only say why it refused a line.
    if (parseAgencies(text).length !== 1) {
      if (!text.includes("\t"))
        problems.push({ line, message: "thiếu dấu Tab giữa các cột (mã<TAB>tên<TAB>bí danh<TAB>cấp)" });
      else if (!/^[a-z0-9-]+$/.test(id))
        problems.push({ line, message: `mã "${id}" chỉ được gồm chữ thường không dấu, số và dấu -` });
      else problems.push({ line, message: "thiếu tên cơ quan" });
      continue;
    }
    if (seen.has(id)) problems.push({ line, message: `mã "${id}" đã có ở dòng ${seen.get(id)}` });
    else seen.set(id, line);
    if (level && !LEVELS.has(level))
      problems.push({ line, message: `cấp "${level}" không hợp lệ (tinh, xa hoặc nganh-doc)` });
  }
  const count = parseAgencies(content).length;
  if (count === 0) problems.push({ line: 0, message: "tệp không có cơ quan nào" });
  return { problems, summary: `${count} cơ quan` };
}

function checkRoutingRules(content: string, agencies: AgencyDirectory): AssetCheck {
  const problems: AssetProblem[] = [];
  for (const { text, line } of dataLines(content)) {
    if (parseRoutingRules(text, agencies).length === 1) continue;
    const [left = "", agency = "", field = ""] = text.split("\t").map((c) => c.trim());
    if (!text.includes("\t"))
      problems.push({
        line,
        message: "thiếu dấu Tab giữa các cột (từ khoá | từ khoá<TAB>cơ quan<TAB>lĩnh vực)",
      });
    else if (!left.split("|").some((k) => k.trim())) problems.push({ line, message: "thiếu từ khoá" });
    else if (!agency || !agencies.resolve(agency))
      problems.push({ line, message: `không có cơ quan "${agency}" trong danh mục cơ quan` });
    else if (!field) problems.push({ line, message: "thiếu lĩnh vực" });
    else problems.push({ line, message: "dòng không hợp lệ" });
  }
  const count = parseRoutingRules(content, agencies).length;
  if (count === 0) problems.push({ line: 0, message: "tệp không có quy tắc nào" });
  return { problems, summary: `${count} quy tắc` };
}

function checkSynonyms(content: string): AssetCheck {
  const problems: AssetProblem[] = [];
  for (const { text, line } of dataLines(content)) {
    const rows = parseSynonyms(text);
    const [row] = rows;
    // A "~gap" row lists words that may sit inside phrases; it adds no phrase of its own.
    if (rows.length === 1 && (row?.gap ? row.phrases.length > 0 : compileSynonyms(rows).size > 0)) continue;
    if (!text.includes("\t"))
      problems.push({
        line,
        message: "thiếu dấu Tab giữa cụm từ và từ chính thức (cụm từ | cụm từ<TAB>từ chính thức)",
      });
    else problems.push({ line, message: "thiếu cụm từ hoặc từ chính thức" });
  }
  const size = compileSynonyms(parseSynonyms(content)).size;
  if (size === 0) problems.push({ line: 0, message: "tệp không có quy tắc nào" });
  return { problems, summary: `${size} cụm từ` };
}

/** The line of a JSON syntax error, from V8's "at position N" (0 when it does not say). */
function jsonErrorLine(content: string, message: string): number {
  const lineCol = /line (\d+) column \d+/.exec(message);
  if (lineCol) return Number(lineCol[1]);
  const position = /position (\d+)/.exec(message);
  if (!position) return 0;
  return content.slice(0, Number(position[1])).split("\n").length;
}

/** The line where a date or year of a problem first appears in the file, to point the admin at it. */
function lineOf(content: string, problem: string): number {
  const token = /\d{4}-\d{2}-\d{2}/.exec(problem)?.[0] ?? /year (\d{4})/.exec(problem)?.[1];
  if (!token) return 0;
  const index = content.indexOf(token);
  return index < 0 ? 0 : content.slice(0, index).split("\n").length;
}

function checkHolidays(content: string): AssetCheck {
  try {
    JSON.parse(content);
  } catch (err) {
    const message = (err as Error).message;
    return {
      problems: [{ line: jsonErrorLine(content, message), message: `không phải JSON hợp lệ: ${message}` }],
      summary: "",
    };
  }
  try {
    const data = parseHolidaysFile(content, "holidays-vn.json");
    const days = data.years.reduce((n, y) => n + y.daysOff.length, 0);
    return { problems: [], summary: `${data.years.length} năm, ${days} ngày nghỉ` };
  } catch (err) {
    if (!(err instanceof HolidaysFileError)) throw err;
    return { problems: err.problems.map((p) => ({ line: lineOf(content, p), message: p })), summary: "" };
  }
}

/**
 * Checks an edited data file with the parser that will read it (routing rules against the
 * agency directory in force); a file with any problem must not be saved.
 */
export function checkAssetContent(name: AssetName, content: string, agencies: AgencyDirectory): AssetCheck {
  switch (name) {
    case "agencies.tsv":
      return checkAgencies(content);
    case "routing-rules.tsv":
      return checkRoutingRules(content, agencies);
    case "synonyms.tsv":
      return checkSynonyms(content);
    case "holidays-vn.json":
      return checkHolidays(content);
  }
}

/** The agency directory a file's text describes. */
export function agencyDirectoryOf(content: string): AgencyDirectory {
  return createAgencyDirectory(parseAgencies(content));
}
