import { type Procedure, procedureSchema } from "../procedure.js";
import { orderProcedureKeys } from "./canonical.js";
import { parseDichvucongRecord } from "./dichvucong.js";

/** A line of an import file that could not be used, with its 1-based number. */
export interface ImportProblem {
  line: number;
  message: string;
}

/** The two file formats: the national portal scrape, and our own canonical JSON lines. */
export type ImportFormat = "dichvucong" | "motcua";

/** What one line of an import file gave: a procedure, a problem, or nothing (blank line). */
export type DecodedLine = { procedure: Procedure } | { problem: ImportProblem } | null;

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Decodes one line (raw bytes) of a JSON-lines procedure file, in the given format or the one the
 * record shows (`ma_thu_tuc` → dichvucong), and says precisely why a line cannot be used.
 */
export function decodeProcedureLine(
  bytes: Uint8Array,
  line: number,
  format: ImportFormat | undefined,
  popularity: ReadonlyMap<string, number>,
): DecodedLine {
  const problem = (message: string) => ({ problem: { line, message } });
  if (bytes.includes(0)) return problem("binary data (NUL byte): not a JSON-lines text file");
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return problem("invalid UTF-8 byte sequence");
  }
  text = text.replace(/^\uFEFF/, "").trim();
  if (!text) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    const preview = text.length > 40 ? `${text.slice(0, 40)}…` : text;
    return problem(`not valid JSON (${(err as Error).message}): ${preview}`);
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    return problem(
      `expected a JSON object, got ${Array.isArray(raw) ? "an array" : raw === null ? "null" : typeof raw}`,
    );
  }
  const record = raw as Record<string, unknown>;
  const fmt = format ?? ("ma_thu_tuc" in record ? "dichvucong" : "motcua");
  if (fmt === "dichvucong") {
    for (const key of ["ma_thu_tuc", "ten_thu_tuc"]) {
      const v = record[key];
      if (typeof v !== "string" || !v.trim()) return problem(`dichvucong record without "${key}"`);
    }
    try {
      const procedure = parseDichvucongRecord(record);
      procedure.popularity = popularity.get(procedure.code) ?? 0;
      return { procedure };
    } catch (err) {
      return problem(
        `dichvucong record ${String(record.ma_thu_tuc)} could not be parsed: ${(err as Error).message}`,
      );
    }
  }
  const parsed = procedureSchema.safeParse(record);
  if (!parsed.success) {
    const code = typeof record.code === "string" && record.code ? ` ${record.code}` : "";
    const issues = parsed.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.length ? i.path.join(".") : "(record)"}: ${i.message}`)
      .join("; ");
    return problem(`invalid motcua record${code}: ${issues}`);
  }
  return { procedure: orderProcedureKeys(parsed.data) };
}
