// `npm run --silent kb:export -- [FILE]`: writes the knowledge base in our canonical JSON-lines
// format (to FILE or stdout), so a province can edit its list and import it back.
import { writeFileSync } from "node:fs";
import { loadConfig } from "../app/config.js";
import { exportCanonical } from "../knowledge/importers/canonical.js";
import { loadProceduresFromDatabase } from "../knowledge/load-procedures.js";

async function run(): Promise<void> {
  const target = process.argv.slice(2).find((a) => a !== "--");
  const config = loadConfig();
  const text = exportCanonical(
    await loadProceduresFromDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR }),
  );
  if (target) {
    writeFileSync(target, text);
    process.stderr.write(`kb:export: wrote ${text.split("\n").length - 1} procedures to ${target}\n`);
  } else process.stdout.write(text);
}

run().catch((err) => {
  process.stderr.write(`kb:export failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
