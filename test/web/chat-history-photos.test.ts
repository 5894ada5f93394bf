import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWebInbox } from "../../bot/channels/web-inbox.js";
import type { Database } from "../../db/client.js";
import { pakn } from "../../db/schema.js";
import { createAttachmentStore } from "../../feedback/attachment-store.js";
import { storePaknPhotos } from "../../feedback/store-pakn-photos.js";
import { buildWebApp } from "../../web/app.js";
import { photoFetcher } from "../../workers/attachments-worker.js";
import { createTestDispatcher, testFeedbackService } from "../helpers/bot.js";
import { createTestDatabase } from "../helpers/databases.js";
import { jpegBytes, pngBytes } from "../helpers/image-bytes.js";
import { silentLogger } from "../helpers/knowledge.js";
import { createTestRedis } from "../helpers/redis.js";
import { exifHasGps, taggedJpeg } from "../helpers/tagged-photos.js";

const SECRET = "test-secret-0123456789abcdef";
const MAX_PHOTO = 50_000;

describe("web chat history and photos over HTTP", () => {
  const r = createTestRedis();
  const inbox = createWebInbox(r.redis, { prefix: r.prefix, maxPhotoBytes: MAX_PHOTO });
  let web: FastifyInstance;
  let database: Database;
  let disposeDb: () => Promise<void>;

  beforeAll(async () => {
    ({ database, dispose: disposeDb } = await createTestDatabase("pglite"));
    web = await buildWebApp({
      dispatcher: createTestDispatcher(r, { feedback: testFeedbackService(database.db) }),
      inbox,
      logger: silentLogger,
      sessionSecret: SECRET,
      secureCookies: false,
      probes: { database: async () => 1, redis: () => r.redis.ping(), procedures: () => 2642 },
    });
  }, 120_000);
  afterAll(async () => {
    await web.close();
    await r.dispose();
    await disposeDb();
  });

  const say = (body: object, cookie?: string) =>
    web.inject({
      method: "POST",
      url: "/api/chat/messages",
      headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) },
      payload: JSON.stringify(body),
    });
  const history = (cookie?: string) =>
    web.inject({ url: "/api/chat/history", headers: cookie ? { cookie } : {} }).then((res) => res.json());
  const upload = (bytes: Buffer, type: string, cookie?: string) =>
    web.inject({
      method: "POST",
      url: "/api/chat/photos",
      headers: { "content-type": type, ...(cookie ? { cookie } : {}) },
      payload: bytes,
    });
  /** The staged photos (not their per-conversation counters). */
  const stagedPhotos = async () =>
    (await r.redis.keys(`${r.prefix}web-photo:*`)).filter((k) => !k.includes("web-photo:count:"));
  const start = async () => {
    const first = await say({ text: "đăng ký khai sinh cần giấy tờ gì" });
    const cookie = String(first.headers["set-cookie"]).split(";")[0] as string;
    const conversation = decodeURIComponent(cookie.split("=")[1] ?? "").split(".")[0] as string;
    return { first, cookie, conversation };
  };

  it("gives back the conversation of the cookie, with pressed buttons by their labels and updates in order", async () => {
    const { first, cookie, conversation } = await start();
    const button = first.json().replies.at(-1).buttons[0];
    await say({ payload: button.payload }, cookie);
    await inbox.channel.push?.(conversation, [{ text: "PAKN.20261122.0002: đã tiếp nhận.", buttons: [] }]);

    const { entries, active } = await history(cookie);
    expect(active).toBe(true);
    const users = entries
      .filter((e: { who: string }) => e.who === "user")
      .map((e: { text: string }) => e.text);
    expect(users).toEqual(["đăng ký khai sinh cần giấy tờ gì", button.label]);
    expect(entries.at(-1)).toEqual({ who: "bot", text: "PAKN.20261122.0002: đã tiếp nhận." });
    expect(entries[1].text).toContain("1.001193");
    // Collected once: the update is history now, not news.
    const updates = await web.inject({ url: "/api/chat/updates", headers: { cookie } });
    expect(updates.json()).toEqual({ replies: [] });
    expect((await history(cookie)).entries).toHaveLength(entries.length);
  });

  it("shows nobody else's conversation: no cookie or a forged one gives nothing", async () => {
    const { conversation } = await start();
    expect(await history()).toEqual({ entries: [] });
    expect(await history(`mc_chat=${conversation}`)).toEqual({ entries: [] });
  });

  it("keeps a bounded transcript that expires", async () => {
    const { conversation } = await start();
    const key = `${r.prefix}web-transcript:${conversation}`;
    const ttl = await r.redis.ttl(key);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(24 * 60 * 60);
    await inbox.transcript.append(
      conversation,
      Array.from({ length: 100 }, (_, i) => ({ who: "user" as const, text: `tin ${i}` })),
    );
    const kept = await inbox.transcript.recent(conversation);
    expect(kept).toHaveLength(60);
    expect(kept.at(-1)?.text).toBe("tin 99");
  });

  it("takes a photo the PAKN intake asks for, and the attachments worker stores it like a channel's", async () => {
    const { cookie } = await start();
    await say({ text: "/phananh" }, cookie);
    await say({ payload: "pakn|kind|phan_anh" }, cookie);
    await say(
      { text: "Đoạn đường liên thôn 3 bị ngập sâu nửa mét mỗi khi mưa, học sinh không đi học được" },
      cookie,
    );
    const asked = await say({ text: "Thôn 3, xã Hòa Tiến" }, cookie);
    expect(asked.json().replies.at(-1).text).toContain("ảnh");
    // A phone photo that tells where it was taken: stored without that, as from any channel.
    const photo = await taggedJpeg();
    expect(exifHasGps(photo)).toBe(true);
    const res = await upload(photo, "image/jpeg", cookie);
    expect(res.statusCode).toBe(200);
    expect(res.json().replies[0].text).toContain("Đã nhận 1");
    const { entries } = await history(cookie);
    expect(entries.some((e: { text: string }) => e.text === "[Ảnh đính kèm]")).toBe(true);
    const keys = await stagedPhotos();
    expect(keys).toHaveLength(1);

    for (const step of [{ payload: "pakn|skip" }, { payload: "pakn|yes" }, { text: "Nguyễn Văn An" }]) {
      await say(step, cookie);
    }
    await say({ text: "0912 345 678" }, cookie);
    await say({ text: "Thôn 3, xã Hòa Tiến, TP Đà Nẵng" }, cookie);
    const done = await say({ payload: "pakn|send" }, cookie);
    const code = /PAKN\.\d{8}\.\d{4}/.exec(
      done
        .json()
        .replies.map((x: { text: string }) => x.text)
        .join("\n"),
    )?.[0];
    expect(code).toBeDefined();
    const [row] = await database.db
      .select()
      .from(pakn)
      .where(eq(pakn.code, String(code)));
    expect(row?.attachments[0]?.url).toMatch(/^web-photo:/);

    const dir = await mkdtemp(join(tmpdir(), "motcua-web-photo-"));
    try {
      const outcome = await storePaknPhotos(
        {
          db: database.db,
          store: createAttachmentStore({ dir, maxBytes: MAX_PHOTO }),
          fetchPhoto: photoFetcher({ web: inbox.photos, maxBytes: MAX_PHOTO }),
        },
        { paknId: Number(row?.id) },
      );
      expect(outcome).toMatchObject({ stored: 1, rejected: 0 });
      const [stored] = await database.db
        .select()
        .from(pakn)
        .where(eq(pakn.code, String(code)));
      expect(stored?.attachments[0]?.mimeType).toBe("image/jpeg");
      const kept = await readFile(join(dir, String(stored?.attachments[0]?.path)));
      expect(kept.length).toBeGreaterThan(0);
      expect(exifHasGps(kept)).toBe(false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    await expect(
      photoFetcher({ web: inbox.photos, maxBytes: MAX_PHOTO })(
        "web-photo:00000000-0000-0000-0000-000000000000",
        "web",
      ),
    ).rejects.toMatchObject({ reason: "gone" });
    await expect(
      photoFetcher({ maxBytes: MAX_PHOTO })(String(row?.attachments[0]?.url), "web"),
    ).rejects.toMatchObject({
      reason: "channel_unavailable",
    });
  });

  it("does not keep a photo the conversation did not ask for", async () => {
    const { cookie } = await start();
    const before = (await stagedPhotos()).length;
    const res = await upload(pngBytes(), "image/png", cookie);
    expect(res.statusCode).toBe(200);
    expect((await stagedPhotos()).length).toBe(before);
  });

  it.each([
    [
      "a file that only claims to be a photo",
      Buffer.from("%PDF-1.7 not a photo"),
      "image/jpeg",
      400,
      /JPG, PNG/,
    ],
    ["a photo just over the size limit", pngBytes(MAX_PHOTO + 1), "image/png", 400, /lớn quá/],
    ["a photo far over the size limit", pngBytes(MAX_PHOTO * 3), "image/png", 413, /quá lớn/],
    ["an empty file", Buffer.alloc(0), "image/png", 400, /trống/],
  ])("refuses %s politely and keeps nothing", async (_name, bytes, type, status, text) => {
    const { cookie } = await start();
    const before = (await stagedPhotos()).length;
    const res = await upload(bytes, type, cookie);
    expect(res.statusCode).toBe(status);
    const message = res.json().replies?.[0]?.text ?? res.json().error?.message;
    expect(message).toMatch(text);
    expect(message).toMatch(/[\u00C0-\u1EF9]/);
    expect((await stagedPhotos()).length).toBe(before);
  });

  it("asks for the complaint first when a photo comes without a conversation", async () => {
    const res = await upload(jpegBytes(), "image/jpeg");
    expect(res.statusCode).toBe(400);
    expect(res.json().replies[0].text).toContain("phản ánh");
  });

  it("stops taking photos from one conversation past its limit", async () => {
    const { cookie } = await start();
    const codes: number[] = [];
    for (let i = 0; i < 10; i++) codes.push((await upload(jpegBytes(), "image/jpeg", cookie)).statusCode);
    expect(codes.every((c) => c === 200)).toBe(true);
    const last = await upload(jpegBytes(), "image/jpeg", cookie);
    expect(last.statusCode).toBe(400);
    expect(last.json().replies[0].text).toContain("đủ số ảnh");
  });
});
