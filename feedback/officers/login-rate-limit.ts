import { createHash } from "node:crypto";
import type { Redis } from "ioredis";

/** Failed sign-ins allowed per e-mail within one window (the account lock-out comes first, at 5). */
export const FAILED_LOGINS_PER_EMAIL = 10;
/** Failed sign-ins allowed per IP address within one window (an office shares one address). */
export const FAILED_LOGINS_PER_IP = 20;
/** The window of the sign-in rate limit. */
export const LOGIN_WINDOW_SECONDS = 5 * 60;
/** A Redis that does not answer within this is treated as absent (the limit fails open). */
const REDIS_TIMEOUT_MS = 500;

/** What the limiter needs: Redis and the prefix of this deployment's (or test's) keys. */
export interface LoginRateDeps {
  redis: Redis;
  prefix?: string;
}

/** Whether the attempt may go ahead, and when the caller may try again when it may not. */
export interface LoginRateResult {
  allowed: boolean;
  retryAfterSeconds: number;
}

const hashed = (value: string) => createHash("sha256").update(value).digest("hex").slice(0, 32);

function withTimeout<T>(promise: Promise<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("redis timeout")), REDIS_TIMEOUT_MS);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}

function keysOf(deps: LoginRateDeps, input: { ip: string; email: string }) {
  const prefix = `${deps.prefix ?? "motcua:"}login-rate:`;
  // The e-mail is hashed so Redis never holds staff addresses in clear.
  return [
    { key: `${prefix}ip:${input.ip}`, limit: FAILED_LOGINS_PER_IP },
    { key: `${prefix}email:${hashed(input.email.trim().toLowerCase())}`, limit: FAILED_LOGINS_PER_EMAIL },
  ];
}

/**
 * Whether a sign-in attempt from this IP address for this e-mail may go ahead: not when either
 * has had too many failures in the current 5-minute window. When Redis is away the attempt is
 * allowed: the per-account lock-out in the database still protects the passwords.
 */
export async function checkLoginRate(
  deps: LoginRateDeps,
  input: { ip: string; email: string },
): Promise<LoginRateResult> {
  const keys = keysOf(deps, input);
  try {
    const multi = deps.redis.multi();
    for (const { key } of keys) multi.get(key).ttl(key);
    const replies = (await withTimeout(multi.exec())) ?? [];
    let retryAfterSeconds = 0;
    keys.forEach(({ limit }, i) => {
      const count = Number(replies[i * 2]?.[1] ?? 0);
      const ttl = Number(replies[i * 2 + 1]?.[1] ?? -1);
      if (count >= limit)
        retryAfterSeconds = Math.max(retryAfterSeconds, ttl > 0 ? ttl : LOGIN_WINDOW_SECONDS);
    });
    return { allowed: retryAfterSeconds === 0, retryAfterSeconds };
  } catch {
    return { allowed: true, retryAfterSeconds: 0 };
  }
}

/** Counts a failed sign-in against its IP address and e-mail (a window starts at the first failure). */
export async function recordFailedLogin(
  deps: LoginRateDeps,
  input: { ip: string; email: string },
): Promise<void> {
  try {
    const multi = deps.redis.multi();
    for (const { key } of keysOf(deps, input)) multi.set(key, 0, "EX", LOGIN_WINDOW_SECONDS, "NX").incr(key);
    await withTimeout(multi.exec());
  } catch {
    // Fail open: the lock-out in the database still counts.
  }
}
