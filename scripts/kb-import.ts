// `npm run --silent kb:import -- FILE [--format dichvucong|motcua] [--json]`: upserts procedures by
// code into the configured database in one transaction, with a progress bar on stderr and a summary.
import { SingleBar } from "cli-progress";
import { loadConfig } from "../app/config.js";
import { createLogger } from "../app/logger.js";
import { openDatabase } from "../db/client.js";
import { migrate } from "../db/migrate.js";
import type { ImportFormat, ImportProblem } from "../knowledge/importers/read-procedures-file.js";
import { streamProceduresFile } from "../knowledge/importers/read-procedures-stream.js";
import type { Procedure } from "../knowledge/procedure.js";
import { recordImportRun, upsertProceduresWithChanges } from "../knowledge/procedure-repo.js";
import { parseCliArgs } from "./lib/cli-args.js";

const USAGE = "usage: npm run --silent kb:import -- FILE [--format dichvucong|motcua] [--json]";
const SHOWN_PROBLEMS = 20;

function fail(message: string, code = 1): never {
  process.stderr.write(`kb:import: ${message}\n`);
  process.exit(code);
}

async function run(): Promise<void> {
  const args = parseCliArgs(process.argv.slice(2), ["json"]);
  const file = args.positional[0];
  if (!file) fail(USAGE, 2);
  const formatFlag = args.flags.get("format");
  if (formatFlag !== undefined && formatFlag !== "dichvucong" && formatFlag !== "motcua") fail(USAGE, 2);
  const format = formatFlag as ImportFormat | undefined;
  const config = loadConfig();
  const logger = createLogger({ level: "warn", toStderr: true });
  const tty = process.stderr.isTTY === true;

  const bar = new SingleBar({
    format: "{stage} [{bar}] {percentage}% | {value}/{total}",
    stream: process.stderr,
    noTTYOutput: false,
    hideCursor: tty,
  });
  const procedures: Procedure[] = [];
  const problems: ImportProblem[] = [];
  let lines = 0;
  bar.start(100, 0, { stage: "reading " });
  for await (const item of streamProceduresFile(file, {
    format,
    progressEvery: 100,
    onProgress: (_lines, bytes, total) => bar.update(total ? Math.round((bytes / total) * 100) : 0),
  })) {
    lines = Math.max(lines, item.line);
    if ("procedure" in item) procedures.push(item.procedure);
    else problems.push(item.problem);
  }
  bar.update(100);
  bar.stop();
  const unreadable = problems.find((p) => p.line === 0);
  if (unreadable) fail(unreadable.message);
  if (procedures.length === 0) {
    for (const p of problems.slice(0, SHOWN_PROBLEMS))
      process.stderr.write(`  line ${p.line}: ${p.message}\n`);
    fail(`no procedure could be read from ${file}; nothing was imported`);
  }

  // Refused at once (DataDirInUse) while a server has the embedded database open.
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
  let failure: string | undefined;
  try {
    await migrate(database);
    const writing = new SingleBar({
      format: "{stage} [{bar}] {percentage}% | {value}/{total}",
      stream: process.stderr,
    });
    writing.start(procedures.length, 0, { stage: "writing " });
    const { summary, changes } = await upsertProceduresWithChanges(database.db, procedures, (done) =>
      writing.update(done),
    );
    writing.stop();
    const usedFormat = format ?? (procedures.length ? "auto" : "unknown");
    await recordImportRun(
      database.db,
      {
        source: file,
        format: usedFormat,
        skipped: problems.length,
        ...summary,
      },
      changes,
    );
    const report = { file, lines, read: procedures.length, skipped: problems.length, ...summary, problems };
    if (args.flags.has("json")) {
      process.stdout.write(`${JSON.stringify(report)}\n`);
    } else {
      process.stdout.write(
        `Imported ${procedures.length} procedures from ${file}: ${summary.inserted} new, ${summary.updated} updated, ` +
          `${summary.unchanged} unchanged; ${problems.length} line(s) skipped.\n`,
      );
      for (const p of problems.slice(0, SHOWN_PROBLEMS))
        process.stdout.write(`  line ${p.line}: ${p.message}\n`);
      if (problems.length > SHOWN_PROBLEMS)
        process.stdout.write(`  … and ${problems.length - SHOWN_PROBLEMS} more\n`);
      process.stdout.write("Running servers pick up the new knowledge base when they restart.\n");
    }
  } catch (err) {
    logger.error({ err }, "import failed");
    failure = `import failed, nothing was written: ${(err as Error).message}`;
  } finally {
    // Closed before exiting, so the embedded database is checkpointed and its lock released.
    await database.close();
  }
  if (failure) fail(failure);
}

run().catch((err) => fail(err instanceof Error ? err.message : String(err)));
