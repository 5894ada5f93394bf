import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { isGzip, splitLines } from "./collect-procedures.js";
import { parseDichvucongRecordWithProblems } from "./dichvucong.js";
import { normalizePortalText } from "./portal-text.js";

/** Whether one portal record parsed fully, and if not, why. */
export interface RecordQuality {
  code: string;
  full: boolean;
  problems: string[];
}

/** Counts of fully and partly parsed records over a file, with the most frequent problems. */
export interface QualitySummary {
  records: number;
  fullyParsed: number;
  /** fullyParsed ÷ records, 0 when there are none. */
  rate: number;
  /** Problem kinds (the text before the first quote) with their counts, most frequent first. */
  problemKinds: { kind: string; count: number }[];
  /** Codes of the records that did not parse fully, in file order. */
  partial: RecordQuality[];
}

/**
 * Checks how completely one portal record parsed: every channel has a time (or an explicit
 * "no information") and a fee, the document, legal-basis and result sections gave items when their
 * raw text was not empty, every legal document has a number, and nothing was left unread.
 */
export function checkRecordQuality(raw: Record<string, unknown>): RecordQuality {
  const { procedure, problems } = parseDichvucongRecordWithProblems(raw);
  const found = [...problems];
  const present = (key: string) => {
    const t = normalizePortalText(raw[key]).trim();
    return t !== "" && t !== "--" && !/^Không có thông tin\.?$/.test(t);
  };
  if (present("cach_thuc_thuc_hien") && procedure.channels.length === 0) found.push("channels: none parsed");
  if (present("thanh_phan_ho_so") && procedure.documents.length === 0) found.push("documents: none parsed");
  const legalSpilled = normalizePortalText(raw.can_cu_phap_ly).trim().startsWith(":");
  if (present("can_cu_phap_ly") && !legalSpilled && procedure.legalBasis.length === 0) {
    found.push("legal basis: none parsed");
  }
  if (present("ket_qua_xu_ly") && procedure.results.length === 0) found.push("results: none parsed");
  if (present("trinh_tu_thuc_hien") && procedure.steps.length === 0) found.push("steps: none parsed");
  for (const d of procedure.documents) {
    if (/\.(docx?|pdf|xlsx?)$/i.test(d.name)) found.push("documents: form file left in a name");
  }
  const problemsUnique = [...new Set(found)];
  return { code: procedure.code, full: problemsUnique.length === 0, problems: problemsUnique };
}

/** Summarises the parse quality of many portal records (e.g. a whole scrape file). */
export function summarizeQuality(records: Iterable<Record<string, unknown>>): QualitySummary {
  let count = 0;
  let full = 0;
  const kinds = new Map<string, number>();
  const partial: RecordQuality[] = [];
  for (const raw of records) {
    count++;
    const q = checkRecordQuality(raw);
    if (q.full) {
      full++;
      continue;
    }
    partial.push(q);
    for (const p of q.problems) {
      const kind = p.split('"')[0]?.trim() ?? p;
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    }
  }
  const problemKinds = [...kinds.entries()]
    .map(([kind, n]) => ({ kind, count: n }))
    .sort((a, b) => b.count - a.count || a.kind.localeCompare(b.kind));
  return { records: count, fullyParsed: full, rate: count ? full / count : 0, problemKinds, partial };
}

/** Summarises the parse quality of a portal scrape file (JSON lines, plain or gzip); unreadable lines are skipped. */
export function summarizeQualityFile(path: string): QualitySummary {
  let buf = readFileSync(path);
  if (isGzip(buf)) buf = gunzipSync(buf);
  const records = function* () {
    for (const line of splitLines(buf)) {
      try {
        const raw: unknown = JSON.parse(line.toString("utf8"));
        if (raw && typeof raw === "object" && !Array.isArray(raw)) yield raw as Record<string, unknown>;
      } catch {
        // not a record: the importer reports such lines; quality only covers records
      }
    }
  };
  return summarizeQuality(records());
}
