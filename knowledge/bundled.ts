import { fileURLToPath } from "node:url";

/** The 2,642 procedures of the national portal shipped with the product (portal scrape format, gzip). */
export const BUNDLED_PROCEDURES_FILE = fileURLToPath(
  new URL("../assets/procedures-dichvucong.jsonl.gz", import.meta.url),
);
