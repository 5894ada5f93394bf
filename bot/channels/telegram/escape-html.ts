const HTML_ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;" };

/**
 * Escapes `&`, `<` and `>` so a plain-text string can be sent with Telegram's HTML parse mode
 * without any of its characters being read as markup (the only three Telegram requires).
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>]/g, (c) => HTML_ENTITIES[c] ?? c);
}
