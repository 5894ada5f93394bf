import { open, realpath } from "node:fs/promises";
import { isAbsolute, relative, resolve, sep } from "node:path";
import { type ImageType, sniffImageType } from "../../feedback/attachment-store.js";
import { hasPhotoMetadata } from "../../feedback/photo-metadata-scan.js";
import { stripPhotoMetadata } from "../../feedback/strip-photo-metadata.js";

/** The only stored photo names the attachment store makes: `pakn/<id>/photo-<n>.<ext>`. */
const STORED_NAME = /^pakn\/\d{1,15}\/photo-\d{1,3}\.(?:jpg|png|webp)$/;

/** Bytes of re-encoded copies kept in memory, so an older photo is re-encoded once, not on every view. */
const CLEAN_COPIES_BYTES = 32 * 1024 * 1024;
/** Photos waiting to be re-encoded beyond which further views are turned away (as not found). */
const MAX_WAITING = 4;

const cleanCopies = new Map<string, Buffer>();
let cleanCopiesBytes = 0;
let waiting = 0;
/** One re-encoding at a time: a burst of views costs one core and one decoded picture, not many. */
let lane: Promise<unknown> = Promise.resolve();

/**
 * The photo re-encoded without metadata, from the in-memory copies when it was done before
 * (least recently viewed dropped first); undefined when too many wait already or it cannot be done.
 */
async function cleanCopy(key: string, bytes: Buffer, type: ImageType): Promise<Buffer | undefined> {
  const kept = cleanCopies.get(key);
  if (kept) {
    cleanCopies.delete(key);
    cleanCopies.set(key, kept);
    return kept;
  }
  if (waiting >= MAX_WAITING) return undefined;
  waiting++;
  // A view queued behind another of the same photo takes the copy that one made.
  const run = lane.then(() => cleanCopies.get(key) ?? stripPhotoMetadata(bytes, type));
  lane = run.catch(() => undefined);
  try {
    const clean = await run;
    if (clean.length <= CLEAN_COPIES_BYTES && !cleanCopies.has(key)) {
      cleanCopies.set(key, clean);
      cleanCopiesBytes += clean.length;
      for (const [oldest, copy] of cleanCopies) {
        if (cleanCopiesBytes <= CLEAN_COPIES_BYTES) break;
        cleanCopies.delete(oldest);
        cleanCopiesBytes -= copy.length;
      }
    }
    return clean;
  } catch {
    return undefined;
  } finally {
    waiting--;
  }
}

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
    const file = await open(real, "r");
    let bytes: Buffer;
    let key: string;
    try {
      const info = await file.stat();
      key = `${real}\0${info.size}\0${info.mtimeMs}`;
      bytes = await file.readFile();
    } finally {
      await file.close();
    }
    const type = sniffImageType(bytes);
    if (!type) return undefined;
    if (!hasPhotoMetadata(bytes, type)) return { bytes, type };
    const clean = await cleanCopy(key, bytes, type);
    return clean ? { bytes: clean, type } : undefined;
  } catch {
    return undefined;
  }
}
