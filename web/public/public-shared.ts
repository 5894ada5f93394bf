import type { FastifyReply } from "fastify";
import type { AgencyDirectory } from "../../feedback/routing/agencies.js";
import { html, type SafeHtml } from "../html.js";
import type { NavLink } from "../layout.js";

/** The public area's navigation. */
export const PUBLIC_NAV: NavLink[] = [
  { href: "/phan-anh", label: "Phản ánh đã trả lời" },
  { href: "/thong-ke", label: "Thống kê" },
  { href: "/chat", label: "Hỏi thủ tục, gửi phản ánh" },
];

/** How long browsers and proxies may keep a public page: short, answers appear within a minute. */
export const PAGE_CACHE = "public, max-age=60";
/** Feeds are polled by readers; five minutes is plenty. */
export const FEED_CACHE = "public, max-age=300";

/** Sets the cache header of a public response. */
export function cacheFor(reply: FastifyReply, value: string): FastifyReply {
  return reply.header("cache-control", value);
}

/**
 * The site's address for links in feeds: PUBLIC_URL, else none (links relative to the site).
 * Never the request's Host: a response cached publicly would hand any sender's Host to every reader.
 */
export function siteBase(publicUrl: string | undefined): string {
  return publicUrl ? publicUrl.replace(/\/+$/, "") : "";
}

/** The display name of an agency id, or a plain phrase when the PAKN has none yet. */
export function agencyName(agencies: AgencyDirectory, id: string | null): string {
  if (!id) return "Chưa phân công cơ quan";
  return agencies.get(id)?.name ?? id;
}

/** The first words of a text, cut at a word boundary, whitespace collapsed. */
export function excerpt(text: string, max = 220): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,.;:]+$/, "")}…`;
}

/** A text's paragraphs (split on blank lines and line breaks) as escaped <p> elements. */
export function paragraphs(text: string): SafeHtml {
  const parts = text
    .split(/\r?\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  return html`${parts.map((p) => html`<p>${p}</p>`)}`;
}

/** The on-time mark of an answered PAKN, as a badge with its meaning in words. */
export function onTimeBadge(onTime: boolean | null): SafeHtml | "" {
  if (onTime === null) return "";
  return onTime
    ? html`<span class="badge on-time">Trả lời đúng hạn</span>`
    : html`<span class="badge overdue">Trả lời trễ hạn</span>`;
}
