import { createReadStream, statSync } from "node:fs";
import { open } from "node:fs/promises";
import type { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import type { Procedure } from "../procedure.js";
import { collectDecoded, isGzip, MAX_REPORTED_PROBLEMS } from "./collect-procedures.js";
import { decodeProcedureLine, type ImportFormat, type ImportProblem } from "./decode-procedure-line.js";
import { loadPopularity } from "./popularity.js";

/** Options of the streaming reader. */
export interface StreamProceduresOptions {
  format?: ImportFormat;
  /** Called every `progressEvery` lines and at the end; bytes are those of the file on disk (compressed). */
  onProgress?: (linesRead: number, bytesRead: number, totalBytes: number) => void;
  progressEvery?: number;
}

/** One item of the stream: a procedure or a problem, with its 1-based line number. */
export type StreamedItem = { line: number; procedure: Procedure } | { line: number; problem: ImportProblem };

/**
 * Streams a JSON-lines procedure file (plain or gzip, detected from its first bytes) line by line,
 * yielding procedures and problems without holding the file in memory, for large `kb:import` runs.
 */
export async function* streamProceduresFile(
  path: string,
  options: StreamProceduresOptions = {},
): AsyncGenerator<StreamedItem> {
  const every = options.progressEvery ?? 500;
  let totalBytes = 0;
  let gzip = false;
  try {
    totalBytes = statSync(path).size;
    const fh = await open(path, "r");
    const head = Buffer.alloc(2);
    await fh.read(head, 0, 2, 0);
    await fh.close();
    gzip = isGzip(head);
  } catch (err) {
    yield { line: 0, problem: { line: 0, message: `cannot read file: ${(err as Error).message}` } };
    return;
  }
  const popularity = loadPopularity();
  const file = createReadStream(path);
  let bytesRead = 0;
  file.on("data", (chunk) => {
    bytesRead += chunk.length;
  });
  const source: Readable = gzip ? file.pipe(createGunzip()) : file;
  if (gzip) file.on("error", (err) => source.destroy(err));
  let line = 0;
  let pending: Buffer = Buffer.alloc(0);
  const emit = function* (bytes: Buffer): Generator<StreamedItem> {
    line++;
    const end = bytes.length > 0 && bytes[bytes.length - 1] === 0x0d ? bytes.length - 1 : bytes.length;
    const decoded = decodeProcedureLine(bytes.subarray(0, end), line, options.format, popularity);
    if (decoded) yield { line, ...decoded };
    if (options.onProgress && line % every === 0) options.onProgress(line, bytesRead, totalBytes);
  };
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      let start = 0;
      for (let nl = pending.indexOf(0x0a, start); nl >= 0; nl = pending.indexOf(0x0a, start)) {
        yield* emit(pending.subarray(start, nl));
        start = nl + 1;
      }
      pending = pending.subarray(start);
    }
    if (pending.length) yield* emit(pending);
  } catch (err) {
    yield {
      line,
      problem: { line, message: `file unreadable after line ${line}: ${(err as Error).message}` },
    };
  } finally {
    file.destroy();
  }
  options.onProgress?.(line, bytesRead, totalBytes);
}

/** Reads a whole file with the streaming reader; same result as `readProceduresFile`, without blocking. */
export async function readProceduresFileAsync(
  path: string,
  options: StreamProceduresOptions = {},
): Promise<{ procedures: Procedure[]; problems: ImportProblem[] }> {
  const collector = collectDecoded(MAX_REPORTED_PROBLEMS);
  for await (const item of streamProceduresFile(path, options)) {
    collector.add("procedure" in item ? { procedure: item.procedure } : { problem: item.problem }, item.line);
  }
  return collector.result();
}
