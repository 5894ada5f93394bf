import { createHash } from "node:crypto";
import type { Redis } from "ioredis";

/**
 * How one throttle bucket slows password guesses down: a few free failures, then a wait that
 * doubles with each further failure up to a ceiling; failures are forgotten one at a time.
 */
export interface ThrottlePolicy {
  /** Failures allowed without any wait. */
  freeFailures: number;
  /** The wait after the first failure past the free ones; it doubles with each further one. */
  firstDelayMs: number;
  /** The longest wait. */
  maxDelayMs: number;
  /** One remembered failure is forgotten per this long without a new one. */
  forgetOneEveryMs: number;
}

/**
 * Guesses at one account from browsers it was never signed in from: at most one guess per 15
 * minutes once slowed down (under 100 a day), so a strong password cannot be guessed online.
 */
export const ACCOUNT_POLICY: ThrottlePolicy = {
  freeFailures: 5,
  firstDelayMs: 15_000,
  maxDelayMs: 15 * 60_000,
  forgetOneEveryMs: 30 * 60_000,
};
/** Guesses from one address at any accounts (an office shares one address, so more are free). */
export const IP_POLICY: ThrottlePolicy = {
  freeFailures: 20,
  firstDelayMs: 5_000,
  maxDelayMs: 5 * 60_000,
  forgetOneEveryMs: 3 * 60_000,
};
/** Guesses from a browser the account was signed in from before, or within one signed-in session. */
export const DEVICE_POLICY: ThrottlePolicy = ACCOUNT_POLICY;

/** A Redis that does not answer within this is treated as absent (this process then counts alone). */
const REDIS_TIMEOUT_MS = 500;
/** Redis keeps a bucket this long after its last failure (wall-clock clean-up only). */
const KEEP_SECONDS = 2 * 24 * 3600;
/** Buckets the in-process fallback remembers at most. */
const MEMORY_LIMIT = 10_000;

/** What the throttle needs: Redis (absent or unreachable: this process counts alone) and the key prefix. */
export interface ThrottleDeps {
  redis?: Redis;
  prefix?: string;
}

/** One counter of failures: its key and policy; on success it is either reset or given one back. */
export interface ThrottleBucket {
  key: string;
  policy: ThrottlePolicy;
  onSuccess: "reset" | "refund";
}

/** What a bucket holds: remembered failures, when the last one was, and until when guesses wait. */
export interface ThrottleState {
  failures: number;
  last: number;
  until: number;
}

/** A short, one-way id, so Redis never holds staff e-mails, addresses or tokens in clear. */
export const hashed = (value: string) => createHash("sha256").update(value).digest("hex").slice(0, 32);

const keyOf = (deps: ThrottleDeps, kind: string, id: string) =>
  `${deps.prefix ?? "motcua:"}login-throttle:${kind}:${id}`;

/** The bucket of guesses at one account (by its e-mail, known or not) from untrusted browsers. */
export function accountBucket(deps: ThrottleDeps, email: string): ThrottleBucket {
  const id = hashed(email.trim().toLowerCase());
  return { key: keyOf(deps, "account", id), policy: ACCOUNT_POLICY, onSuccess: "reset" };
}

/** The bucket of guesses from one client address. */
export function ipBucket(deps: ThrottleDeps, ip: string): ThrottleBucket {
  return { key: keyOf(deps, "ip", hashed(ip)), policy: IP_POLICY, onSuccess: "refund" };
}

/** The bucket of one trusted browser (see trusted-devices.ts) or one session (current-password checks). */
export function deviceBucket(deps: ThrottleDeps, deviceId: string): ThrottleBucket {
  return { key: keyOf(deps, "device", deviceId), policy: DEVICE_POLICY, onSuccess: "reset" };
}

/** The failures a bucket still remembers at `now` (older ones are forgotten one by one). */
export function remembered(state: ThrottleState, policy: ThrottlePolicy, now: number): number {
  const forgotten = Math.floor(Math.max(0, now - state.last) / policy.forgetOneEveryMs);
  return Math.max(0, state.failures - forgotten);
}

/** The state after one more failure at `now`: the wait doubles past the free failures. */
export function charged(state: ThrottleState, policy: ThrottlePolicy, now: number): ThrottleState {
  const failures = remembered(state, policy, now) + 1;
  const over = failures - policy.freeFailures;
  const until = over > 0 ? now + Math.min(policy.firstDelayMs * 2 ** (over - 1), policy.maxDelayMs) : 0;
  return { failures, last: now, until };
}

// The same rules as `charged`, in Redis: every bucket is checked first, then all are charged,
// in one step, so parallel guesses cannot all slip through one open moment.
const TAKE = `
local now = tonumber(ARGV[1])
local blocked = 0
for i, key in ipairs(KEYS) do
  local untilAt = tonumber(redis.call('HGET', key, 'until') or '0')
  if now < untilAt and untilAt > blocked then blocked = untilAt end
end
if blocked > 0 then return {0, tostring(blocked)} end
for i, key in ipairs(KEYS) do
  local base = 2 + (i - 1) * 4
  local free, first, max, forget = tonumber(ARGV[base + 1]), tonumber(ARGV[base + 2]), tonumber(ARGV[base + 3]), tonumber(ARGV[base + 4])
  local n = tonumber(redis.call('HGET', key, 'n') or '0')
  local last = tonumber(redis.call('HGET', key, 'last') or ARGV[1])
  n = math.max(0, n - math.floor(math.max(0, now - last) / forget)) + 1
  local untilAt = 0
  if n > free then untilAt = now + math.min(first * 2 ^ (n - free - 1), max) end
  redis.call('HSET', key, 'n', n, 'last', ARGV[1], 'until', string.format('%.0f', untilAt))
  redis.call('EXPIRE', key, ARGV[2])
end
return {1, '0'}
`;

// Gives one failure back (a refunded bucket) and lifts its wait when the free failures are not used up.
const REFUND = `
local n = tonumber(redis.call('HGET', KEYS[1], 'n') or '0')
if n <= 0 then return 0 end
n = n - 1
redis.call('HSET', KEYS[1], 'n', n)
if n <= tonumber(ARGV[1]) then redis.call('HSET', KEYS[1], 'until', '0') end
return n
`;

/** A Redis call that gives up after half a second, so a Redis that hangs does not hang sign-in. */
export function withTimeout<T>(promise: Promise<T>): Promise<T> {
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

/** This process's buckets, used while Redis is away (guesses stay slowed down, per process). */
const memory = new Map<string, ThrottleState>();

function memoryTake(buckets: readonly ThrottleBucket[], now: number): boolean {
  if (buckets.some((b) => now < (memory.get(b.key)?.until ?? 0))) return false;
  for (const b of buckets) {
    const next = charged(memory.get(b.key) ?? { failures: 0, last: now, until: 0 }, b.policy, now);
    memory.delete(b.key);
    memory.set(b.key, next);
  }
  while (memory.size > MEMORY_LIMIT) {
    const oldest = memory.keys().next().value;
    if (oldest === undefined) break;
    memory.delete(oldest);
  }
  return true;
}

/**
 * Whether a password guess may be checked now; when it may, it is counted as a failure in every
 * bucket at once (given back by `attemptSucceeded`). A guess while any bucket waits is refused
 * and not counted. Without Redis the buckets of this process are used.
 */
export async function takeAttempt(
  deps: ThrottleDeps,
  buckets: readonly ThrottleBucket[],
  now: Date,
): Promise<boolean> {
  const at = now.getTime();
  if (deps.redis && buckets.length > 0) {
    try {
      const args = buckets.flatMap((b) => [
        b.policy.freeFailures,
        b.policy.firstDelayMs,
        b.policy.maxDelayMs,
        b.policy.forgetOneEveryMs,
      ]);
      const reply = (await withTimeout(
        deps.redis.eval(TAKE, buckets.length, ...buckets.map((b) => b.key), at, KEEP_SECONDS, ...args),
      )) as [number, string];
      return reply[0] === 1;
    } catch {
      // Redis is away: fall through to this process's own buckets.
    }
  }
  return memoryTake(buckets, at);
}

/** A guess was right: reset the buckets that are reset on success, give one failure back to the others. */
export async function attemptSucceeded(
  deps: ThrottleDeps,
  buckets: readonly ThrottleBucket[],
): Promise<void> {
  for (const b of buckets) {
    const kept = memory.get(b.key);
    if (kept && b.onSuccess === "reset") memory.delete(b.key);
    if (kept && b.onSuccess === "refund") {
      const failures = Math.max(0, kept.failures - 1);
      memory.set(b.key, { ...kept, failures, until: failures <= b.policy.freeFailures ? 0 : kept.until });
    }
  }
  if (!deps.redis) return;
  try {
    for (const b of buckets)
      await withTimeout(
        b.onSuccess === "reset"
          ? deps.redis.del(b.key)
          : deps.redis.eval(REFUND, 1, b.key, b.policy.freeFailures),
      );
  } catch {
    // Redis is away: nothing to give back there.
  }
}

/** What a bucket holds now: failures still remembered, and until when guesses wait (null: no wait). */
export async function throttleStatus(
  deps: ThrottleDeps,
  bucket: ThrottleBucket,
  now: Date,
): Promise<{ failures: number; waitUntil: Date | null }> {
  let state = memory.get(bucket.key);
  if (deps.redis) {
    try {
      const raw = await withTimeout(deps.redis.hmget(bucket.key, "n", "last", "until"));
      state = raw[0] ? { failures: Number(raw[0]), last: Number(raw[1]), until: Number(raw[2]) } : undefined;
    } catch {
      // Redis is away: what this process knows.
    }
  }
  if (!state) return { failures: 0, waitUntil: null };
  const at = now.getTime();
  return {
    failures: remembered(state, bucket.policy, at),
    waitUntil: state.until > at ? new Date(state.until) : null,
  };
}

/**
 * Forgets a bucket's failures and lifts its wait (an admin clearing an officer's slow-down);
 * false when Redis did not answer (only this process's memory was cleared).
 */
export async function clearThrottle(deps: ThrottleDeps, bucket: ThrottleBucket): Promise<boolean> {
  memory.delete(bucket.key);
  if (!deps.redis) return true;
  try {
    await withTimeout(deps.redis.del(bucket.key));
    return true;
  } catch {
    return false;
  }
}
