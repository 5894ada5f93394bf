import { readFile, realpath } from "node:fs/promises";
import { isAbsolute, relative, resolve, sep } from "node:path";
import { type ImageType, sniffImageType } from "../../feedback/attachment-store.js";
import { hasPhotoMetadata } from "../../feedback/photo-metadata-scan.js";
import { stripPhotoMetadata } from "../../feedback/strip-photo-metadata.js";

/** The only stored photo names the attachment store makes: `pakn/<id>/photo-<n>.<ext>`. */
const STORED_NAME = /^pakn\/\d{1,15}\/photo-\d{1,3}\.(?:jpg|png|webp)$/;

/** Whether `child` is `root` itself or lies inside it. */
function inside(root: string, child: string): boolean {
  const rel = relative(root, child);
  return rel !== "" && !rel.startsWith(`..${sep}`) && rel !== ".." && !isAbsolute(rel);
}

/**
 * Reads a stored photo for the public, only when its recorded path has the store's own shape and,
 * symbolic links followed, still lies inside the uploads directory; the type is sniffed from the
 * bytes. A photo stored before metadata was stripped at upload is re-encoded without it here, so
 * the public never gets a photo's GPS position. Undefined for anything else (missing file, other
 * path, not an image, a photo that cannot be cleaned).
 */
export async function readStoredPhoto(
  uploadsDir: string,
  storedPath: string,
): Promise<{ bytes: Buffer; type: ImageType } | undefined> {
  if (!STORED_NAME.test(storedPath)) return undefined;
  try {
    const root = await realpath(resolve(uploadsDir));
    const target = resolve(root, storedPath);
    if (!inside(root, target)) return undefined;
    const real = await realpath(target);
    if (!inside(root, real)) return undefined;
    const bytes = await readFile(real);
    const type = sniffImageType(bytes);
    if (!type) return undefined;
    return { bytes: hasPhotoMetadata(bytes, type) ? await stripPhotoMetadata(bytes, type) : bytes, type };
  } catch {
    return undefined;
  }
}
