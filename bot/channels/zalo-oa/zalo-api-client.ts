import type { TokenPair } from "../../../db/channel-token-repo.js";
import { ZaloApiError, ZaloHttpError } from "./zalo-errors.js";

/** One consultation message (`/v3.0/oa/message/cs`), as Zalo expects it. */
export interface ZaloCsMessage {
  recipient: { user_id: string };
  message: {
    text: string;
    attachment?: {
      type: "template";
      payload: { buttons: { title: string; type: "oa.query.hide"; payload: string }[] };
    };
  };
}

/** One ZNS template message (`POST <zns root>/message/template`), as Zalo expects it. */
export interface ZnsTemplateMessage {
  /** 84 and the mobile number without its leading 0. */
  phone: string;
  template_id: string;
  template_data: Record<string, string>;
  /** Ours: the notification it tells, so a retry is recognisable. */
  tracking_id: string;
}

/** Where and as whom the client talks to Zalo. */
export interface ZaloApiOptions {
  apiRoot: string;
  oauthRoot: string;
  /** The ZNS API root (business.openapi.zalo.me). */
  znsRoot?: string;
  appId: string;
  /** The app's secret key, sent as the `secret_key` header of the OAuth refresh. */
  appSecret?: string;
  timeoutMs?: number;
  /** The clock a renewed token's expiry is counted from (the process's clock, so both agree). */
  now?: () => number;
}

/** The two Zalo calls the channel makes. */
export interface ZaloApi {
  /** Sends a consultation message; throws ZaloApiError (error ≠ 0) or ZaloHttpError. */
  sendCs(accessToken: string, body: ZaloCsMessage): Promise<void>;
  /** Spends a refresh token for a new pair (OAuth v4). */
  refreshToken(refreshToken: string): Promise<TokenPair>;
  /** Sends a ZNS template message with the OA's token; Zalo's message id, or ZaloApiError / ZaloHttpError. */
  sendTemplate(accessToken: string, body: ZnsTemplateMessage): Promise<{ msgId: string }>;
}

const trimRoot = (root: string) => root.replace(/\/+$/, "");

/** A thin client over fetch for the Zalo OA Open API v3 and OAuth v4; tokens travel in headers only. */
export function createZaloApi(options: ZaloApiOptions): ZaloApi {
  const timeoutMs = options.timeoutMs ?? 10_000;

  async function call(method: string, url: string, init: RequestInit): Promise<Record<string, unknown>> {
    let response: Response;
    try {
      response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    } catch (err) {
      throw new ZaloHttpError(method, null, err);
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      throw new ZaloHttpError(method, response.status);
    }
    try {
      const body = (await response.json()) as unknown;
      if (body && typeof body === "object") return body as Record<string, unknown>;
    } catch {
      // Falls through: an answer that is not a JSON object.
    }
    throw new ZaloHttpError(method, response.status);
  }

  const codeOf = (body: Record<string, unknown>) => Number(body.error ?? 0) || 0;

  return {
    async sendCs(accessToken, message) {
      const body = await call("message/cs", `${trimRoot(options.apiRoot)}/v3.0/oa/message/cs`, {
        method: "POST",
        headers: { "content-type": "application/json", access_token: accessToken },
        body: JSON.stringify(message),
      });
      const code = codeOf(body);
      if (code !== 0) throw new ZaloApiError("message/cs", code, String(body.message ?? ""));
    },

    async sendTemplate(accessToken, message) {
      const root = trimRoot(options.znsRoot ?? "https://business.openapi.zalo.me");
      const body = await call("message/template", `${root}/message/template`, {
        method: "POST",
        headers: { "content-type": "application/json", access_token: accessToken },
        body: JSON.stringify(message),
      });
      const code = codeOf(body);
      if (code !== 0) throw new ZaloApiError("message/template", code, String(body.message ?? ""));
      const data = body.data as { msg_id?: unknown } | undefined;
      return { msgId: typeof data?.msg_id === "string" ? data.msg_id : "" };
    },

    async refreshToken(refreshToken) {
      if (!options.appSecret) throw new ZaloApiError("oa/access_token", -1, "ZALO_APP_SECRET is not set");
      const body = await call("oa/access_token", `${trimRoot(options.oauthRoot)}/v4/oa/access_token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", secret_key: options.appSecret },
        body: new URLSearchParams({
          refresh_token: refreshToken,
          app_id: options.appId,
          grant_type: "refresh_token",
        }).toString(),
      });
      const code = codeOf(body);
      const accessToken = typeof body.access_token === "string" ? body.access_token : "";
      const nextRefresh = typeof body.refresh_token === "string" ? body.refresh_token : "";
      if (code !== 0 || !accessToken || !nextRefresh) {
        const reason = body.error_name ?? body.error_description ?? body.message ?? "no token in answer";
        throw new ZaloApiError("oa/access_token", code || -1, String(reason));
      }
      const seconds = Number(body.expires_in);
      const lifetime = Number.isFinite(seconds) && seconds > 0 ? seconds : 90_000;
      return {
        accessToken,
        refreshToken: nextRefresh,
        expiresAt: new Date((options.now ?? Date.now)() + lifetime * 1000),
      };
    },
  };
}
