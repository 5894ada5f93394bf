import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { foldTokens } from "../normalize.js";

/** The bundled, reviewed list of variant markers (assets/variant-markers.tsv). */
export const BUNDLED_VARIANT_MARKERS_FILE = fileURLToPath(
  new URL("../../assets/variant-markers.tsv", import.meta.url),
);

/** A compiled marker: its folded words, the penalty factor, and whether it names a stay abroad. */
export interface VariantMarker {
  tokens: string[];
  factor: number;
  abroad: boolean;
}

/**
 * The variant markers, the ordinary applicants that may list an abroad marker beside them, and the
 * wording of a default audience that does not make a name less covered ("cho người từ đủ 14 tuổi
 * trở lên").
 */
export interface VariantMarkerList {
  markers: VariantMarker[];
  applicants: string[][];
  defaultAudiences: string[][];
  reissues: string[][];
  citizenAudiences: string[][];
  organisationWords: string[][];
}

/**
 * Parses the marker file ("marker|marker-abroad<TAB>phrase<TAB>factor",
 * "<list kind><TAB>phrase" for the other kinds the file's header lists, # comments); a row with a factor
 * outside (0, 1] is refused.
 */
export function parseVariantMarkers(content: string): VariantMarkerList {
  const markers: VariantMarker[] = [];
  const applicants: string[][] = [];
  const defaultAudiences: string[][] = [];
  const reissues: string[][] = [];
  const citizenAudiences: string[][] = [];
  const organisationWords: string[][] = [];
  const lists: Record<string, string[][]> = {
    "applicant-list": applicants,
    "default-audience": defaultAudiences,
    reissue: reissues,
    "citizen-audience": citizenAudiences,
    organisation: organisationWords,
  };
  content.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim() || line.trimStart().startsWith("#")) return;
    const [kind, phrase, factorText] = line.split("\t").map((c) => c.trim());
    const tokens = foldTokens(phrase ?? "");
    if (tokens.length === 0) throw new Error(`variant markers line ${i + 1}: no phrase`);
    const list = kind && Object.hasOwn(lists, kind) ? lists[kind] : undefined;
    if (list) {
      list.push(tokens);
      return;
    }
    const factor = Number(factorText);
    if ((kind !== "marker" && kind !== "marker-abroad") || !(factor > 0 && factor <= 1))
      throw new Error(`variant markers line ${i + 1}: expected marker<TAB>phrase<TAB>factor in (0, 1]`);
    markers.push({ tokens, factor, abroad: kind === "marker-abroad" });
  });
  return { markers, applicants, defaultAudiences, reissues, citizenAudiences, organisationWords };
}

const LIST = parseVariantMarkers(readFileSync(BUNDLED_VARIANT_MARKERS_FILE, "utf8"));

/**
 * Wording that marks a special variant of a base procedure ("có yếu tố nước ngoài", "đăng ký lại",
 * …) with the factor applied when the message does not name it, so "đăng ký khai sinh" finds the
 * ordinary procedure first.
 */
export const MARKERS: VariantMarker[] = LIST.markers;

/** Audiences (đối tượng thực hiện) that are people, and words by which a message names an organisation. */
export const AUDIENCE_WORDS = {
  citizen: LIST.citizenAudiences,
  organisation: LIST.organisationWords,
} as const;

/** Opening words of a name that re-issue, exchange or extend another procedure's paper ("cấp lại"). */
export const REISSUES: readonly (readonly string[])[] = LIST.reissues;

/**
 * The name's words without the wording of its default audience, so "làm thẻ căn cước" covers
 * "Cấp thẻ căn cước cho người từ đủ 14 tuổi trở lên" as well as a name without an audience.
 */
export function withoutDefaultAudience(nameTokens: readonly string[]): string[] {
  for (const phrase of LIST.defaultAudiences) {
    const at = indexOfPhrase(nameTokens, phrase);
    if (at >= 0) return [...nameTokens.slice(0, at), ...nameTokens.slice(at + phrase.length)];
  }
  return [...nameTokens];
}

/** Whether `tokens` contains the phrase `phrase` contiguously. */
export function containsPhrase(tokens: readonly string[], phrase: readonly string[]): boolean {
  return indexOfPhrase(tokens, phrase) >= 0;
}

/** Where the phrase `phrase` starts in `tokens`, or -1. */
function indexOfPhrase(tokens: readonly string[], phrase: readonly string[]): number {
  outer: for (let i = 0; i + phrase.length <= tokens.length; i++) {
    for (let k = 0; k < phrase.length; k++) if (tokens[i + k] !== phrase[k]) continue outer;
    return i;
  }
  return -1;
}

/**
 * The markers a procedure name contains (indexes into MARKERS); longer markers hide the shorter
 * ones they include so a penalty is applied once per phrase. With the name's text, an abroad marker
 * in a list item after an ordinary applicant ("cho công dân Việt Nam, người nước ngoài…") only
 * lists one more applicant and is left out.
 */
export function nameMarkers(nameTokens: readonly string[], name?: string): number[] {
  const listed = name ? listedAbroad(name) : [];
  const found: number[] = [];
  MARKERS.forEach((m, i) => {
    if (!containsPhrase(nameTokens, m.tokens)) return;
    if (m.abroad && listed.some((item) => containsPhrase(item, m.tokens))) return;
    const covered = found.some((j) => containsPhrase((MARKERS[j] as VariantMarker).tokens, m.tokens));
    if (!covered) found.push(i);
  });
  return found;
}

/**
 * The list items of a name (split at commas and semicolons) that come after an item naming an
 * ordinary applicant and no stay abroad: the other applicants of an inclusive list.
 */
function listedAbroad(name: string): string[][] {
  const items = name.split(/[,;]/).map((item) => foldTokens(item));
  const abroadIn = (item: string[]) => MARKERS.some((m) => m.abroad && containsPhrase(item, m.tokens));
  const first = items.findIndex(
    (item) => !abroadIn(item) && LIST.applicants.some((a) => containsPhrase(item, a)),
  );
  if (first < 0) return [];
  return items.slice(first + 1).filter(abroadIn);
}

/**
 * Per marker, whether a message names it (1) or not (0); naming the core of a longer marker
 * ("nước ngoài" for "có yếu tố nước ngoài") names it too.
 */
export function queryMarkers(queryTokens: readonly string[]): Uint8Array {
  const named = MARKERS.map((m) => containsPhrase(queryTokens, m.tokens));
  return Uint8Array.from(MARKERS, (m) =>
    MARKERS.some((o, j) => named[j] && containsPhrase(m.tokens, o.tokens)) ? 1 : 0,
  );
}

/** Share of a marker's penalty given back as a bonus when the message names the marker too. */
export const MATCHED_MARKER_BONUS = 0.25;

/**
 * The product of the penalties of markers in the name that the message does not name, times a
 * bonus for markers both name ("đăng ký lại" asked, "đăng ký lại khai sinh" offered).
 */
export function variantFactor(nameMarkerList: readonly number[], named: Uint8Array): number {
  let f = 1;
  for (const i of nameMarkerList) {
    const factor = (MARKERS[i] as VariantMarker).factor;
    f *= named[i] ? 1 + MATCHED_MARKER_BONUS * (1 - factor) : factor;
  }
  return f;
}
