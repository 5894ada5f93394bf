import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { inShare } from "./pipeline-share.js";

/** One ZNS message the fake accepted. */
export interface ZnsDelivery {
  trackingId: string;
  phone: string;
  templateId: string;
  data: Record<string, string>;
  /** ms since the epoch. */
  at: number;
}

/** How the fake ZNS behaves: its templates (id → parameter names) and the deterministic shares it refuses. */
export interface FakeZnsOptions {
  /** The approved templates: id → the exact parameter names `template_data` must have. */
  templates: ReadonlyMap<string, readonly string[]>;
  /** The only `access_token` accepted; any non-empty one when unset. */
  accessToken?: string;
  /** Share of tracking ids answered HTTP 500 on their first try (the sender's retry then delivers). */
  failFirstShare?: number;
  /** Share of phones without a Zalo account: answered -118 every time. */
  notOnZaloShare?: number;
}

/**
 * A local Zalo Notification Service (`POST /message/template`, header `access_token`, Zalo's
 * `{error, message, data}` answers) for the pipeline benchmark: it checks the template id and the
 * `template_data` keys, answers HTTP 500 once for a share of tracking ids and -118 for a share of
 * phones, and counts what it delivered by tracking id. Any other path answers Zalo's 404-like error,
 * so the OA's API and OAuth roots may point here too.
 */
export interface FakeZns {
  /** The value for ZALO_ZNS_API_ROOT (and ZALO_API_ROOT, ZALO_OAUTH_ROOT). */
  apiRoot: string;
  delivered: ZnsDelivery[];
  /** How many times each tracking id was delivered (more than once is a message sent twice). */
  countsByTracking(): Map<string, number>;
  /** Answers that were not a delivery, by kind. */
  refusals: { serverError: number; notOnZalo: number; badRequest: number; badToken: number };
  close(): Promise<void>;
}

/** The deterministic pick of phones the fake says have no Zalo account (the salt the fake uses). */
export const isNotOnZalo = (phone: string, share: number) => inShare(phone, share, "zns-not-on-zalo");

/** The deterministic pick of tracking ids whose first try fails with HTTP 500. */
export const failsFirst = (trackingId: string, share: number) => inShare(trackingId, share, "zns-500");

const ZNS_PHONE = /^84[35789]\d{8}$/u;

const answer = (response: ServerResponse, status: number, body: unknown) => {
  response.writeHead(status, { "content-type": "application/json" });
  response.end(JSON.stringify(body));
};

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString("utf8") || "null") as unknown;
}

/** Why `template_data` does not fit the template's parameters, or undefined when it does. */
function dataProblem(data: unknown, params: readonly string[]): string | undefined {
  if (!data || typeof data !== "object" || Array.isArray(data)) return "template_data is not an object";
  const keys = Object.keys(data);
  const missing = params.filter((p) => !keys.includes(p));
  const extra = keys.filter((k) => !params.includes(k));
  if (missing.length || extra.length)
    return `template_data keys: missing [${missing.join(",")}], unknown [${extra.join(",")}]`;
  const empty = keys.filter((k) => {
    const value = (data as Record<string, unknown>)[k];
    return typeof value !== "string" || value.trim() === "";
  });
  return empty.length ? `template_data values empty or not strings: [${empty.join(",")}]` : undefined;
}

/** Starts the fake ZNS on a free port. */
export async function startFakeZns(options: FakeZnsOptions): Promise<FakeZns> {
  const delivered: ZnsDelivery[] = [];
  const refusals = { serverError: 0, notOnZalo: 0, badRequest: 0, badToken: 0 };
  const failedOnce = new Set<string>();
  let nextId = 1;

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    let body: unknown;
    try {
      body = await readBody(request);
    } catch {
      refusals.badRequest++;
      return answer(response, 200, { error: -201, message: "Body is not valid JSON" });
    }
    if (request.method !== "POST" || request.url?.split("?")[0] !== "/message/template")
      return answer(response, 404, { error: -404, message: "Not found" });
    const token = request.headers.access_token;
    if (typeof token !== "string" || !token || (options.accessToken && token !== options.accessToken)) {
      refusals.badToken++;
      return answer(response, 200, { error: -216, message: "Access token is invalid" });
    }
    const {
      phone,
      template_id: templateId,
      template_data: data,
      tracking_id: trackingId,
    } = body && typeof body === "object" ? (body as Record<string, unknown>) : {};
    if (typeof trackingId !== "string" || !trackingId || trackingId.length > 48) {
      refusals.badRequest++;
      return answer(response, 200, { error: -201, message: "tracking_id is invalid" });
    }
    if (typeof phone !== "string" || !ZNS_PHONE.test(phone)) {
      refusals.badRequest++;
      return answer(response, 200, { error: -108, message: "Phone number is invalid" });
    }
    const params = typeof templateId === "string" ? options.templates.get(templateId) : undefined;
    if (!params) {
      refusals.badRequest++;
      return answer(response, 200, { error: -109, message: "Template ID is invalid" });
    }
    const problem = dataProblem(data, params);
    if (problem) {
      refusals.badRequest++;
      return answer(response, 200, { error: -112, message: `Template data is invalid: ${problem}` });
    }
    if (failsFirst(trackingId, options.failFirstShare ?? 0) && !failedOnce.has(trackingId)) {
      failedOnce.add(trackingId);
      refusals.serverError++;
      return answer(response, 500, { error: -100, message: "Internal server error" });
    }
    if (isNotOnZalo(phone, options.notOnZaloShare ?? 0)) {
      refusals.notOnZalo++;
      return answer(response, 200, {
        error: -118,
        message: "Zalo account does not exist or has been deactivated",
      });
    }
    const at = Date.now();
    delivered.push({
      trackingId,
      phone,
      templateId: templateId as string,
      data: data as Record<string, string>,
      at,
    });
    return answer(response, 200, {
      error: 0,
      message: "Success",
      data: { msg_id: `zns-${nextId++}`, sent_time: String(at) },
    });
  };

  const server: Server = createServer((request, response) => {
    handle(request, response).catch(() => answer(response, 500, { error: -100, message: "fake failed" }));
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    apiRoot: `http://127.0.0.1:${port}`,
    delivered,
    countsByTracking() {
      const counts = new Map<string, number>();
      for (const d of delivered) counts.set(d.trackingId, (counts.get(d.trackingId) ?? 0) + 1);
      return counts;
    },
    refusals,
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
