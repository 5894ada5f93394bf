import type { PublishedPakn } from "../../feedback/public/published-item.js";
import { kindLabel } from "../../feedback/status-labels.js";
import { formatVnTime } from "../../feedback/working-calendar.js";
import { excerpt } from "./public-shared.js";

const FEED_TITLE = "Phản ánh, kiến nghị đã được trả lời";
const FEED_DESCRIPTION =
  "Câu trả lời mới nhất của cơ quan nhà nước cho phản ánh, kiến nghị của người dân và doanh nghiệp; thông tin cá nhân đã được ẩn.";

/** Characters XML 1.0 forbids (control characters, lone surrogates, U+FFFE/U+FFFF), removed from feed text. */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Escapes text for XML element content and attributes, dropping characters XML cannot carry. */
export function escapeXml(text: string): string {
  return text.replace(NOT_XML, "").replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** What a feed entry says: the item's title, its link and its text. */
interface Entry {
  url: string;
  title: string;
  text: string;
  published: Date;
  field: string | null;
}

function entries(
  items: readonly PublishedPakn[],
  base: string,
  agencyName: (id: string | null) => string,
): Entry[] {
  return items.map((p) => ({
    url: `${base}/phan-anh/${encodeURIComponent(p.code)}`,
    title: `${kindLabel(p.kind)} ${p.code}: ${excerpt(p.question, 90)}`,
    text: `Nội dung: ${p.question}\n\nTrả lời của ${agencyName(p.agencyId)}:\n${p.answer}`,
    published: p.publishedAt,
    field: p.field,
  }));
}

/** An RSS 2.0 document of the newest answers, with absolute links under `base`. */
export function rssFeed(
  items: readonly PublishedPakn[],
  base: string,
  agencyName: (id: string | null) => string,
): string {
  const list = entries(items, base, agencyName);
  const built = list[0]?.published ?? new Date(0);
  const x = escapeXml;
  const body = list
    .map(
      (e) => `<item>
<title>${x(e.title)}</title>
<link>${x(e.url)}</link>
<guid isPermaLink="true">${x(e.url)}</guid>
<pubDate>${e.published.toUTCString()}</pubDate>
${e.field ? `<category>${x(e.field)}</category>\n` : ""}<description>${x(e.text)}</description>
</item>`,
    )
    .join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
<title>${x(FEED_TITLE)}</title>
<link>${x(`${base}/phan-anh`)}</link>
<description>${x(FEED_DESCRIPTION)}</description>
<language>vi</language>
<lastBuildDate>${built.toUTCString()}</lastBuildDate>
<atom:link href="${x(`${base}/phan-anh/rss.xml`)}" rel="self" type="application/rss+xml"/>
${body}
</channel>
</rss>
`;
}

/** A JSON Feed 1.1 document of the newest answers, with absolute links under `base`. */
export function jsonFeed(
  items: readonly PublishedPakn[],
  base: string,
  agencyName: (id: string | null) => string,
): Record<string, unknown> {
  return {
    version: "https://jsonfeed.org/version/1.1",
    title: FEED_TITLE,
    home_page_url: `${base}/phan-anh`,
    feed_url: `${base}/phan-anh/feed.json`,
    description: FEED_DESCRIPTION,
    language: "vi",
    items: entries(items, base, agencyName).map((e) => ({
      id: e.url,
      url: e.url,
      title: e.title,
      content_text: e.text,
      date_published: formatVnTime(e.published),
      ...(e.field ? { tags: [e.field] } : {}),
    })),
  };
}
