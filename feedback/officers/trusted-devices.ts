import { randomBytes } from "node:crypto";
import { hashed, type ThrottleDeps, withTimeout } from "./login-rate-limit.js";

/** How long a browser stays trusted for the account last signed in from it. */
export const TRUSTED_DEVICE_DAYS = 180;

const TOKEN = /^[A-Za-z0-9_-]{30,64}$/;

const keyOf = (deps: ThrottleDeps, deviceId: string) => `${deps.prefix ?? "motcua:"}login-device:${deviceId}`;
const accountOf = (email: string) => hashed(email.trim().toLowerCase());

/**
 * Remembers that a browser signed in to an account, so that its later guesses count in a bucket
 * of their own and others' guesses at the account never hold it up; returns the cookie token.
 */
export async function trustDevice(deps: ThrottleDeps, email: string): Promise<string | undefined> {
  if (!deps.redis) return undefined;
  const token = randomBytes(32).toString("base64url");
  try {
    await withTimeout(
      deps.redis.set(keyOf(deps, hashed(token)), accountOf(email), "EX", TRUSTED_DEVICE_DAYS * 24 * 3600),
    );
    return token;
  } catch {
    return undefined;
  }
}

/** The id of a browser's device token when it is trusted for this account (else null). */
export async function trustedDeviceId(
  deps: ThrottleDeps,
  token: string | undefined,
  email: string,
): Promise<string | null> {
  if (!deps.redis || !token || !TOKEN.test(token)) return null;
  const deviceId = hashed(token);
  try {
    const account = await withTimeout(deps.redis.get(keyOf(deps, deviceId)));
    return account === accountOf(email) ? deviceId : null;
  } catch {
    return null;
  }
}
