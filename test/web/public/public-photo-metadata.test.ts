import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pakn } from "../../../db/schema.js";
import { createAttachmentStore } from "../../../feedback/attachment-store.js";
import { storePaknPhotos } from "../../../feedback/store-pakn-photos.js";
import { DRIVERS } from "../../helpers/databases.js";
import { seedPublicPakn } from "../../helpers/published-pakn.js";
import { buildTestSite, type TestSite } from "../../helpers/site.js";
import { exifHasGps, PHOTO_COMMENT, pixelAt, taggedJpeg } from "../../helpers/tagged-photos.js";

const at = (iso: string) => new Date(`${iso}+07:00`);

/** Everything a photo could tell about where and with what it was taken. */
async function expectNoMetadata(bytes: Buffer) {
  const meta = await sharp(bytes).metadata();
  expect(meta.exif).toBeUndefined();
  expect(meta.xmp).toBeUndefined();
  expect(meta.iptc).toBeUndefined();
  expect(meta.comments).toBeUndefined();
  expect(bytes.includes("Exif\0\0")).toBe(false);
  expect(exifHasGps(bytes)).toBe(false);
  expect(bytes.includes("GPSLatitude")).toBe(false);
  expect(bytes.includes(PHOTO_COMMENT)).toBe(false);
  expect(bytes.includes("Camera X")).toBe(false);
}

/** Shown the right way up: 20 wide, 40 tall, red on top and blue below (stored sideways with Orientation 6). */
async function expectUpright(bytes: Buffer) {
  const meta = await sharp(bytes).metadata();
  expect([meta.width, meta.height]).toEqual([20, 40]);
  expect(meta.orientation ?? 1).toBe(1);
  const [r, , b] = await pixelAt(bytes, 10, 5);
  expect(r).toBeGreaterThan(150);
  expect(b).toBeLessThan(80);
  const [r2, , b2] = await pixelAt(bytes, 10, 35);
  expect(r2).toBeLessThan(80);
  expect(b2).toBeGreaterThan(150);
}

describe.each(DRIVERS)("a citizen's phone photo published on %s", (driver) => {
  let t: TestSite;
  let uploads: string;
  let photo: Buffer;

  beforeAll(async () => {
    uploads = await mkdtemp(join(tmpdir(), "motcua-photo-gps-"));
    t = await buildTestSite({ driver, site: { uploadsDir: uploads }, clock: at("2026-03-20T09:00:00") });
    photo = await taggedJpeg();
  });
  afterAll(async () => {
    await t?.dispose();
    await rm(uploads, { recursive: true, force: true });
  });

  const markSafe = async (id: number) => {
    const [row] = await t.database.db.select().from(pakn).where(eq(pakn.id, id));
    const attachments = (row?.attachments ?? []).map((a) => ({ ...a, safe: true }));
    await t.database.db.update(pakn).set({ attachments }).where(eq(pakn.id, id));
  };

  it("is stored and served without its GPS position or any other metadata, the right way up", async () => {
    // The fixture really is a phone photo with a position and a sideways orientation.
    expect(exifHasGps(photo)).toBe(true);
    expect((await sharp(photo).metadata()).orientation).toBe(6);
    const item = await seedPublicPakn(t.database.db, {
      content: "Ổ gà lớn giữa đường, xe máy ngã nhiều lần.",
      attachments: [{ kind: "image", url: "file-id:AgACAgIAAxkBAAIBQ2" }],
      receivedAt: at("2026-03-05T09:00:00"),
      publishedAt: at("2026-03-13T09:00:00"),
    });
    const store = createAttachmentStore({ dir: uploads, maxBytes: 100_000 });
    const result = await storePaknPhotos(
      { db: t.database.db, store, fetchPhoto: async () => photo },
      { paknId: item.id },
    );
    expect(result).toEqual({ stored: 1, rejected: 0, pending: 0 });
    await markSafe(item.id);

    const res = await t.app.inject({ method: "GET", url: `/phan-anh/${item.code}/anh/1` });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("image/jpeg");
    await expectNoMetadata(res.rawPayload);
    await expectUpright(res.rawPayload);
  });

  it("never serves the position of a photo stored before metadata was stripped", async () => {
    const item = await seedPublicPakn(t.database.db, {
      content: "Cây đổ chắn ngang đường liên thôn sau bão.",
      receivedAt: at("2026-03-06T09:00:00"),
      publishedAt: at("2026-03-14T09:00:00"),
    });
    // As the store used to write it: the citizen's bytes, unchanged.
    await mkdir(join(uploads, "pakn", String(item.id)), { recursive: true });
    await writeFile(join(uploads, "pakn", String(item.id), "photo-1.jpg"), photo);
    await t.database.db
      .update(pakn)
      .set({
        attachments: [
          {
            kind: "image",
            path: `pakn/${item.id}/photo-1.jpg`,
            mimeType: "image/jpeg",
            size: photo.length,
            safe: true,
          },
        ],
      })
      .where(eq(pakn.id, item.id));

    const url = `/phan-anh/${item.code}/anh/1`;
    const views = await Promise.all([1, 2, 3].map(() => t.app.inject({ method: "GET", url })));
    for (const res of views) {
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-type"]).toBe("image/jpeg");
      await expectNoMetadata(res.rawPayload);
      await expectUpright(res.rawPayload);
      // Every view gets the same clean bytes.
      expect(res.rawPayload.equals(views[0]?.rawPayload ?? Buffer.alloc(0))).toBe(true);
    }
    const later = await t.app.inject({ method: "GET", url });
    expect(later.rawPayload.equals(views[0]?.rawPayload ?? Buffer.alloc(0))).toBe(true);
  });
});
