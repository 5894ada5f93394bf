import { crc32 } from "node:zlib";
import sharp from "sharp";

/** Where the test photos claim they were taken (Hoàn Kiếm, Hà Nội), as EXIF GPS rationals. */
const GPS = {
  GPSLatitudeRef: "N",
  GPSLatitude: "21/1 1/1 42/1",
  GPSLongitudeRef: "E",
  GPSLongitude: "105/1 51/1 9/1",
};
const XMP =
  '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
  '<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="21,1.7N" exif:GPSLongitude="105,51.15E"/>' +
  "</rdf:RDF></x:xmpmeta>";
/** Words a comment or text chunk carries in the test photos; none may survive stripping. */
export const PHOTO_COMMENT = "GPS 21.0283 105.8525 nha so 12";

/**
 * A 40×20 picture, red on the left half and blue on the right, stored with EXIF Orientation 6
 * (turn 90° clockwise to view: shown 20 wide, 40 tall, red on top), as a phone writes it.
 */
async function sideways() {
  const red = await sharp({ create: { width: 20, height: 20, channels: 3, background: "#d01010" } })
    .png()
    .toBuffer();
  return sharp({ create: { width: 40, height: 20, channels: 3, background: "#1010d0" } }).composite([
    { input: red, left: 0, top: 0 },
  ]);
}

/** Inserts a JPEG segment right after the start-of-image marker. */
function withJpegSegment(jpeg: Buffer, marker: number, body: Buffer): Buffer {
  const header = Buffer.from([0xff, marker, 0, 0]);
  header.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), header, body, jpeg.subarray(2)]);
}

/** Inserts a PNG chunk right after IHDR. */
function withPngChunk(png: Buffer, type: string, data: Buffer): Buffer {
  const afterIhdr = 8 + 12 + png.readUInt32BE(8);
  const chunk = Buffer.alloc(12 + data.length);
  chunk.writeUInt32BE(data.length, 0);
  chunk.write(type, 4, "latin1");
  data.copy(chunk, 8);
  chunk.writeUInt32BE(crc32(chunk.subarray(4, 8 + data.length)), 8 + data.length);
  return Buffer.concat([png.subarray(0, afterIhdr), chunk, png.subarray(afterIhdr)]);
}

/** A phone JPEG: EXIF (camera, GPS, Orientation 6), XMP with GPS and a comment. */
export async function taggedJpeg(): Promise<Buffer> {
  const jpeg = await (await sideways())
    .jpeg({ quality: 95 })
    .withMetadata({ orientation: 6 })
    .withExif({ IFD0: { Make: "Phone", Model: "Camera X" }, IFD3: GPS })
    .withXmp(XMP)
    .toBuffer();
  return withJpegSegment(jpeg, 0xfe, Buffer.from(PHOTO_COMMENT, "latin1"));
}

/** A PNG with an eXIf chunk (GPS, Orientation 6) and a text chunk. */
export async function taggedPng(): Promise<Buffer> {
  const png = await (await sideways())
    .png()
    .withMetadata({ orientation: 6 })
    .withExif({ IFD0: { Make: "Phone" }, IFD3: GPS })
    .toBuffer();
  return withPngChunk(png, "tEXt", Buffer.from(`Comment\0${PHOTO_COMMENT}`, "latin1"));
}

/** A WebP with EXIF (GPS, Orientation 6) and XMP chunks. */
export async function taggedWebp(): Promise<Buffer> {
  return (await sideways())
    .webp({ quality: 95 })
    .withMetadata({ orientation: 6 })
    .withExif({ IFD0: { Make: "Phone" }, IFD3: GPS })
    .withXmp(XMP)
    .toBuffer();
}

/** A small, plain, real JPEG (no metadata) of the given width and height. */
export function plainJpeg(width = 32, height = 24): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: "#208040" } })
    .jpeg()
    .toBuffer();
}

/** Whether the bytes hold a TIFF-structured EXIF block whose first directory points to GPS data. */
export function exifHasGps(bytes: Buffer): boolean {
  for (let at = bytes.indexOf("Exif\0\0"); at >= 0; at = bytes.indexOf("Exif\0\0", at + 1))
    if (tiffHasGps(bytes.subarray(at + 6))) return true;
  // PNG eXIf and WebP EXIF chunks hold the TIFF structure without the "Exif\0\0" prefix.
  for (const order of ["II*\0", "MM\0*"])
    for (let at = bytes.indexOf(order); at >= 0; at = bytes.indexOf(order, at + 1))
      if (tiffHasGps(bytes.subarray(at))) return true;
  return false;
}

function tiffHasGps(tiff: Buffer): boolean {
  if (tiff.length < 8) return false;
  const little = tiff.toString("latin1", 0, 2) === "II";
  const u16 = (at: number) => (little ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
  const u32 = (at: number) => (little ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at));
  const ifd = u32(4);
  if (ifd + 2 > tiff.length) return false;
  const count = u16(ifd);
  for (let i = 0; i < count && ifd + 2 + 12 * i + 12 <= tiff.length; i++)
    if (u16(ifd + 2 + 12 * i) === 0x8825) return true;
  return false;
}

/** The colour at (x, y) of a picture, as [r, g, b]. */
export async function pixelAt(bytes: Buffer, x: number, y: number): Promise<number[]> {
  const { data, info } = await sharp(bytes).raw().toBuffer({ resolveWithObject: true });
  const at = (y * info.width + x) * info.channels;
  return [data[at] ?? -1, data[at + 1] ?? -1, data[at + 2] ?? -1];
}
