import { chmodSync, lstatSync, mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";

/** Where a warning about a directory's permissions goes (the process's logger or stderr). */
export type WarnFn = (message: string) => void;

const toStderr: WarnFn = (message) => process.stderr.write(`warning: ${message}\n`);
const octal = (mode: number) => (mode & 0o777).toString(8).padStart(3, "0");

/**
 * Makes this process create files and directories owner-only from now on, whatever the umask it
 * was started with: the data directory holds password hashes, citizens' phones and photos.
 */
export function restrictUmask(): void {
  try {
    process.umask(process.umask() | 0o077);
  } catch {
    // Worker threads cannot change the umask; the directories are still made owner-only below.
  }
}

/**
 * Creates `dir` owner-only (0700), or makes an existing one owner-only with a warning when other
 * users could read or enter it; refuses (throws) when it cannot, e.g. a directory of another user.
 */
export function ensurePrivateDir(dir: string, warn: WarnFn = toStderr): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const { mode } = lstatSync(dir);
  if ((mode & 0o077) === 0) return;
  try {
    chmodSync(dir, 0o700);
  } catch {
    throw new Error(
      `${dir} is open to other users (mode ${octal(mode)}) and cannot be made owner-only by this user; ` +
        "it holds personal data: make it owner-only (chmod 700) as its owner, or choose another DATA_DIR.",
    );
  }
  warn(`${dir} was open to other users (mode ${octal(mode)}); made it owner-only (700)`);
}

/**
 * Takes group and other permissions off every file and directory under `dir` (PGlite writes its
 * initial files world-writable, 0666, whatever the umask); returns how many entries it changed.
 */
export function tightenTree(dir: string): number {
  let changed = 0;
  const visit = (path: string) => {
    const stat = lstatSync(path);
    if (stat.isSymbolicLink()) return;
    if (stat.mode & 0o077) {
      try {
        chmodSync(path, stat.mode & 0o700);
        changed++;
      } catch {
        // Not ours to change; the owner-only directory above still keeps others out.
      }
    }
    if (stat.isDirectory()) for (const name of readdirSync(path)) visit(join(path, name));
  };
  visit(dir);
  return changed;
}
