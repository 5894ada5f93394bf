import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import type { Procedure } from "../procedure.js";
import { collectDecoded, isGzip, MAX_REPORTED_PROBLEMS, splitLines } from "./collect-procedures.js";
import { decodeProcedureLine, type ImportFormat, type ImportProblem } from "./decode-procedure-line.js";
import { loadPopularity } from "./popularity.js";

export type { ImportFormat, ImportProblem } from "./decode-procedure-line.js";

/** Procedures read from a file, and the lines that could not be used. */
export interface ReadProceduresResult {
  procedures: Procedure[];
  problems: ImportProblem[];
}

/**
 * Reads a JSON-lines procedure file (plain or gzip) in either format and returns the procedures and
 * the problems found; a broken line is reported and skipped, a broken file never throws.
 */
export function readProceduresFile(path: string, format?: ImportFormat): ReadProceduresResult {
  let buf: Buffer;
  try {
    buf = readFileSync(path);
  } catch (err) {
    return {
      procedures: [],
      problems: [{ line: 0, message: `cannot read file: ${(err as Error).message}` }],
    };
  }
  if (isGzip(buf)) {
    try {
      buf = gunzipSync(buf);
    } catch (err) {
      return {
        procedures: [],
        problems: [{ line: 0, message: `corrupt gzip data: ${(err as Error).message}` }],
      };
    }
  }
  const popularity = loadPopularity();
  const collector = collectDecoded(MAX_REPORTED_PROBLEMS);
  let n = 0;
  for (const line of splitLines(buf)) {
    n++;
    collector.add(decodeProcedureLine(line, n, format, popularity), n);
  }
  return collector.result();
}
