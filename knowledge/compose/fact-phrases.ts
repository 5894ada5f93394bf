import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The reviewed wording of fee notes (assets/fee-phrases.tsv). */
export const BUNDLED_FEE_PHRASES_FILE = fileURLToPath(
  new URL("../../assets/fee-phrases.tsv", import.meta.url),
);
/** The reviewed places by level and VNeID cues (assets/place-phrases.tsv). */
export const BUNDLED_PLACE_PHRASES_FILE = fileURLToPath(
  new URL("../../assets/place-phrases.tsv", import.meta.url),
);

/** The reviewed cues of time sentences in channel descriptions (assets/time-cues.tsv). */
export const BUNDLED_TIME_CUES_FILE = fileURLToPath(new URL("../../assets/time-cues.tsv", import.meta.url));

/** How fee notes are read: phrases meaning free, phrases meaning charged, and who sets the amount. */
export interface FeePhrases {
  free: string[];
  /** A fee for an extra only ("bản sao … nếu có yêu cầu"): the procedure itself stays free. */
  optional: string[];
  charge: string[];
  basis: { phrase: string; text: string }[];
}

/** Where a dossier is usually filed by level, most local first, and the cues for the VNeID app. */
export interface PlacePhrases {
  levels: { level: string; place: string }[];
  vneid: string[];
  /** How a place named after "tại" in a channel description starts ("trụ sở", "Bộ phận Một cửa"). */
  inPerson: string[];
}

/** Rows of a reviewed TSV file: cells trimmed and lower-cased where they are phrases; comments skipped. */
function rows(content: string): string[][] {
  return content
    .split(/\r?\n/u)
    .filter((l) => l.trim() && !l.trimStart().startsWith("#"))
    .map((l) => l.split("\t").map((c) => c.trim().normalize("NFC")));
}

const key = (s: string | undefined) => (s ?? "").toLocaleLowerCase("vi");

/** Parses the fee phrases ("free|optional|charge<TAB>phrase", "basis<TAB>phrase<TAB>text"); unknown kinds are ignored. */
export function parseFeePhrases(content: string): FeePhrases {
  const out: FeePhrases = { free: [], optional: [], charge: [], basis: [] };
  for (const [kind, phrase, text] of rows(content)) {
    if (!phrase) continue;
    if (kind === "free") out.free.push(key(phrase));
    else if (kind === "charge") out.charge.push(key(phrase));
    else if (kind === "optional") out.optional.push(key(phrase));
    else if (kind === "basis" && text) out.basis.push({ phrase: key(phrase), text });
  }
  return out;
}

/** Parses the place phrases ("level<TAB>level<TAB>place", "vneid|inperson<TAB>cue"); unknown kinds are ignored. */
export function parsePlacePhrases(content: string): PlacePhrases {
  const out: PlacePhrases = { levels: [], vneid: [], inPerson: [] };
  for (const [kind, phrase, text] of rows(content)) {
    if (!phrase) continue;
    if (kind === "level" && text) out.levels.push({ level: key(phrase), place: text });
    else if (kind === "vneid") out.vneid.push(key(phrase));
    else if (kind === "inperson") out.inPerson.push(key(phrase));
  }
  return out;
}

/** Parses the time cues: one per line, lower-cased; comments skipped. */
export function parseTimeCues(content: string): string[] {
  return rows(content)
    .map(([cue]) => key(cue))
    .filter(Boolean);
}

let timeCache: string[] | undefined;

/** The bundled time cues, read once. */
export function timeCues(): string[] {
  timeCache ??= parseTimeCues(readFileSync(BUNDLED_TIME_CUES_FILE, "utf8"));
  return timeCache;
}

let feeCache: FeePhrases | undefined;
let placeCache: PlacePhrases | undefined;

/** The bundled fee phrases, read once. */
export function feePhrases(): FeePhrases {
  feeCache ??= parseFeePhrases(readFileSync(BUNDLED_FEE_PHRASES_FILE, "utf8"));
  return feeCache;
}

/** The bundled place phrases, read once. */
export function placePhrases(): PlacePhrases {
  placeCache ??= parsePlacePhrases(readFileSync(BUNDLED_PLACE_PHRASES_FILE, "utf8"));
  return placeCache;
}
