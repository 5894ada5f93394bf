/** Characters XML 1.0 cannot carry at all (control characters other than tab, newline, return). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters to drop.
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Escapes text for XML element content (and attributes): the five special characters, invalid ones dropped. */
export function escapeXml(text: string): string {
  return text.replace(INVALID_XML, "").replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const TAG = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

function element(tag: string, value: unknown): string {
  if (!TAG.test(tag)) throw new Error(`"${tag}" is not an XML element name`);
  if (value === null || value === undefined || value === "") return `<${tag}/>`;
  return `<${tag}>${escapeXml(String(value))}</${tag}>`;
}

/**
 * Renders flat records the way GeoReport v2 does (schemaless, no namespace): the XML declaration,
 * a root element, one item element per record with one child per field; null becomes `<field/>`.
 */
export function toXmlList(root: string, item: string, records: readonly Record<string, unknown>[]): string {
  const items = records.map(
    (r) =>
      `<${item}>${Object.entries(r)
        .map(([k, v]) => element(k, v))
        .join("")}</${item}>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>\n<${root}>${items.join("")}</${root}>\n`;
}
