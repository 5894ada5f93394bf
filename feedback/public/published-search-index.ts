import { and, asc, eq, gt, gte, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { rowsOf } from "../../db/migrate.js";
import { pakn } from "../../db/schema.js";
import { PostingList } from "./posting-list.js";
import { searchTokens } from "./search-tokens.js";

/** What the public listing can be narrowed to; every filter is optional. */
export interface PublishedFilters {
  /** Words to find in the code, redacted question or answer, whatever the case and diacritics. */
  q?: string;
  field?: string;
  agencyId?: string;
  /** Received at or after this instant. */
  receivedFrom?: Date;
  /** Received before this instant. */
  receivedBefore?: Date;
}

/** Most words of a query that count (the rest of a pasted paragraph is ignored). */
export const MAX_QUERY_TOKENS = 8;
/** Rows read per round trip while loading. */
const BATCH = 1000;
/** Publications are re-read this far back, for transactions that committed after a later one. */
const OVERLAP_MS = 10 * 60 * 1000;

/**
 * An in-process word index of the published PAKN (tracking code, redacted question and answer,
 * folded like the knowledge base: no case, no diacritics, đ→d), with the few columns the listing
 * filters and sorts on. Published texts never change, so it only grows; each search first asks the
 * database how many items are published (one cheap indexed count) and reads only what is new.
 */
export interface PublishedSearchIndex {
  /** Brings the index up to date with the database. */
  sync(db: Db): Promise<void>;
  /** Ids of the published PAKN matching every filter, newest publication first. */
  search(filters: PublishedFilters): number[];
  /** How many published PAKN the index holds. */
  readonly size: number;
}

/** The folded, distinct words of a query, at most MAX_QUERY_TOKENS. */
export function queryTokens(q: string | undefined): string[] {
  return [...new Set(searchTokens(String(q ?? "").slice(0, 300)))].slice(0, MAX_QUERY_TOKENS);
}

interface IndexedRow {
  id: number;
  code: string;
  publishedAt: Date | null;
  receivedAt: Date;
  agencyId: string | null;
  field: string | null;
  publicQuestion: string | null;
  publicAnswer: string | null;
}

const INDEXED_COLUMNS = {
  id: pakn.id,
  code: pakn.code,
  publishedAt: pakn.publishedAt,
  receivedAt: pakn.receivedAt,
  agencyId: pakn.agencyId,
  field: pakn.field,
  publicQuestion: pakn.publicQuestion,
  publicAnswer: pakn.publicAnswer,
};

/** Creates an empty index; the first `sync` loads every published PAKN in batches. */
export function createPublishedSearchIndex(): PublishedSearchIndex {
  const ids: number[] = [];
  const published: number[] = [];
  const received: number[] = [];
  const agency: (string | null)[] = [];
  const field: (string | null)[] = [];
  const alive: boolean[] = [];
  const byId = new Map<number, number>();
  const postings = new Map<string, PostingList>();
  let live = 0;
  let watermark = Number.NEGATIVE_INFINITY;
  let running: Promise<void> | undefined;

  function add(row: IndexedRow): void {
    if (byId.has(row.id) || !row.publishedAt) return;
    const ordinal = ids.length;
    byId.set(row.id, ordinal);
    ids.push(row.id);
    published.push(row.publishedAt.getTime());
    received.push(row.receivedAt.getTime());
    agency.push(row.agencyId);
    field.push(row.field);
    alive.push(true);
    live++;
    watermark = Math.max(watermark, row.publishedAt.getTime());
    const text = `${row.code} ${row.publicQuestion ?? ""} ${row.publicAnswer ?? ""}`;
    for (const token of new Set(searchTokens(text))) {
      let list = postings.get(token);
      if (!list) {
        list = new PostingList();
        postings.set(token, list);
      }
      list.add(ordinal, ordinal + 1);
    }
  }

  async function readSince(db: Db, since: number): Promise<void> {
    const from = Number.isFinite(since) ? new Date(since - OVERLAP_MS) : undefined;
    let after = 0;
    for (;;) {
      const rows: IndexedRow[] = await db
        .select(INDEXED_COLUMNS)
        .from(pakn)
        .where(
          and(
            eq(pakn.status, "published"),
            gt(pakn.id, after),
            from ? gte(pakn.publishedAt, from) : undefined,
          ),
        )
        .orderBy(asc(pakn.id))
        .limit(BATCH);
      for (const row of rows) add(row);
      const last = rows.at(-1);
      if (rows.length < BATCH || !last) return;
      after = last.id;
    }
  }

  /** The rare slow path: the count still disagrees (an item left the published state, or clocks drifted). */
  async function reconcile(db: Db): Promise<void> {
    const rows = await db.select({ id: pakn.id }).from(pakn).where(eq(pakn.status, "published"));
    const current = new Set(rows.map((r) => r.id));
    for (const [id, ordinal] of byId) {
      if (alive[ordinal] && !current.has(id)) {
        alive[ordinal] = false;
        live--;
      }
    }
    const missing = [...current].filter((id) => !byId.has(id));
    for (let i = 0; i < missing.length; i += BATCH) {
      const chunk = missing.slice(i, i + BATCH);
      const found = await db
        .select(INDEXED_COLUMNS)
        .from(pakn)
        .where(and(eq(pakn.status, "published"), inArray(pakn.id, chunk)));
      for (const row of found) add(row);
    }
  }

  async function syncOnce(db: Db): Promise<void> {
    // Two scalar subqueries, so each takes its own index (status for the count, published_at for the max).
    const result = await db.execute(sql`
      SELECT (SELECT count(*) FROM ${pakn} WHERE ${pakn.status} = 'published') AS n,
        (SELECT floor(extract(epoch from max(${pakn.publishedAt})) * 1000)::float8
           FROM ${pakn} WHERE ${pakn.status} = 'published') AS last`);
    const [state] = rowsOf<{ n: string | number; last: string | number | null }>(result);
    const count = Number(state?.n ?? 0);
    const last = state?.last == null ? Number.NEGATIVE_INFINITY : Number(state.last);
    if (count === live && last <= watermark) return;
    await readSince(db, watermark);
    if (count !== live) await reconcile(db);
  }

  function candidates(tokens: string[]): Iterable<number> | number[] {
    if (tokens.length === 0) return ids.keys();
    const lists: PostingList[] = [];
    for (const token of tokens) {
      const list = postings.get(token);
      if (!list) return [];
      lists.push(list);
    }
    lists.sort((a, b) => a.size - b.size);
    const [smallest, ...rest] = lists as [PostingList, ...PostingList[]];
    const out: number[] = [];
    smallest.forEach((ordinal) => {
      if (rest.every((l) => l.has(ordinal))) out.push(ordinal);
    });
    return out;
  }

  return {
    get size() {
      return live;
    },
    sync(db) {
      running ??= syncOnce(db).finally(() => {
        running = undefined;
      });
      return running;
    },
    search(filters) {
      const from = filters.receivedFrom?.getTime() ?? Number.NEGATIVE_INFINITY;
      const before = filters.receivedBefore?.getTime() ?? Number.POSITIVE_INFINITY;
      const matches: number[] = [];
      for (const o of candidates(queryTokens(filters.q))) {
        if (!alive[o]) continue;
        if (filters.agencyId && agency[o] !== filters.agencyId) continue;
        if (filters.field && field[o] !== filters.field) continue;
        const at = received[o] as number;
        if (at < from || at >= before) continue;
        matches.push(o);
      }
      matches.sort(
        (a, b) =>
          (published[b] as number) - (published[a] as number) || (ids[b] as number) - (ids[a] as number),
      );
      return matches.map((o) => ids[o] as number);
    },
  };
}
