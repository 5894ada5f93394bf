import { mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Worker } from "bullmq";
import { eq } from "drizzle-orm";
import type { Redis } from "ioredis";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTelegramFileFetcher } from "../../bot/channels/telegram/download-file.js";
import type { Database } from "../../db/client.js";
import { outbox, pakn } from "../../db/schema.js";
import { type AttachmentStore, createAttachmentStore } from "../../feedback/attachment-store.js";
import { createPakn } from "../../feedback/pakn-repo.js";
import { QUEUES } from "../../feedback/queue-names.js";
import { type FetchPhoto, storePaknPhotos } from "../../feedback/store-pakn-photos.js";
import { photoFetcher, startAttachmentsWorker } from "../../workers/attachments-worker.js";
import { relayOutbox } from "../../workers/outbox-relay.js";
import {
  closeQueues,
  createQueueConnection,
  createQueues,
  type PipelineQueues,
} from "../../workers/queues.js";
import { createTestDatabase, DRIVERS } from "../helpers/databases.js";
import { type FakeTelegram, startFakeTelegram } from "../helpers/fake-telegram.js";
import { jpegBytes } from "../helpers/image-bytes.js";
import { silentLogger } from "../helpers/knowledge.js";
import { confirmedPakn } from "../helpers/pakn.js";
import { createTestRedis, TEST_REDIS_URL } from "../helpers/redis.js";
import { exifHasGps, plainJpeg, taggedJpeg } from "../helpers/tagged-photos.js";

const TOKEN = "123456:attachments-test-token";
const MAX_BYTES = 50_000;

/** A stand-in for Zalo's image CDN: serves fixed bodies by path, counts requests, can fail on demand. */
async function startImageHost() {
  const bodies = new Map<string, { body: Buffer; type: string; chunked?: boolean }>();
  const hits: string[] = [];
  let failNext = 0;
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? "").split("?")[0] ?? "";
    hits.push(path);
    if (failNext > 0) {
      failNext--;
      res.writeHead(503).end();
      return;
    }
    const item = bodies.get(path);
    if (!item) {
      res.writeHead(404).end();
      return;
    }
    if (item.chunked) {
      res.writeHead(200, { "content-type": item.type });
      for (let i = 0; i < item.body.length; i += 16_384) res.write(item.body.subarray(i, i + 16_384));
      res.end();
      return;
    }
    res.writeHead(200, { "content-type": item.type, "content-length": item.body.length }).end(item.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    hits,
    serve: (path: string, body: Buffer, type = "image/jpeg", chunked = false) =>
      bodies.set(path, { body, type, chunked }),
    failNext: (n: number) => {
      failNext = n;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function until(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("timed out");
}

describe.each(DRIVERS)("fetching and storing a PAKN's photos on %s", (driver) => {
  const r = createTestRedis();
  const prefix = r.prefix.slice(0, -1);
  let database: Database;
  let dispose: () => Promise<void>;
  let telegram: FakeTelegram;
  let host: Awaited<ReturnType<typeof startImageHost>>;
  let dir: string;
  let store: AttachmentStore;
  let fetchPhoto: FetchPhoto;
  let connection: Redis;
  let queues: PipelineQueues;
  let worker: Worker;

  beforeAll(async () => {
    ({ database, dispose } = await createTestDatabase(driver));
    telegram = await startFakeTelegram(TOKEN);
    host = await startImageHost();
    dir = await mkdtemp(join(tmpdir(), "motcua-uploads-"));
    store = createAttachmentStore({ dir, maxBytes: MAX_BYTES });
    fetchPhoto = photoFetcher({
      telegram: createTelegramFileFetcher({ token: TOKEN, apiRoot: telegram.apiRoot, maxBytes: MAX_BYTES }),
      maxBytes: MAX_BYTES,
      timeoutMs: 5_000,
    });
    connection = createQueueConnection(TEST_REDIS_URL);
    queues = createQueues(connection, { prefix });
    worker = startAttachmentsWorker({
      db: database.db,
      store,
      fetchPhoto,
      connection,
      logger: silentLogger,
      prefix,
    });
  });
  afterAll(async () => {
    await worker.close();
    await closeQueues(queues);
    await connection.quit();
    await telegram.close();
    await host.close();
    await rm(dir, { recursive: true, force: true });
    await dispose();
    await r.dispose();
  });

  const attachmentsOf = async (id: number) =>
    (await database.db.select({ a: pakn.attachments }).from(pakn).where(eq(pakn.id, id)))[0]?.a ?? [];

  it("stores a Telegram photo and a Zalo photo through the outbox and the queue", async () => {
    // Sent as a file, a phone photo keeps its EXIF: where it was taken, and which way is up.
    const photo = await taggedJpeg();
    const fileId = telegram.addFile(photo);
    host.serve("/zalo/a.jpg", await plainJpeg(64, 48));
    const { row } = await createPakn(
      database.db,
      confirmedPakn("att-1", {
        attachments: [
          { kind: "image", url: `file-id:${fileId}` },
          { kind: "location", latitude: 16.05, longitude: 108.2 },
          { kind: "image", url: `${host.base}/zalo/a.jpg?sig=secret-signature` },
        ],
      }),
    );
    const jobs = await database.db.select().from(outbox).where(eq(outbox.queue, QUEUES.attachments));
    expect(jobs.map((j) => j.jobId)).toContain(`attachments-${row.id}`);
    await relayOutbox({ db: database.db, queues });
    await until(async () => (await attachmentsOf(row.id)).every((a) => a.kind !== "image" || a.path));
    const stored = await attachmentsOf(row.id);
    const sizeOf = async (path: string) => (await stat(join(dir, path))).size;
    expect(stored[0]).toMatchObject({
      path: `pakn/${row.id}/photo-1.jpg`,
      mimeType: "image/jpeg",
      size: await sizeOf(`pakn/${row.id}/photo-1.jpg`),
    });
    expect(stored[1]).toEqual({ kind: "location", latitude: 16.05, longitude: 108.2 });
    expect(stored[2]).toMatchObject({
      path: `pakn/${row.id}/photo-3.jpg`,
      mimeType: "image/jpeg",
      size: await sizeOf(`pakn/${row.id}/photo-3.jpg`),
    });
    const kept = await readFile(join(dir, `pakn/${row.id}/photo-1.jpg`));
    expect(exifHasGps(kept)).toBe(false);
    const meta = await sharp(kept).metadata();
    expect([meta.format, meta.width, meta.height, meta.exif]).toEqual(["jpeg", 20, 40, undefined]);
    expect(await sharp(join(dir, `pakn/${row.id}/photo-3.jpg`)).metadata()).toMatchObject({
      width: 64,
      height: 48,
    });
    expect(telegram.callsOf("getFile")[0]?.body.file_id).toBe(fileId);
  });

  it("writes no attachments job for a PAKN without photos", async () => {
    const { row } = await createPakn(database.db, confirmedPakn("att-none"));
    const jobs = await database.db
      .select()
      .from(outbox)
      .where(eq(outbox.jobId, `attachments-${row.id}`));
    expect(jobs).toHaveLength(0);
  });

  it("refuses an oversized file, a non-image and a broken picture, recording why, and keeps no file", async () => {
    const bigOnTelegram = telegram.addFile(jpegBytes(1_000), { fileSize: MAX_BYTES + 1 });
    host.serve("/zalo/big.jpg", jpegBytes(MAX_BYTES + 10_000), "image/jpeg", true);
    host.serve("/zalo/page.jpg", Buffer.from("<html><body>Đăng nhập</body></html>"), "image/jpeg");
    // JPEG's first bytes and nothing a decoder can show.
    host.serve("/zalo/broken.jpg", jpegBytes(2_000));
    const { row } = await createPakn(
      database.db,
      confirmedPakn("att-2", {
        attachments: [
          { kind: "image", url: `file-id:${bigOnTelegram}`, size: 900 },
          { kind: "image", url: `${host.base}/zalo/big.jpg` },
          { kind: "image", url: `${host.base}/zalo/page.jpg`, mimeType: "image/jpeg" },
          { kind: "image", url: `${host.base}/zalo/deleted.jpg` },
          { kind: "image", url: "file:///etc/passwd" },
          { kind: "image", url: `${host.base}/zalo/broken.jpg` },
        ],
      }),
    );
    const result = await storePaknPhotos({ db: database.db, store, fetchPhoto }, { paknId: row.id });
    expect(result).toEqual({ stored: 0, rejected: 6, pending: 0 });
    const reasons = (await attachmentsOf(row.id)).map((a) => [a.rejected, a.path, a.mimeType, a.size]);
    expect(reasons).toEqual([
      ["too_large", undefined, undefined, undefined],
      ["too_large", undefined, undefined, undefined],
      ["not_image", undefined, undefined, undefined],
      ["gone", undefined, undefined, undefined],
      ["unsupported_reference", undefined, undefined, undefined],
      ["not_image", undefined, undefined, undefined],
    ]);
    await expect(readdir(join(dir, "pakn", String(row.id)))).rejects.toThrow();
    // A refused file is not fetched again.
    const downloads = host.hits.length;
    expect(await storePaknPhotos({ db: database.db, store, fetchPhoto }, { paknId: row.id })).toEqual({
      stored: 0,
      rejected: 0,
      pending: 0,
    });
    expect(host.hits.length).toBe(downloads);
  });

  it("stores a photo once however often the job is delivered", async () => {
    const fileId = telegram.addFile(await plainJpeg(50, 40));
    const { row } = await createPakn(
      database.db,
      confirmedPakn("att-3", { attachments: [{ kind: "image", url: `file-id:${fileId}` }] }),
    );
    const deps = { db: database.db, store, fetchPhoto };
    const downloadsBefore = telegram.fileDownloads.length;
    await Promise.all([storePaknPhotos(deps, { paknId: row.id }), storePaknPhotos(deps, { paknId: row.id })]);
    const afterFirst = await attachmentsOf(row.id);
    expect(await storePaknPhotos(deps, { paknId: row.id })).toEqual({ stored: 0, rejected: 0, pending: 0 });
    // The redelivered job (a new job id, as after a Redis loss) is done without another download.
    await queues[QUEUES.attachments].add(
      QUEUES.attachments,
      { paknId: row.id },
      { jobId: `again-${row.id}` },
    );
    await until(
      async () => (await queues[QUEUES.attachments].getJobState(`again-${row.id}`)) === "completed",
    );
    expect(telegram.fileDownloads.length - downloadsBefore).toBeLessThanOrEqual(2);
    expect(await readdir(join(dir, "pakn", String(row.id)))).toEqual(["photo-1.jpg"]);
    expect(await attachmentsOf(row.id)).toEqual(afterFirst);
    expect(afterFirst[0]).toMatchObject({
      path: `pakn/${row.id}/photo-1.jpg`,
      size: (await stat(join(dir, `pakn/${row.id}/photo-1.jpg`))).size,
    });
  });

  it("retries a photo host that is down, and gives up with a reason on the last attempt", async () => {
    host.serve("/zalo/later.jpg", await plainJpeg());
    const { row } = await createPakn(
      database.db,
      confirmedPakn("att-4", {
        channel: "zalo-oa",
        attachments: [{ kind: "image", url: `${host.base}/zalo/later.jpg` }],
      }),
    );
    const deps = { db: database.db, store, fetchPhoto };
    host.failNext(1);
    await expect(storePaknPhotos(deps, { paknId: row.id })).rejects.toThrow(/answered 503/);
    expect((await attachmentsOf(row.id))[0]?.path).toBeUndefined();
    expect(await storePaknPhotos(deps, { paknId: row.id })).toEqual({ stored: 1, rejected: 0, pending: 0 });

    const { row: other } = await createPakn(
      database.db,
      confirmedPakn("att-5", { attachments: [{ kind: "image", url: `${host.base}/zalo/later.jpg` }] }),
    );
    host.failNext(1);
    expect(await storePaknPhotos(deps, { paknId: other.id, lastAttempt: true })).toEqual({
      stored: 0,
      rejected: 1,
      pending: 0,
    });
    expect((await attachmentsOf(other.id))[0]?.rejected).toBe("unavailable");
  });

  it("never puts the file URL's token or query in an error", async () => {
    const { row } = await createPakn(
      database.db,
      confirmedPakn("att-6", {
        attachments: [{ kind: "image", url: "http://127.0.0.1:1/x.jpg?access=abc" }],
      }),
    );
    const error = await storePaknPhotos({ db: database.db, store, fetchPhoto }, { paknId: row.id }).catch(
      (err: Error) => err,
    );
    expect(String((error as Error).message)).toBe("download from 127.0.0.1:1 failed");
  });
});
