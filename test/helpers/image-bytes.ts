/** A small JPEG-looking file (SOI + JFIF APP0 marker, padding, EOI): enough for type sniffing. */
export function jpegBytes(size = 2_000): Buffer {
  const bytes = Buffer.alloc(size, 0x20);
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]).copy(bytes);
  bytes[size - 2] = 0xff;
  bytes[size - 1] = 0xd9;
  return bytes;
}

/** The first bytes of a PNG file. */
export function pngBytes(size = 500): Buffer {
  const bytes = Buffer.alloc(size, 0);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(bytes);
  return bytes;
}

/** The first bytes of a WebP file (RIFF container). */
export function webpBytes(size = 500): Buffer {
  const bytes = Buffer.alloc(size, 0);
  Buffer.from("RIFF").copy(bytes);
  bytes.writeUInt32LE(size - 8, 4);
  Buffer.from("WEBPVP8 ").copy(bytes, 8);
  return bytes;
}
