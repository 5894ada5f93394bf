import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { QUEUES } from "../../feedback/queue-names.js";

/** The pipeline's queue depths in Prometheus text, read through BullMQ's own export. */
export interface QueueMetrics {
  /** Every queue's job counts by state and its completed/failed totals, one family each. */
  text(): Promise<string>;
  close(): Promise<void>;
}

/**
 * Merges several Prometheus texts into one exposition: each metric family's HELP and TYPE once,
 * followed by all of its samples. (Every `Queue.exportPrometheusMetrics()` repeats its headers,
 * and a family declared twice is invalid.)
 */
export function mergePrometheusTexts(texts: readonly string[]): string {
  const families = new Map<string, { head: string[]; samples: string[] }>();
  const family = (name: string) => {
    const known = families.get(name);
    if (known) return known;
    const created = { head: [] as string[], samples: [] as string[] };
    families.set(name, created);
    return created;
  };
  for (const text of texts) {
    for (const line of text.split("\n")) {
      if (!line.trim()) continue;
      const header = /^# (HELP|TYPE) (\S+)/.exec(line);
      if (header) {
        const f = family(header[2] as string);
        if (!f.head.some((h) => h.startsWith(`# ${header[1]} `))) f.head.push(line);
        continue;
      }
      if (line.startsWith("#")) continue;
      family(/^[^{\s]+/.exec(line)?.[0] ?? line).samples.push(line);
    }
  }
  return [...families.values()].map((f) => [...f.head, ...f.samples].join("\n")).join("\n");
}

/**
 * Read-only Queue objects for every pipeline queue, opened on first scrape on the given connection
 * (a Queue issues plain commands, so it can share the web role's fail-fast connection; only
 * workers need a connection of their own that waits for Redis).
 */
export function createQueueMetrics(
  connection: Redis,
  options: { prefix?: string; onError?: (err: Error) => void } = {},
): QueueMetrics {
  let queues: Queue[] | undefined;
  const open = () => {
    queues ??= Object.values(QUEUES).map((name) => {
      const queue = new Queue(name, { connection, prefix: options.prefix });
      queue.on("error", (err) => options.onError?.(err));
      return queue;
    });
    return queues;
  };
  const close = async () => {
    const opened = queues;
    queues = undefined;
    if (opened) await Promise.allSettled(opened.map((q) => q.close()));
  };
  return {
    async text() {
      try {
        return mergePrometheusTexts(await Promise.all(open().map((q) => q.exportPrometheusMetrics())));
      } catch (err) {
        // A Queue that failed to start stays failed: open fresh ones on the next scrape.
        await close();
        throw err;
      }
    },
    close,
  };
}
