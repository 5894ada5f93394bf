import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { type Procedure, procedureSchema } from "../procedure.js";
import { parseDichvucongRecord } from "./dichvucong.js";
import { loadPopularity } from "./popularity.js";

/** A line of an import file that could not be used, with its 1-based number. */
export interface ImportProblem {
  line: number;
  message: string;
}

export type ImportFormat = "dichvucong" | "motcua";

/**
 * Reads a JSON-lines procedure file (plain or .gz) in either format and returns the procedures
 * and the problems found. TEMPORARY: whole-file read; a streaming reader is being written.
 */
export function readProceduresFile(
  path: string,
  format?: ImportFormat,
): { procedures: Procedure[]; problems: ImportProblem[] } {
  const buf = readFileSync(path);
  const content = (path.endsWith(".gz") ? gunzipSync(buf) : buf).toString("utf8");
  const procedures: Procedure[] = [];
  const problems: ImportProblem[] = [];
  content.split("\n").forEach((line, i) => {
    if (!line.trim()) return;
    try {
      const raw = JSON.parse(line) as Record<string, unknown>;
      const fmt = format ?? ("ma_thu_tuc" in raw ? "dichvucong" : "motcua");
      if (fmt === "dichvucong") {
        const p = parseDichvucongRecord(raw);
        p.popularity = loadPopularity().get(p.code) ?? 0;
        procedures.push(p);
      } else procedures.push(procedureSchema.parse(raw));
    } catch (err) {
      problems.push({ line: i + 1, message: (err as Error).message });
    }
  });
  return { procedures, problems };
}
