import { randomBytes } from "node:crypto";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { AttachmentRejected } from "./attachment-rejected.js";
import { type StripLimits, stripPhotoMetadata } from "./strip-photo-metadata.js";

/** The image types a PAKN keeps, with the file extension each is stored under. */
export const IMAGE_TYPES = { "image/jpeg": "jpg", "image/png": "png", "image/webp": "webp" } as const;

/** A kept image type. */
export type ImageType = keyof typeof IMAGE_TYPES;

/** The default size limit of one photo: 5 MB. */
export const DEFAULT_UPLOAD_MAX_BYTES = 5 * 1024 * 1024;

const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0) =>
  bytes.length >= at + prefix.length && prefix.every((b, i) => bytes[at + i] === b);

/** The image type read from the file's first bytes (never from a header or a name), if it is one we keep. */
export function sniffImageType(bytes: Uint8Array): ImageType | undefined {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  // RIFF <size> WEBP
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8))
    return "image/webp";
  return undefined;
}

/** A stored photo as the PAKN records it: a path relative to the uploads directory. */
export interface StoredFile {
  path: string;
  mimeType: ImageType;
  size: number;
}

/** Where and how large PAKN photos are kept. */
export interface AttachmentStore {
  readonly dir: string;
  readonly maxBytes: number;
  /**
   * Checks, strips of metadata and writes the `index`-th photo of a PAKN; throws AttachmentRejected
   * when it is refused.
   */
  save(paknId: number, index: number, bytes: Uint8Array): Promise<StoredFile>;
}

/**
 * Stores PAKN photos under `<dir>/pakn/<paknId>/photo-<n>.<ext>`: only JPEG, PNG and WebP (sniffed),
 * at most `maxBytes`, re-encoded upright without metadata (a phone photo's EXIF tells where it
 * was taken), names made here (never from the citizen or the channel), written atomically
 * (temporary file, then rename) with owner-only permissions: photos are personal data until an
 * officer marks them safe. Saving the same photo again replaces the same file.
 */
export function createAttachmentStore(options: {
  dir: string;
  maxBytes?: number;
  limits?: StripLimits;
}): AttachmentStore {
  const maxBytes = options.maxBytes ?? DEFAULT_UPLOAD_MAX_BYTES;
  return {
    dir: options.dir,
    maxBytes,
    async save(paknId, index, bytes) {
      if (!Number.isSafeInteger(paknId) || paknId <= 0 || !Number.isSafeInteger(index) || index < 0)
        throw new Error("attachment store: bad PAKN id or index");
      if (bytes.length > maxBytes) throw new AttachmentRejected("too_large");
      const mimeType = sniffImageType(bytes);
      if (!mimeType) throw new AttachmentRejected("not_image");
      const clean = await stripPhotoMetadata(bytes, mimeType, options.limits);
      const relative = join("pakn", String(paknId), `photo-${index + 1}.${IMAGE_TYPES[mimeType]}`);
      const target = join(options.dir, relative);
      const folder = join(options.dir, "pakn", String(paknId));
      await mkdir(folder, { recursive: true, mode: 0o700 });
      const temporary = join(folder, `.tmp-${randomBytes(6).toString("hex")}`);
      try {
        await writeFile(temporary, clean, { mode: 0o600 });
        await rename(temporary, target);
      } catch (err) {
        await rm(temporary, { force: true });
        throw err;
      }
      return { path: relative.split("\\").join("/"), mimeType, size: clean.length };
    },
  };
}
