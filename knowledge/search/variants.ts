import { foldTokens } from "../normalize.js";

/**
 * Wording that marks a special variant of a base procedure ("có yếu tố nước ngoài", "đăng ký lại",
 * "thực hiện tại cấp trung ương", …) with the factor applied when the message does not name it,
 * so "đăng ký khai sinh" finds the ordinary procedure first.
 */
const VARIANT_MARKERS: Array<[string, number]> = [
  ["yeu to nuoc ngoai", 0.72],
  ["nguoi nuoc ngoai", 0.78],
  ["nuoc ngoai", 0.8],
  ["khu vuc bien gioi", 0.72],
  ["bien gioi", 0.85],
  ["dang ki lai", 0.72],
  ["cap lai", 0.8],
  ["cap doi", 0.85],
  ["luu dong", 0.72],
  ["ket hop", 0.8],
  ["thuc hien tai cap trung uong", 0.78],
  ["cap trung uong", 0.85],
  ["thuc hien tai cap tinh", 0.93],
  ["thay doi", 0.9],
  ["thuc hien tai cap huyen", 0.9],
  ["cong an nhan dan", 0.8],
  ["quan doi", 0.85],
  ["quan su", 0.85],
  ["dieu chinh", 0.85],
  ["gia han", 0.85],
  ["sua doi", 0.85],
  ["thu hoi", 0.82],
  ["tam thoi", 0.88],
  ["chuyen doi", 0.9],
  ["da co ho so", 0.8],
  ["co quan dai dien", 0.75],
  ["o nuoc ngoai", 0.8],
  ["dinh cu", 0.85],
  ["xac dinh lai", 0.85],
  ["huy", 0.88],
  ["chap thuan", 0.92],
  ["lien thong", 0.75],
];

/** A compiled marker: its folded words and the penalty factor. */
export interface VariantMarker {
  tokens: string[];
  factor: number;
}

/** The variant markers as folded token sequences. */
export const MARKERS: VariantMarker[] = VARIANT_MARKERS.map(([phrase, factor]) => ({
  tokens: foldTokens(phrase),
  factor,
}));

/** Whether `tokens` contains the phrase `phrase` contiguously. */
export function containsPhrase(tokens: readonly string[], phrase: readonly string[]): boolean {
  outer: for (let i = 0; i + phrase.length <= tokens.length; i++) {
    for (let k = 0; k < phrase.length; k++) if (tokens[i + k] !== phrase[k]) continue outer;
    return true;
  }
  return false;
}

/**
 * Bitmask of the markers a procedure name contains; longer markers hide the shorter ones they
 * include so a penalty is applied once per phrase.
 */
export function markerMask(nameTokens: readonly string[]): number {
  let mask = 0;
  MARKERS.forEach((m, i) => {
    if (!containsPhrase(nameTokens, m.tokens)) return;
    const covered = MARKERS.some(
      (o, j) => j !== i && (mask & (1 << j)) !== 0 && containsPhrase(o.tokens, m.tokens),
    );
    if (!covered) mask |= 1 << i;
  });
  return mask;
}

/**
 * Bitmask of the markers a message names; naming the core of a longer marker ("nước ngoài" for
 * "có yếu tố nước ngoài") names it too.
 */
export function queryMarkerMask(queryTokens: readonly string[]): number {
  let named = 0;
  MARKERS.forEach((m, i) => {
    if (containsPhrase(queryTokens, m.tokens)) named |= 1 << i;
  });
  let mask = named;
  MARKERS.forEach((m, i) => {
    MARKERS.forEach((o, j) => {
      if (named & (1 << j) && containsPhrase(m.tokens, o.tokens)) mask |= 1 << i;
    });
  });
  return mask;
}

/** Share of a marker's penalty given back as a bonus when the message names the marker too. */
export const MATCHED_MARKER_BONUS = 0.25;

/**
 * The product of the penalties of markers in the name that the message does not name, times a
 * bonus for markers both name ("đăng ký lại" asked, "đăng ký lại khai sinh" offered).
 */
export function variantFactor(nameMask: number, queryMask: number): number {
  let f = 1;
  const both = nameMask & queryMask;
  const missing = nameMask & ~queryMask;
  if (missing === 0 && both === 0) return 1;
  for (let i = 0; i < MARKERS.length; i++) {
    const bit = 1 << i;
    const factor = (MARKERS[i] as VariantMarker).factor;
    if (missing & bit) f *= factor;
    else if (both & bit) f *= 1 + MATCHED_MARKER_BONUS * (1 - factor);
  }
  return f;
}
