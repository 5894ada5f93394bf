import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { foldTokens } from "../../knowledge/normalize.js";
import { containsPhrase } from "../../knowledge/search/variants.js";

/** The bundled, editable list of canonical agencies (assets/agencies.tsv). */
export const BUNDLED_AGENCIES_FILE = fileURLToPath(new URL("../../assets/agencies.tsv", import.meta.url));

/** A body a PAKN can be routed to: a stable id, its display name, the names it goes by, its level. */
export interface Agency {
  id: string;
  name: string;
  aliases: string[];
  /** `tinh` (provincial department), `xa` (commune/ward), `nganh-doc` (vertically managed agency). */
  level: string;
}

/** The canonical agencies, and the mapping from any agency string to one of them. */
export interface AgencyDirectory {
  readonly all: readonly Agency[];
  get(id: string): Agency | undefined;
  /** The agency whose id, name or longest alias occurs in a free-form agency name, if any. */
  resolve(name: string): Agency | undefined;
}

const splitAliases = (cell: string | undefined) =>
  (cell ?? "")
    .split("|")
    .map((p) => p.trim())
    .filter(Boolean);

/** Parses the TSV list ("id<TAB>name<TAB>aliases<TAB>level", # comments), skipping broken rows. */
export function parseAgencies(content: string): Agency[] {
  const out: Agency[] = [];
  const seen = new Set<string>();
  for (const line of content.split(/\r?\n/)) {
    if (!line.trim() || line.trimStart().startsWith("#")) continue;
    const [id, name, aliases, level] = line.split("\t").map((c) => c.trim());
    if (!id || !name || !/^[a-z0-9-]+$/.test(id) || seen.has(id)) continue;
    seen.add(id);
    out.push({ id, name, aliases: splitAliases(aliases), level: level || "tinh" });
  }
  return out;
}

/** Builds the directory: names and aliases folded once, so matching ignores case and diacritics. */
export function createAgencyDirectory(agencies: readonly Agency[]): AgencyDirectory {
  const byId = new Map(agencies.map((a) => [a.id, a]));
  const phrases = agencies
    .flatMap((a) => [a.name, ...a.aliases].map((p) => ({ agency: a, tokens: foldTokens(p) })))
    .filter((p) => p.tokens.length > 0)
    .sort((x, y) => y.tokens.length - x.tokens.length);
  return {
    all: agencies,
    get: (id) => byId.get(id),
    resolve(name) {
      const direct = byId.get(name.trim());
      if (direct) return direct;
      const tokens = foldTokens(name);
      return phrases.find((p) => containsPhrase(tokens, p.tokens))?.agency;
    },
  };
}

/** Loads an agency list file (default: the bundled one). */
export function loadAgencies(file = BUNDLED_AGENCIES_FILE): AgencyDirectory {
  return createAgencyDirectory(parseAgencies(readFileSync(file, "utf8")));
}
