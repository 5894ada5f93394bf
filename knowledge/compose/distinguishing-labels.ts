import { cleanName, upperFirst } from "./clean-text.js";
import { fitPhrase, foldKey, joinTokens, type Token, tidyPhrase, tokenize } from "./label-phrases.js";
import { truthfulLabel } from "./label-truth.js";
import { splitAsides } from "./name-asides.js";
import { diffLabels, PART_SEPARATOR } from "./span-labels.js";
import { clusters, similarity } from "./word-diff.js";

/** A candidate to label: its name, and what else can tell it apart. */
export interface LabelCandidate {
  name: string;
  code: string;
  levels?: readonly string[];
}

/** Longest label that still fits on a phone button. */
export const MAX_LABEL_CHARS = 60;

/** An aside longer than this is diffed rather than shown whole. */
const MAX_ASIDE_CHARS = 40;

/** A name ready for labelling: the display name, its words outside brackets, and its bracketed asides. */
interface ParsedName {
  full: string;
  core: Token[];
  asides: string[];
}

function parseName(name: string): ParsedName {
  const full = upperFirst(cleanName(name).replace(/^thủ tục\s+/iu, ""));
  const { core, asides } = splitAsides(full);
  return { full, core: tokenize(core || full), asides };
}

const fold = (label: string) => foldKey(label.replace(/\s+/gu, " "));

/** Fits tokens into `max` characters, falling back to their raw text when tidying leaves nothing. */
const shortText = (tokens: readonly Token[], max: number) =>
  fitPhrase(tokens, max) || joinTokens(tokens).slice(0, max);

/**
 * Labels by the words outside brackets: alike names by the whole phrases where they differ, or by
 * their whole names when those fit and the differences are not whole phrases; other names by their
 * short name; "" for names that add nothing to the others.
 */
function coreLabels(names: readonly ParsedName[]): string[] {
  const labels = names.map(() => "");
  for (const group of clusters(names.map((n) => n.core.map((t) => t.key)))) {
    const cores = group.map((i) => names[i]?.core ?? []);
    if (group.length === 1) {
      labels[group[0] ?? 0] = shortText(cores[0] ?? [], MAX_LABEL_CHARS);
      continue;
    }
    const diffs = diffLabels(cores, MAX_LABEL_CHARS);
    const identical = diffs.every((d) => d.label === "");
    const wholeNames = cores.map((c) => tidyPhrase(joinTokens(c)));
    const useNames =
      !identical && !diffs.every((d) => d.whole) && wholeNames.every((n) => n.length <= MAX_LABEL_CHARS);
    group.forEach((i, k) => {
      labels[i] = useNames ? (wholeNames[k] ?? "") : (diffs[k]?.label ?? "");
      if (!useNames && diffs[k]?.cut) labels[i] = sharpen(labels[i] ?? "", cores, k);
    });
  }
  return labels;
}

/**
 * Adds to a shortened label what tells its name apart from the closest other name, when shortening
 * lost it ("Khai thác nước dưới đất" + "từ 5.000 m3/ngày đêm trở lên").
 */
function sharpen(label: string, cores: readonly Token[][], k: number): string {
  const own = cores[k] ?? [];
  const keys = own.map((t) => t.key);
  let closest = -1;
  let best = -1;
  cores.forEach((other, j) => {
    const score =
      j === k
        ? -1
        : similarity(
            keys,
            other.map((t) => t.key),
          );
    if (score > best) [closest, best] = [j, score];
  });
  const fine = diffLabels([own, cores[closest] ?? []], MAX_ASIDE_CHARS)[0];
  if (!fine?.whole || fine.label.includes(PART_SEPARATOR) || fold(label).includes(fold(fine.label)))
    return label;
  return withDetail(label, fine.label, MAX_LABEL_CHARS);
}

/** Indexes of labels that collide (case-insensitively), grouped; "" collides even with itself. */
function collisions(labels: readonly string[]): number[][] {
  const groups = new Map<string, number[]>();
  labels.forEach((label, i) => {
    const key = fold(label);
    groups.set(key, [...(groups.get(key) ?? []), i]);
  });
  return [...groups.entries()].filter(([key, g]) => g.length > 1 || key === "").map(([, g]) => g);
}

/** Strips "thực hiện tại …" filler from an aside, leaving what tells it apart ("cấp tỉnh"). */
const asideCore = (aside: string) =>
  aside
    .replace(/^(?:được\s+)?(?:thực hiện|áp dụng|giải quyết)\s+(?:tại|ở|đối với|cho)\s+/iu, "")
    .replace(/^(?:dành cho|áp dụng cho)\s+/iu, "");

/** Labels from the asides the colliding names do not share; "" for a name without one. */
function asideLabels(names: readonly ParsedName[]): string[] {
  const shared = (a: string) => names.every((n) => n.asides.some((b) => fold(b) === fold(a)));
  const texts = names.map((n) =>
    n.asides
      .filter((a) => !shared(a))
      .map(asideCore)
      .join("; "),
  );
  if (texts.every((t) => t.length <= MAX_ASIDE_CHARS)) return texts.map(tidyPhrase);
  return diffLabels(texts.map(tokenize), MAX_ASIDE_CHARS).map((d) => d.label);
}

/** Joins a base label and what tells it apart, shortening the base to fit. */
function withDetail(base: string, detail: string, max: number): string {
  if (!base || fold(detail).startsWith(fold(base))) return detail;
  if (!detail) return base;
  const room = max - detail.length - PART_SEPARATOR.length;
  const head = room >= 12 ? fitPhrase(tokenize(base), room) : "";
  return head ? `${head}${PART_SEPARATOR}${detail}` : detail;
}

/** Adds to colliding labels what tells their names apart: the differing words, else the asides. */
function addDetails(labels: string[], names: readonly ParsedName[], details: typeof asideLabels) {
  for (const group of collisions(labels)) {
    if (group.length < 2) continue;
    const found = details(group.map((i) => names[i] as ParsedName));
    const unique = (a: string) => a !== "" && found.filter((b) => fold(b) === fold(a)).length === 1;
    group.forEach((i, k) => {
      const detail = found[k] ?? "";
      if (unique(detail)) labels[i] = withDetail(labels[i] ?? "", detail, MAX_LABEL_CHARS);
    });
  }
}

/** Appends a bracketed suffix ("(Cấp xã)", "(mã 1.001193)"), shortening the label to fit. */
function withSuffix(label: string, suffix: string): string {
  return `${fitPhrase(tokenize(label), MAX_LABEL_CHARS - suffix.length - 1)} ${suffix}`.trim();
}

/** Makes colliding labels unique: differing words, asides, the short name, the level, the code. */
function resolve(labels: string[], names: readonly ParsedName[], candidates: readonly LabelCandidate[]) {
  addDetails(labels, names, coreLabels);
  addDetails(labels, names, asideLabels);
  labels.forEach((label, i) => {
    if (label === "") labels[i] = shortText(names[i]?.core ?? [], MAX_LABEL_CHARS);
  });
  for (const group of collisions(labels)) {
    const shorts = group.map((i) => shortText(names[i]?.core ?? [], MAX_LABEL_CHARS));
    if (new Set(shorts.map(fold)).size === group.length)
      group.forEach((i, k) => {
        labels[i] = shorts[k] ?? "";
      });
  }
  for (const group of collisions(labels)) {
    const levels = group.map((i) => (candidates[i]?.levels ?? []).join(", "));
    const differ = new Set(levels).size > 1;
    group.forEach((i, k) => {
      const suffix = differ && levels[k] ? `(${levels[k]})` : `(mã ${candidates[i]?.code || i + 1})`;
      labels[i] = withSuffix(labels[i] ?? "", suffix);
    });
  }
  for (const group of collisions(labels)) {
    for (const i of group) labels[i] = `${labels[i]} #${i + 1}`;
  }
}

/**
 * Computes short, unique button labels that tell the candidates apart: alike names are compared word
 * by word (case-insensitively) and labelled by the whole phrases where they differ, joined with a dash
 * when they differ in several places; names alike only outside brackets are told apart by their
 * asides ("Cấp tỉnh"), identical names by their level, then their code.
 */
export function distinguishingLabels(candidates: readonly LabelCandidate[]): string[] {
  const names = candidates.map((c) => parseName(c.name));
  if (names.length === 1) {
    const only = names[0] as ParsedName;
    return [
      upperFirst(only.full.length <= MAX_LABEL_CHARS ? only.full : shortText(only.core, MAX_LABEL_CHARS)),
    ];
  }
  const labels = coreLabels(names);
  keepTruthful(labels, names);
  resolve(labels, names, candidates);
  keepTruthful(labels, names);
  labels.forEach((label, i) => {
    if (label === "") labels[i] = shortText(names[i]?.core ?? [], MAX_LABEL_CHARS);
  });
  for (const group of collisions(labels)) {
    for (const i of group) labels[i] = withSuffix(labels[i] ?? "", `(mã ${candidates[i]?.code || i + 1})`);
  }
  return labels.map(upperFirst);
}

/**
 * Checks each label against its candidate's own name (see `truthfulLabel`): a negation the label
 * left out is put back, and a label that is not in the name is emptied so the name itself is used.
 */
function keepTruthful(labels: string[], names: readonly ParsedName[]): void {
  labels.forEach((label, i) => {
    if (label === "") return;
    const checked = truthfulLabel(label, names[i]?.full ?? "");
    labels[i] = checked === null ? "" : checked.length <= MAX_LABEL_CHARS ? checked : label;
    if (checked !== null && checked.length > MAX_LABEL_CHARS) labels[i] = fitTruthful(checked);
  });
}

/** Shortens a corrected label to fit: the longest part gives way first, then the others are dropped. */
function fitTruthful(label: string): string {
  const parts = label.split(PART_SEPARATOR);
  const longest = parts.reduce((best, p, i) => (p.length > (parts[best]?.length ?? 0) ? i : best), 0);
  const room =
    MAX_LABEL_CHARS -
    parts.reduce((n, p, i) => n + (i === longest ? 0 : p.length + PART_SEPARATOR.length), 0);
  if (room >= 12) {
    parts[longest] = fitPhrase(tokenize(parts[longest] ?? ""), room);
    const joined = parts.join(PART_SEPARATOR);
    if (joined.length <= MAX_LABEL_CHARS) return joined;
  }
  return fitPhrase(tokenize(parts[longest] ?? ""), MAX_LABEL_CHARS);
}
