import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** A consultation message as the fake received it. */
export interface FakeCsCall {
  accessToken: string;
  userId: string;
  text: string;
  buttons: { title: string; type: string; payload: unknown }[];
  /** The `error` the fake answered (0 = delivered). */
  error: number;
}

/** A refresh request as the fake received it. */
export interface FakeRefreshCall {
  refreshToken: string;
  appId: string;
  grantType: string;
  secretKey: string;
  /** Whether the fake issued a new pair. */
  granted: boolean;
}

/** A ZNS template message as the fake received it. */
export interface FakeZnsCall {
  accessToken: string;
  phone: string;
  templateId: string;
  data: Record<string, string>;
  trackingId: string;
  /** The `error` the fake answered (0 = delivered). */
  error: number;
}

/**
 * A local stand-in for Zalo's OpenAPI v3 (`/v3.0/oa/message/cs`), OAuth v4 (`/v4/oa/access_token`)
 * and the ZNS template API (`/message/template`, same OA token), answering in their wire format.
 */
export interface FakeZaloOa {
  /** Root for both ZALO_API_ROOT and ZALO_OAUTH_ROOT. */
  url: string;
  /** Every consultation-message call, delivered or not, in arrival order. */
  calls: FakeCsCall[];
  refreshCalls: FakeRefreshCall[];
  /** Issues a valid pair (as the OA admin would by authorising the app). */
  issuePair(): { accessToken: string; refreshToken: string };
  /** Makes an access token invalid (Zalo answers -216 for it). */
  revoke(accessToken: string): void;
  /** Makes every send to a user fail with a code (e.g. -230, outside the 7-day window). */
  refuseUser(userId: string, code: number): void;
  /** Notes a user's last message to the OA at `at` (ms): from 7 days after it on, sends get -230. */
  interacted(userId: string, at: number): void;
  /** Zalo's clock for the 7-day window (the test moves it). */
  clock: () => number;
  /** Answers HTTP 500 to the next `n` consultation messages. */
  failHttp(n: number): void;
  /** Delay before answering a consultation message. */
  csDelayMs: number;
  /** Delay before answering a refresh. */
  refreshDelayMs: number;
  /** Delivered messages to one user. */
  deliveredTo(userId: string): FakeCsCall[];
  /** Every ZNS call, delivered or not. */
  znsCalls: FakeZnsCall[];
  /** Approves a ZNS template with its parameter names (the only ones a message may and must fill). */
  approveTemplate(templateId: string, params: string[]): void;
  /** Makes every ZNS message to a phone (84…) fail with a code (e.g. -118, no Zalo account). */
  refusePhone(phone: string, code: number): void;
  /** Answers HTTP 500 to the next `n` ZNS calls. */
  failZnsHttp(n: number): void;
  /** ZNS messages left today; at 0 Zalo answers -144. */
  znsQuota: number;
  /** Delivered ZNS messages to one phone. */
  znsDeliveredTo(phone: string): FakeZnsCall[];
  /** Polls until `predicate` holds (or fails after `timeoutMs`). */
  waitFor(predicate: () => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

const ERRORS: Record<number, string> = {
  [-201]: "Parameters are invalid",
  [-216]: "Access token is invalid",
  [-230]: "User has not interacted with the OA in the past 7 days",
  [-213]: "User has not followed OA",
  [-108]: "Phone number invalid",
  [-109]: "Template ID invalid",
  [-112]: "Template data invalid",
  [-118]: "Zalo account not existed",
  [-144]: "OA has exceeded the daily quota",
};

/** How long after a user's last message the OA may still message them freely. */
const WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** Checks a body against Zalo's documented limits; returns an error code or 0. */
function validate(body: unknown): number {
  const b = body as { recipient?: { user_id?: unknown }; message?: Record<string, unknown> };
  if (typeof b?.recipient?.user_id !== "string" || !b.message) return -201;
  const text = b.message.text;
  if (typeof text !== "string" || !text || text.length > 2000) return -201;
  const attachment = b.message.attachment as { type?: string; payload?: { buttons?: unknown[] } } | undefined;
  if (attachment) {
    const buttons = attachment.payload?.buttons;
    if (attachment.type !== "template" || !Array.isArray(buttons) || !buttons.length || buttons.length > 5)
      return -201;
    for (const raw of buttons) {
      const button = raw as { title?: unknown; type?: unknown; payload?: unknown };
      if (typeof button.title !== "string" || !button.title || button.title.length > 100) return -201;
      if (button.type === "oa.query.hide" || button.type === "oa.query.show") {
        if (typeof button.payload !== "string" || button.payload.length > 1000) return -201;
      }
    }
  }
  return 0;
}

/** Starts the fake on a random local port; `appSecret` is what the refresh endpoint expects in `secret_key`. */
export async function startFakeZaloOa(options: { appId: string; appSecret: string }): Promise<FakeZaloOa> {
  const validAccess = new Set<string>();
  const unusedRefresh = new Set<string>();
  const refused = new Map<string, number>();
  let httpFailures = 0;
  let znsHttpFailures = 0;
  let counter = 0;
  const templates = new Map<string, string[]>();
  const refusedPhones = new Map<string, number>();
  const lastMessage = new Map<string, number>();

  const fake: FakeZaloOa = {
    url: "",
    calls: [],
    refreshCalls: [],
    csDelayMs: 0,
    refreshDelayMs: 0,
    issuePair() {
      counter += 1;
      const pair = {
        accessToken: `at-${counter}-${randomBytes(6).toString("hex")}`,
        refreshToken: `rt-${counter}-${randomBytes(6).toString("hex")}`,
      };
      validAccess.add(pair.accessToken);
      unusedRefresh.add(pair.refreshToken);
      return pair;
    },
    revoke: (token) => void validAccess.delete(token),
    refuseUser: (userId, code) => void refused.set(userId, code),
    interacted: (userId, at) => void lastMessage.set(userId, at),
    clock: Date.now,
    failHttp(n) {
      httpFailures = n;
    },
    deliveredTo: (userId) => fake.calls.filter((c) => c.userId === userId && c.error === 0),
    znsCalls: [],
    approveTemplate: (templateId, params) => void templates.set(templateId, params),
    refusePhone: (phone, code) => void refusedPhones.set(phone, code),
    failZnsHttp(n) {
      znsHttpFailures = n;
    },
    znsQuota: 1_000,
    znsDeliveredTo: (phone) => fake.znsCalls.filter((c) => c.phone === phone && c.error === 0),
    async waitFor(predicate, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate()) {
        if (Date.now() > deadline) throw new Error("fake Zalo: condition not met in time");
        await sleep(10);
      }
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };

  /** ZNS's checks, in Zalo's order: the token, the phone, the template and its data, the quota. */
  function znsError(call: FakeZnsCall): number {
    if (!validAccess.has(call.accessToken)) return -124;
    if (!/^84\d{9}$/.test(call.phone)) return -108;
    const params = templates.get(call.templateId);
    if (!params) return -109;
    const keys = Object.keys(call.data).sort();
    const bad = Object.values(call.data).some((v) => typeof v !== "string" || !v);
    if (bad || keys.join() !== [...params].sort().join()) return -112;
    if (refusedPhones.has(call.phone)) return refusedPhones.get(call.phone) ?? 0;
    if (fake.znsQuota <= 0) return -144;
    return 0;
  }

  const server: Server = createServer(async (req, res) => {
    const answer = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    const raw = await readBody(req);
    if (req.method === "POST" && req.url === "/v3.0/oa/message/cs") {
      if (fake.csDelayMs) await sleep(fake.csDelayMs);
      if (httpFailures > 0) {
        httpFailures -= 1;
        return answer(500, { error: -1, message: "internal error" });
      }
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        return answer(200, { error: -201, message: ERRORS[-201] });
      }
      const accessToken = String(req.headers.access_token ?? "");
      const message = (body.message ?? {}) as { text?: string; attachment?: { payload?: { buttons?: [] } } };
      const userId = String((body.recipient as { user_id?: string } | undefined)?.user_id ?? "");
      let error = validAccess.has(accessToken) ? validate(body) : -216;
      if (error === 0 && refused.has(userId)) error = refused.get(userId) ?? 0;
      const last = lastMessage.get(userId);
      if (error === 0 && last !== undefined && fake.clock() - last > WINDOW_MS) error = -230;
      fake.calls.push({
        accessToken,
        userId,
        text: message.text ?? "",
        buttons: message.attachment?.payload?.buttons ?? [],
        error,
      });
      if (error !== 0) return answer(200, { error, message: ERRORS[error] ?? "error" });
      return answer(200, {
        error: 0,
        message: "Success",
        data: { message_id: randomBytes(10).toString("hex"), user_id: userId },
      });
    }
    if (req.method === "POST" && req.url === "/message/template") {
      if (znsHttpFailures > 0) {
        znsHttpFailures -= 1;
        return answer(500, { error: -1, message: "internal error" });
      }
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        return answer(200, { error: -112, message: ERRORS[-112] });
      }
      const call: FakeZnsCall = {
        accessToken: String(req.headers.access_token ?? ""),
        phone: String(body.phone ?? ""),
        templateId: String(body.template_id ?? ""),
        data: (body.template_data ?? {}) as Record<string, string>,
        trackingId: String(body.tracking_id ?? ""),
        error: 0,
      };
      call.error = znsError(call);
      if (call.error === 0) fake.znsQuota -= 1;
      fake.znsCalls.push(call);
      if (call.error !== 0) return answer(200, { error: call.error, message: ERRORS[call.error] ?? "error" });
      return answer(200, {
        error: 0,
        message: "Success",
        data: { msg_id: randomBytes(16).toString("hex"), sent_time: `${Date.now()}`, quota: {} },
      });
    }
    if (req.method === "POST" && req.url === "/v4/oa/access_token") {
      if (fake.refreshDelayMs) await sleep(fake.refreshDelayMs);
      const form = new URLSearchParams(raw);
      const call: FakeRefreshCall = {
        refreshToken: form.get("refresh_token") ?? "",
        appId: form.get("app_id") ?? "",
        grantType: form.get("grant_type") ?? "",
        secretKey: String(req.headers.secret_key ?? ""),
        granted: false,
      };
      fake.refreshCalls.push(call);
      if (call.secretKey !== options.appSecret || call.appId !== options.appId)
        return answer(200, {
          error: -14002,
          error_name: "Invalid app",
          error_description: "app id or secret",
        });
      if (call.grantType !== "refresh_token" || !unusedRefresh.delete(call.refreshToken))
        return answer(200, {
          error: -14014,
          error_name: "Invalid refresh token",
          error_description: "refresh token is invalid or already used",
        });
      call.granted = true;
      const pair = fake.issuePair();
      return answer(200, {
        access_token: pair.accessToken,
        refresh_token: pair.refreshToken,
        expires_in: "90000",
      });
    }
    answer(404, { error: 404, message: "not found" });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}
