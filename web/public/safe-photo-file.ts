import { readFile, realpath } from "node:fs/promises";
import { isAbsolute, relative, resolve, sep } from "node:path";
import { type ImageType, sniffImageType } from "../../feedback/attachment-store.js";

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
 * bytes. Undefined for anything else (missing file, other path, not an image).
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
    return type ? { bytes, type } : undefined;
  } catch {
    return undefined;
  }
}
