/** Telegram's limit for one message, in UTF-16 code units after entity parsing. */
export const TELEGRAM_TEXT_LIMIT = 4096;

/**
 * Splits a plain text into pieces of at most `limit` characters, cutting at line breaks where it
 * can (then at spaces, then anywhere but inside a surrogate pair), so long answers arrive as
 * several readable messages instead of being refused by Telegram.
 */
export function splitText(text: string, limit = TELEGRAM_TEXT_LIMIT): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    const cut = cutPoint(rest, limit);
    const piece = rest.slice(0, cut).replace(/\s+$/u, "");
    if (piece) pieces.push(piece);
    rest = rest.slice(cut).replace(/^\s+/u, "");
  }
  if (rest || pieces.length === 0) pieces.push(rest);
  return pieces;
}

function cutPoint(text: string, limit: number): number {
  const window = text.slice(0, limit + 1);
  const newline = window.lastIndexOf("\n");
  if (newline > limit / 2) return newline;
  const space = window.lastIndexOf(" ");
  if (space > limit / 2) return space;
  const code = text.charCodeAt(limit - 1);
  // Never separate the two halves of a surrogate pair (emoji, rare CJK).
  return code >= 0xd800 && code <= 0xdbff ? limit - 1 : limit;
}
