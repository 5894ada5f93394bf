import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { type PaknAttachment, pakn } from "../../db/schema.js";

/**
 * The only columns the public side ever reads: never the sender's contact details, the original
 * content, the draft answer or the channel identities.
 */
export const PUBLIC_COLUMNS = {
  id: pakn.id,
  code: pakn.code,
  kind: pakn.kind,
  field: pakn.field,
  agencyId: pakn.agencyId,
  publicQuestion: pakn.publicQuestion,
  publicAnswer: pakn.publicAnswer,
  receivedAt: pakn.receivedAt,
  answerDueAt: pakn.answerDueAt,
  answeredAt: pakn.answeredAt,
  publishedAt: pakn.publishedAt,
  rating: pakn.rating,
};

/** A photo the public may see: its number in the PAKN's attachments (1-based) and its type. */
export interface PublicPhoto {
  n: number;
  mimeType: string;
}

/** A published PAKN as the public sees it: redacted texts, agency, field, dates and on-time mark. */
export interface PublishedPakn {
  code: string;
  kind: string;
  field: string | null;
  agencyId: string | null;
  question: string;
  answer: string;
  receivedAt: Date;
  answerDueAt: Date;
  answeredAt: Date | null;
  publishedAt: Date;
  /** Answered by the deadline; null when the answer date is unknown. */
  onTime: boolean | null;
  rating: number | null;
  photos: PublicPhoto[];
}

/** A row selected with PUBLIC_COLUMNS. */
export interface PublicRow {
  id: number;
  code: string;
  kind: string;
  field: string | null;
  agencyId: string | null;
  publicQuestion: string | null;
  publicAnswer: string | null;
  receivedAt: Date;
  answerDueAt: Date;
  answeredAt: Date | null;
  publishedAt: Date | null;
  rating: number | null;
}

/** Whether an answer came by its deadline (answered_at <= answer_due_at). */
export function answeredOnTime(answeredAt: Date | null, answerDueAt: Date): boolean | null {
  return answeredAt ? answeredAt.getTime() <= answerDueAt.getTime() : null;
}

/** The photos an officer marked safe, by their position among the attachments. */
export function safePhotos(attachments: readonly PaknAttachment[] | null | undefined): PublicPhoto[] {
  const out: PublicPhoto[] = [];
  (attachments ?? []).forEach((a, i) => {
    if (isPublicPhoto(a)) out.push({ n: i + 1, mimeType: a.mimeType ?? "image/jpeg" });
  });
  return out;
}

/** Whether an attachment is a stored photo an officer marked safe (nothing else is ever shown). */
export function isPublicPhoto(a: PaknAttachment | undefined): a is PaknAttachment & { path: string } {
  return !!a && a.kind === "image" && a.safe === true && !a.rejected && typeof a.path === "string";
}

/** Maps a row of PUBLIC_COLUMNS (plus its attachments) to what the public sees. */
export function toPublished(row: PublicRow, attachments?: readonly PaknAttachment[] | null): PublishedPakn {
  return {
    code: row.code,
    kind: row.kind,
    field: row.field,
    agencyId: row.agencyId,
    question: row.publicQuestion ?? "",
    answer: row.publicAnswer ?? "",
    receivedAt: row.receivedAt,
    answerDueAt: row.answerDueAt,
    answeredAt: row.answeredAt,
    publishedAt: row.publishedAt ?? row.answeredAt ?? row.receivedAt,
    onTime: answeredOnTime(row.answeredAt, row.answerDueAt),
    rating: row.rating,
    photos: safePhotos(attachments),
  };
}

/** Tracking codes as citizens may type them: any case, spaces around. */
export function normalizeCode(code: string): string {
  return code.trim().toUpperCase();
}

/**
 * One published PAKN by its tracking code; undefined for any code that is unknown or not
 * published, so the public cannot tell an unpublished PAKN from one that never existed.
 */
export async function findPublishedPakn(deps: { db: Db }, code: string): Promise<PublishedPakn | undefined> {
  const wanted = normalizeCode(code);
  if (!/^[A-Z0-9.\-_]{1,40}$/.test(wanted)) return undefined;
  const [row] = await deps.db
    .select({ ...PUBLIC_COLUMNS, attachments: pakn.attachments })
    .from(pakn)
    .where(and(eq(pakn.code, wanted), eq(pakn.status, "published")));
  return row ? toPublished(row, row.attachments) : undefined;
}

/**
 * The stored path of a published PAKN's n-th attachment when it is a photo marked safe (relative
 * to the uploads directory), else undefined; the caller still confines it to that directory.
 */
export async function findPublicPhoto(
  deps: { db: Db },
  input: { code: string; n: number },
): Promise<{ path: string; mimeType?: string } | undefined> {
  if (!Number.isSafeInteger(input.n) || input.n < 1 || input.n > 100) return undefined;
  const wanted = normalizeCode(input.code);
  const [row] = await deps.db
    .select({ attachments: pakn.attachments })
    .from(pakn)
    .where(and(eq(pakn.code, wanted), eq(pakn.status, "published")));
  const a = row?.attachments?.[input.n - 1];
  return isPublicPhoto(a) ? { path: a.path, mimeType: a.mimeType } : undefined;
}
