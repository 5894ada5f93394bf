import type { ImageType } from "./attachment-store.js";

/** PNG chunks that describe only pixels and their colours: nothing about the camera, place or person. */
const PNG_PIXEL_CHUNKS = new Set([
  "IHDR",
  "PLTE",
  "IDAT",
  "IEND",
  "tRNS",
  "gAMA",
  "cHRM",
  "sRGB",
  "sBIT",
  "pHYs",
  "bKGD",
]);

/** WebP chunks that hold only the picture (lossy, lossless, extended header, alpha). */
const WEBP_PIXEL_CHUNKS = new Set(["VP8 ", "VP8L", "VP8X", "ALPH"]);

const ascii = (bytes: Uint8Array, from: number, length: number) =>
  String.fromCharCode(...bytes.subarray(from, from + length));

/**
 * Whether a JPEG carries anything besides the picture: an APP1–APP15 segment (EXIF with GPS, XMP,
 * ICC, IPTC, maker notes), a comment, an APP0 other than a plain JFIF header (thumbnails), or bytes
 * after the end marker. Anything it cannot follow counts as metadata too.
 */
function jpegHasMetadata(b: Uint8Array): boolean {
  let pos = 2;
  while (pos < b.length) {
    if (b[pos] !== 0xff) return true;
    while (b[pos] === 0xff) pos++; // fill bytes
    const marker = b[pos];
    if (marker === undefined) return true;
    pos++;
    if (marker === 0xd9) return pos !== b.length;
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) continue;
    if (pos + 2 > b.length) return true;
    const length = ((b[pos] ?? 0) << 8) | (b[pos + 1] ?? 0);
    if (length < 2 || pos + length > b.length) return true;
    if ((marker >= 0xe1 && marker <= 0xef) || marker === 0xfe) return true;
    if (marker === 0xe0 && !(length === 16 && ascii(b, pos + 2, 5) === "JFIF\0")) return true;
    pos += length;
    if (marker === 0xda) {
      // Entropy-coded data runs to the next marker that is neither a stuffed 0xFF00 nor a restart.
      while (pos + 1 < b.length) {
        const next = b[pos + 1] ?? 0;
        if (b[pos] === 0xff && next !== 0x00 && next !== 0xff && !(next >= 0xd0 && next <= 0xd7)) break;
        pos++;
      }
      if (pos + 1 >= b.length) return true;
    }
  }
  return true;
}

/** Whether a PNG has any chunk besides pixel data and colour description (text, eXIf, iCCP, time…) or trailing bytes. */
function pngHasMetadata(b: Uint8Array): boolean {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let pos = 8;
  while (pos + 12 <= b.length) {
    const length = view.getUint32(pos);
    const type = ascii(b, pos + 4, 4);
    if (!PNG_PIXEL_CHUNKS.has(type) || pos + 12 + length > b.length) return true;
    pos += 12 + length;
    if (type === "IEND") return pos !== b.length;
  }
  return true;
}

/** Whether a WebP has any chunk besides the picture (EXIF, XMP, ICCP, animation frames) or bytes outside its RIFF box. */
function webpHasMetadata(b: Uint8Array): boolean {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (b.length < 12 || view.getUint32(4, true) + 8 !== b.length) return true;
  let pos = 12;
  while (pos + 8 <= b.length) {
    const size = view.getUint32(pos + 4, true);
    if (!WEBP_PIXEL_CHUNKS.has(ascii(b, pos, 4))) return true;
    pos += 8 + size + (size & 1);
  }
  return pos !== b.length;
}

/**
 * Whether a photo's bytes hold anything besides the picture itself (EXIF with GPS, XMP, IPTC,
 * comments, text chunks, colour profiles, thumbnails, trailing data): such a photo must be
 * re-encoded before anyone outside the staff sees it. Unreadable structure counts as metadata.
 */
export function hasPhotoMetadata(bytes: Uint8Array, type: ImageType): boolean {
  if (type === "image/jpeg") return jpegHasMetadata(bytes);
  if (type === "image/png") return pngHasMetadata(bytes);
  return webpHasMetadata(bytes);
}
