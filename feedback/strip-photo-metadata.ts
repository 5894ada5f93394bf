import sharp from "sharp";
import { AttachmentRejected } from "./attachment-rejected.js";
import type { ImageType } from "./attachment-store.js";

/** Largest picture decoded, in pixels (50 MP: any phone photo; a decompression bomb is far larger). */
export const DEFAULT_MAX_PIXELS = 50_000_000;

/** Longest one photo may take to re-encode before the attempt is given up (and retried later). */
export const DEFAULT_STRIP_TIMEOUT_SECONDS = 20;

/** Quality of re-encoded lossy photos: visually the same as a phone's own output. */
const QUALITY = 90;

/** Limits of one re-encoding. */
export interface StripLimits {
  maxPixels?: number;
  timeoutSeconds?: number;
}

// Every photo is decoded once: libvips' operation cache would only hold decoded pixels in memory.
sharp.cache(false);

/** A re-encoding that ran out of time: the machine was busy, so it is worth trying again. */
export class StripTimeout extends Error {
  constructor() {
    super("photo re-encoding timed out");
    this.name = "StripTimeout";
  }
}

/**
 * Re-encodes a photo (of the sniffed `type`) in its own format with the EXIF orientation applied and every piece of
 * metadata left behind (EXIF with GPS, XMP, IPTC, comments, colour profile after conversion to
 * sRGB, PNG text and eXIf chunks, WebP EXIF and XMP chunks), so that a published photo never
 * tells where or with what it was taken. Bounded: pictures over `maxPixels` are refused
 * ("too_large") before decoding, undecodable files are "not_image", and a run over the time limit
 * is a StripTimeout (transient).
 */
export async function stripPhotoMetadata(
  bytes: Uint8Array,
  type: ImageType,
  limits: StripLimits = {},
): Promise<Buffer> {
  const pipeline = sharp(bytes, {
    autoOrient: true,
    failOn: "error",
    limitInputPixels: limits.maxPixels ?? DEFAULT_MAX_PIXELS,
    pages: 1,
  }).timeout({ seconds: limits.timeoutSeconds ?? DEFAULT_STRIP_TIMEOUT_SECONDS });
  const encoded =
    type === "image/jpeg"
      ? pipeline.jpeg({ quality: QUALITY })
      : type === "image/png"
        ? pipeline.png()
        : pipeline.webp({ quality: QUALITY });
  try {
    return await encoded.toBuffer();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (/timeout/i.test(message)) throw new StripTimeout();
    if (/pixel limit/i.test(message)) throw new AttachmentRejected("too_large");
    throw new AttachmentRejected("not_image");
  }
}
