import { crc32, deflateSync } from "node:zlib";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { AttachmentRejected } from "../../feedback/attachment-rejected.js";
import type { ImageType } from "../../feedback/attachment-store.js";
import { hasPhotoMetadata } from "../../feedback/photo-metadata-scan.js";
import { stripPhotoMetadata } from "../../feedback/strip-photo-metadata.js";
import {
  exifHasGps,
  PHOTO_COMMENT,
  pixelAt,
  plainJpeg,
  taggedJpeg,
  taggedPng,
  taggedWebp,
} from "../helpers/tagged-photos.js";

/** A PNG chunk with its length and checksum. */
function pngChunk(type: string, data: Buffer): Buffer {
  const chunk = Buffer.alloc(12 + data.length);
  chunk.writeUInt32BE(data.length, 0);
  chunk.write(type, 4, "latin1");
  data.copy(chunk, 8);
  chunk.writeUInt32BE(crc32(chunk.subarray(4, 8 + data.length)), 8 + data.length);
  return chunk;
}

/** A valid PNG header claiming 12,000 × 12,000 pixels (144 MP) in a file of a few dozen bytes. */
function pngBomb(): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(12_000, 0);
  ihdr.writeUInt32BE(12_000, 4);
  ihdr.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk("IHDR", ihdr),
    pngChunk("IDAT", deflateSync(Buffer.alloc(12_001 * 16))),
    pngChunk("IEND", Buffer.alloc(0)),
  ]);
}

const FORMATS: [ImageType, () => Promise<Buffer>, string][] = [
  ["image/jpeg", taggedJpeg, "jpeg"],
  ["image/png", taggedPng, "png"],
  ["image/webp", taggedWebp, "webp"],
];

describe("stripping a photo's metadata", () => {
  it.each(FORMATS)(
    "leaves no EXIF, GPS, XMP or text in a %s and shows it the right way up",
    async (type, make, format) => {
      const tagged = await make();
      expect(exifHasGps(tagged)).toBe(true);
      expect(hasPhotoMetadata(tagged, type)).toBe(true);

      const clean = await stripPhotoMetadata(tagged, type);
      const meta = await sharp(clean).metadata();
      expect(meta.format).toBe(format);
      expect(meta.exif).toBeUndefined();
      expect(meta.xmp).toBeUndefined();
      expect(meta.icc).toBeUndefined();
      expect(meta.comments).toBeUndefined();
      expect(exifHasGps(clean)).toBe(false);
      expect(clean.includes(PHOTO_COMMENT)).toBe(false);
      expect(clean.includes("Exif\0\0")).toBe(false);
      expect(hasPhotoMetadata(clean, type)).toBe(false);
      // Orientation 6 applied: 40×20 stored sideways becomes 20×40, its red left half now on top.
      expect([meta.width, meta.height, meta.orientation ?? 1]).toEqual([20, 40, 1]);
      expect((await pixelAt(clean, 10, 5))[0]).toBeGreaterThan(150);
      expect((await pixelAt(clean, 10, 35))[2]).toBeGreaterThan(150);
    },
  );

  it("keeps a photo's size and quality", async () => {
    const photo = await sharp({ create: { width: 1200, height: 900, channels: 3, background: "#6090c0" } })
      .composite([
        {
          input: await sharp({ create: { width: 400, height: 300, channels: 3, background: "#f0e020" } })
            .png()
            .toBuffer(),
          left: 100,
          top: 100,
        },
      ])
      .jpeg({ quality: 85 })
      .toBuffer();
    const clean = await stripPhotoMetadata(photo, "image/jpeg");
    expect(await sharp(clean).metadata()).toMatchObject({ width: 1200, height: 900 });
    const [r, g, b] = await pixelAt(clean, 300, 250);
    expect(r).toBeGreaterThan(220);
    expect(g).toBeGreaterThan(200);
    expect(b).toBeLessThan(60);
  });

  it("refuses a decompression bomb before decoding it, and a file that is no picture", async () => {
    const started = performance.now();
    await expect(stripPhotoMetadata(pngBomb(), "image/png")).rejects.toEqual(
      new AttachmentRejected("too_large"),
    );
    expect(performance.now() - started).toBeLessThan(2_000);
    await expect(
      stripPhotoMetadata(await plainJpeg(64, 64), "image/jpeg", { maxPixels: 1_000 }),
    ).rejects.toEqual(new AttachmentRejected("too_large"));
    const broken = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]), Buffer.alloc(400, 0x20)]);
    await expect(stripPhotoMetadata(broken, "image/jpeg")).rejects.toEqual(
      new AttachmentRejected("not_image"),
    );
  });
});

describe("finding metadata in a photo's bytes", () => {
  it("finds none in a plain picture and some in anything it cannot follow or that trails the picture", async () => {
    const jpeg = await plainJpeg();
    expect(hasPhotoMetadata(jpeg, "image/jpeg")).toBe(false);
    expect(hasPhotoMetadata(Buffer.concat([jpeg, Buffer.from("GPS 21.02 105.85")]), "image/jpeg")).toBe(true);
    expect(hasPhotoMetadata(jpeg.subarray(0, jpeg.length - 10), "image/jpeg")).toBe(true);
    const png = await sharp(jpeg).png().toBuffer();
    expect(hasPhotoMetadata(png, "image/png")).toBe(false);
    expect(hasPhotoMetadata(Buffer.concat([png, Buffer.from("trailer")]), "image/png")).toBe(true);
    const webp = await sharp(jpeg).webp().toBuffer();
    expect(hasPhotoMetadata(webp, "image/webp")).toBe(false);
    expect(hasPhotoMetadata(Buffer.concat([webp, Buffer.from("XMP ")]), "image/webp")).toBe(true);
    expect(hasPhotoMetadata(Buffer.from([0xff, 0xd8, 0xff]), "image/jpeg")).toBe(true);
    expect(hasPhotoMetadata(Buffer.from("RIFF"), "image/webp")).toBe(true);
  });
});
