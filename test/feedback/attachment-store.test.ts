import { mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig, uploadsDirOf } from "../../app/config.js";
import { AttachmentRejected } from "../../feedback/attachment-rejected.js";
import { createAttachmentStore, sniffImageType } from "../../feedback/attachment-store.js";
import { jpegBytes, pngBytes, webpBytes } from "../helpers/image-bytes.js";
import {
  exifHasGps,
  PHOTO_COMMENT,
  plainJpeg,
  taggedJpeg,
  taggedPng,
  taggedWebp,
} from "../helpers/tagged-photos.js";

describe("the PAKN photo store", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "motcua-store-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("knows JPEG, PNG and WebP by their bytes and nothing else", () => {
    expect(sniffImageType(jpegBytes())).toBe("image/jpeg");
    expect(sniffImageType(pngBytes())).toBe("image/png");
    expect(sniffImageType(webpBytes())).toBe("image/webp");
    expect(sniffImageType(Buffer.from("GIF89a......"))).toBeUndefined();
    expect(sniffImageType(Buffer.from("<html><body>not a photo</body></html>"))).toBeUndefined();
    expect(sniffImageType(Buffer.from("RIFF\0\0\0\0WAVEfmt "))).toBeUndefined();
    expect(sniffImageType(Buffer.alloc(0))).toBeUndefined();
  });

  it("writes a photo under pakn/<id>/ with a name of its own, readable by the owner only", async () => {
    const store = createAttachmentStore({ dir, maxBytes: 10_000 });
    const photo = await plainJpeg(32, 24);
    const saved = await store.save(42, 0, photo);
    const size = (await stat(join(dir, saved.path))).size;
    expect(saved).toEqual({ path: "pakn/42/photo-1.jpg", mimeType: "image/jpeg", size });
    expect(await sharp(join(dir, saved.path)).metadata()).toMatchObject({
      format: "jpeg",
      width: 32,
      height: 24,
    });
    expect((await stat(join(dir, saved.path))).mode & 0o777).toBe(0o600);
    expect((await store.save(42, 1, await sharp(photo).png().toBuffer())).path).toBe("pakn/42/photo-2.png");
    // The same photo saved again replaces its file: no copies, no temporary files left.
    await store.save(42, 0, photo);
    expect((await readdir(join(dir, "pakn", "42"))).sort()).toEqual(["photo-1.jpg", "photo-2.png"]);
  });

  it.each([
    ["jpg", taggedJpeg],
    ["png", taggedPng],
    ["webp", taggedWebp],
  ])("keeps a .%s photo upright and without its GPS position, camera or comments", async (ext, make) => {
    const store = createAttachmentStore({ dir, maxBytes: 100_000 });
    const tagged = await make();
    expect(exifHasGps(tagged)).toBe(true);
    const saved = await store.save(44, 0, tagged);
    expect(saved.path).toBe(`pakn/44/photo-1.${ext}`);
    const kept = await readFile(join(dir, saved.path));
    expect(saved.size).toBe(kept.length);
    expect(exifHasGps(kept)).toBe(false);
    expect(kept.includes(PHOTO_COMMENT)).toBe(false);
    expect(kept.includes("Phone")).toBe(false);
    const meta = await sharp(kept).metadata();
    expect([meta.exif, meta.xmp, meta.comments, meta.orientation]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect([meta.width, meta.height]).toEqual([20, 40]);
  });

  it("refuses what is too large, not an image or not a picture a decoder can show, writing nothing", async () => {
    const store = createAttachmentStore({ dir, maxBytes: 1_000, limits: { maxPixels: 10_000 } });
    await expect(store.save(43, 0, jpegBytes(1_001))).rejects.toEqual(new AttachmentRejected("too_large"));
    await expect(store.save(43, 0, Buffer.from("%PDF-1.7 ..."))).rejects.toEqual(
      new AttachmentRejected("not_image"),
    );
    await expect(store.save(43, 0, jpegBytes(900))).rejects.toEqual(new AttachmentRejected("not_image"));
    // Few bytes, many pixels: a decompression bomb is refused before it is decoded.
    const wide = await sharp({ create: { width: 400, height: 300, channels: 3, background: "#000" } })
      .png()
      .toBuffer();
    expect(wide.length).toBeLessThan(1_000);
    await expect(store.save(43, 0, wide)).rejects.toEqual(new AttachmentRejected("too_large"));
    await expect(readdir(join(dir, "pakn", "43"))).rejects.toThrow();
  });

  it("lives in DATA_DIR/uploads unless UPLOADS_DIR says otherwise", () => {
    expect(uploadsDirOf(loadConfig({ DATA_DIR: "/srv/motcua" }))).toBe("/srv/motcua/uploads");
    expect(uploadsDirOf(loadConfig({ UPLOADS_DIR: "/mnt/photos" }))).toBe("/mnt/photos");
    expect(loadConfig({}).UPLOAD_MAX_BYTES).toBe(5 * 1024 * 1024);
    expect(() => loadConfig({ UPLOAD_MAX_BYTES: "ten" })).toThrow(/UPLOAD_MAX_BYTES/);
  });
});
