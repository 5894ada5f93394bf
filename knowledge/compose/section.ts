import { truncateAtWord } from "./split-text.js";

/** One line of a section; `item` lines are the countable entries (a paper, a step, a law). */
export interface SectionLine {
  text: string;
  item?: boolean;
  /** Kept whole when the line is shortened, e.g. a paper's quantity "(1 bản chính)". */
  suffix?: string;
}

/** A part of the answer before it is fitted into a character budget. */
export interface SectionDraft {
  title: string;
  lines: SectionLine[];
  /** What an item is called in "… và 12 giấy tờ khác". */
  unit: string;
}

/** A section as text, and whether something was left out or shortened. */
export interface RenderedSection {
  text: string;
  truncated: boolean;
}

/** Items are never shortened below this many characters when fitting. */
const MIN_ITEM_CHARS = 40;

/** Formats a section heading so it stands out in plain text. */
export function sectionHeading(title: string): string {
  return title.toLocaleUpperCase("vi");
}

/** The line telling how many entries were left out. */
export function moreLine(count: number, unit: string): string {
  return `… và ${count} ${unit} khác (bấm “Xem đầy đủ” để xem hết)`;
}

/** Renders a whole section, nothing left out. */
export function renderSectionFull(draft: SectionDraft): string {
  return [sectionHeading(draft.title), ...draft.lines.map((l) => l.text + (l.suffix ?? ""))].join("\n");
}

/**
 * Renders a section within `budget` characters: whole when it fits; otherwise each line is shortened
 * to `itemMax` characters, lines are taken in order while they fit, and the rest is summarised as
 * "… và N … khác".
 */
export function renderSectionWithin(draft: SectionDraft, budget: number, itemMax: number): RenderedSection {
  const whole = renderSectionFull(draft);
  if (whole.length <= budget) return { text: whole, truncated: false };
  const head = sectionHeading(draft.title);
  const lines = draft.lines.map((l) => {
    const suffix = l.suffix ?? "";
    const short = truncateAtWord(l.text, Math.max(MIN_ITEM_CHARS, itemMax - suffix.length));
    return { item: l.item, full: l.text + suffix, short: short + suffix };
  });
  let truncated = lines.some((l) => l.short !== l.full);
  const total = lines.reduce((n, l) => n + (l.item ? 1 : 0), 0);
  // Characters needed by lines[i..] when they are all shown.
  const tail: number[] = new Array(lines.length + 1).fill(0);
  for (let i = lines.length - 1; i >= 0; i--)
    tail[i] = (tail[i + 1] ?? 0) + 1 + (lines[i]?.short.length ?? 0);

  // Room kept for the "… và N … khác" line (N ≤ total, so this is an upper bound).
  const reserve = moreLine(total, draft.unit).length + 1;
  const out: SectionLine[] = [];
  let used = head.length;
  let shown = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!line) continue;
    if (used + (tail[i] ?? 0) <= budget) {
      for (const rest of lines.slice(i)) out.push({ text: rest.short, item: rest.item });
      shown = total;
      break;
    }
    truncated = true;
    const room = budget - used - 1 - reserve;
    if (line.short.length <= room) {
      out.push({ text: line.short, item: line.item });
      used += 1 + line.short.length;
      if (line.item) shown++;
      continue;
    }
    if (shown === 0 && room >= MIN_ITEM_CHARS) {
      out.push({ text: truncateAtWord(line.short, room), item: line.item });
      if (line.item) shown++;
    }
    break;
  }
  if (truncated) {
    while (out.length > 0 && !out[out.length - 1]?.item && out[out.length - 1]?.text.endsWith(":")) out.pop();
  }
  const texts = [head, ...out.map((l) => l.text)];
  if (total - shown > 0) texts.push(moreLine(total - shown, draft.unit));
  return { text: texts.join("\n"), truncated };
}
