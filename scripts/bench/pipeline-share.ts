/**
 * A deterministic place in [0, 1) for a key (FNV-1a, 32 bits, salted): the fakes pick "a share s of
 * chats" or "of phones" with it, so a run is reproducible and the bench can tell which were picked.
 */
export function sharePoint(key: string, salt: string): number {
  let hash = 0x811c9dc5;
  for (const char of `${salt}:${key}`) {
    hash = Math.imul(hash ^ (char.codePointAt(0) ?? 0), 0x01000193) >>> 0;
  }
  // One more mixing round: FNV's low bits follow the last characters (…-1, …-2) too closely.
  hash = Math.imul(hash ^ (hash >>> 16), 0x45d9f3b) >>> 0;
  hash = (hash ^ (hash >>> 16)) >>> 0;
  return hash / 2 ** 32;
}

/** Whether `key` falls in the share `share` (0 none, 1 all) of keys for this salt. */
export function inShare(key: string, share: number, salt: string): boolean {
  return share > 0 && sharePoint(key, salt) < share;
}
