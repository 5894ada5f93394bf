import type { Procedure } from "../procedure.js";
import type { DecodedLine, ImportProblem } from "./decode-procedure-line.js";

/** Problems listed one by one before the rest are only counted (a binary file has millions). */
export const MAX_REPORTED_PROBLEMS = 200;

/** Whether the bytes start with the gzip magic number (so ".gz" naming is not required). */
export function isGzip(buf: Uint8Array): boolean {
  return buf.length >= 2 && buf[0] === 0x1f && buf[1] === 0x8b;
}

/** Splits a buffer into its lines (without "\n" or "\r"), keeping bytes so UTF-8 can be checked. */
export function* splitLines(buf: Buffer): Generator<Buffer> {
  let start = 0;
  while (start < buf.length) {
    let end = buf.indexOf(0x0a, start);
    if (end < 0) end = buf.length;
    const stop = end > start && buf[end - 1] === 0x0d ? end - 1 : end;
    yield buf.subarray(start, stop);
    start = end + 1;
  }
}

/**
 * Gathers decoded lines into procedures and problems: a later record with the same code replaces
 * the earlier one in place (as the database upsert does), and problems beyond a limit are only counted.
 */
export function collectDecoded(maxProblems: number) {
  const byCode = new Map<string, Procedure>();
  const firstLine = new Map<string, number>();
  const problems: ImportProblem[] = [];
  let hidden = 0;
  let lastLine = 0;
  const report = (p: ImportProblem) => {
    if (problems.length < maxProblems) problems.push(p);
    else hidden++;
  };
  return {
    add(decoded: DecodedLine, line: number): void {
      lastLine = line;
      if (!decoded) return;
      if ("problem" in decoded) {
        report(decoded.problem);
        return;
      }
      const { procedure } = decoded;
      const seen = firstLine.get(procedure.code);
      if (seen !== undefined) {
        report({
          line: lastLine,
          message: `duplicate code ${procedure.code} (also on line ${seen}); this later record is kept`,
        });
      } else firstLine.set(procedure.code, lastLine);
      byCode.set(procedure.code, procedure);
    },
    result(): { procedures: Procedure[]; problems: ImportProblem[] } {
      const all = [...problems];
      if (hidden > 0) all.push({ line: lastLine, message: `${hidden} more problems not listed` });
      return { procedures: [...byCode.values()], problems: all };
    },
  };
}
