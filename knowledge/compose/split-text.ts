const ELLIPSIS = "…";

/** Cuts text to at most `max` characters at a word boundary, ending with "…" when something was cut. */
export function truncateAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const room = max - ELLIPSIS.length;
  if (room <= 0) return text.slice(0, Math.max(0, max));
  const head = text.slice(0, room + 1);
  const space = head.search(/\s\S*$/u);
  const base = space > room * 0.4 ? head.slice(0, space) : safeSlice(text, room);
  const trimmed = base.replace(/[\s,;:\-–(]+$/u, "");
  return (trimmed || base) + ELLIPSIS;
}

/** Slices without splitting a UTF-16 surrogate pair. */
function safeSlice(text: string, end: number): string {
  const code = text.charCodeAt(end - 1);
  return code >= 0xd800 && code <= 0xdbff ? text.slice(0, end - 1) : text.slice(0, end);
}

/** Breaks one over-long line into pieces of at most `max` characters, at word boundaries when possible. */
export function breakLine(line: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = line;
  while (rest.length > max) {
    const head = rest.slice(0, max + 1);
    const space = head.lastIndexOf(" ");
    const cut = space > 0 ? space : safeSlice(rest, max).length;
    const piece = rest.slice(0, cut).trimEnd();
    if (piece) pieces.push(piece);
    rest = rest.slice(cut).trimStart();
  }
  if (rest) pieces.push(rest);
  return pieces;
}

/**
 * Splits text into chunks of at most `maxChars` characters: paragraphs (blank-line separated) stay
 * together when they fit, otherwise the break falls on a line boundary, and a single over-long line
 * is cut at a word boundary. Never returns an empty chunk.
 */
export function splitText(text: string, maxChars: number): string[] {
  const max = Math.max(1, Math.floor(maxChars));
  const chunks: string[] = [];
  let current = "";
  const flush = () => {
    const t = current.trim();
    if (t) chunks.push(t);
    current = "";
  };
  const append = (piece: string, separator: string) => {
    const candidate = current ? current + separator + piece : piece;
    if (candidate.length <= max) {
      current = candidate;
      return;
    }
    // A heading ("Lưu ý:") is carried over rather than left at the end of a message.
    const cut = current.lastIndexOf("\n");
    const last = current.slice(cut + 1);
    const carried = cut > 0 && last.trimEnd().endsWith(":") ? `${last}\n${piece}` : "";
    if (carried && carried.length <= max) {
      current = current.slice(0, cut);
      flush();
      current = carried;
      return;
    }
    flush();
    current = piece;
  };
  for (const block of text.split(/\n{2,}/u)) {
    if (!block.trim()) continue;
    const fitsWhole = (current ? current.length + 2 : 0) + block.length <= max;
    if (fitsWhole || block.length <= max) {
      append(block, "\n\n");
      continue;
    }
    let separator = "\n\n";
    for (const line of block.split("\n")) {
      for (const piece of breakLine(line, max)) {
        append(piece, separator);
        separator = "\n";
      }
    }
  }
  flush();
  return chunks;
}
