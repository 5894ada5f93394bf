import { createHash, timingSafeEqual } from "node:crypto";
import { readFileSync } from "node:fs";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { Db } from "../../db/client.js";
import type { FeedbackService } from "../../feedback/feedback-service.js";
import { createOpen311Request, type Open311Params, paramOf } from "../../feedback/open311/create-request.js";
import {
  findOpen311Request,
  listOpen311Requests,
  type RequestsQuery,
} from "../../feedback/open311/list-requests.js";
import { createServiceCatalog, type ServiceCatalog } from "../../feedback/open311/service-catalog.js";
import { parseW3 } from "../../feedback/open311/w3-datetime.js";
import type { AgencyDirectory } from "../../feedback/routing/agencies.js";
import { BUNDLED_ROUTING_RULES_FILE, parseRoutingRules } from "../../feedback/routing/routing-rules.js";
import { AppError } from "../../lib/errors.js";
import { scrubLogText } from "../../lib/log-text.js";
import { registerFormBody } from "../form-body.js";
import { readQuery } from "../query-params.js";
import { toXmlList } from "./xml.js";

/** What the Open311 API needs (a subset of the site deps). */
export interface Open311Deps {
  db: Db;
  feedback: Pick<FeedbackService, "submit">;
  agencies: AgencyDirectory;
  /** OPEN311_API_KEYS: who may POST; empty disables POST. */
  open311ApiKeys: readonly string[];
  publicUrl?: string;
  now?: () => Date;
  /** Our categories; default: from the bundled routing rules. */
  catalog?: ServiceCatalog;
}

/** Where the API lives. */
export const OPEN311_PREFIX = "/open311/v2";

/** When the endpoint's description last changed (the discovery document's `changeset`). */
const DISCOVERY_CHANGESET = "2026-11-22T00:00:00+07:00";

type Format = "json" | "xml";

/** The years a date argument may name: a window around them stays a date PostgreSQL stores. */
const W3_YEARS = { min: 1900, max: 2999 };

/** A date argument: its format is judged by the listing; a readable date must fall in W3_YEARS. */
const w3DateArg = z
  .string()
  .optional()
  .refine((v) => {
    const at = v?.trim() ? parseW3(v) : undefined;
    const year = at?.getUTCFullYear();
    return year === undefined || (year >= W3_YEARS.min && year <= W3_YEARS.max);
  }, `phải là ngày từ năm ${W3_YEARS.min} đến năm ${W3_YEARS.max}`);

/** `GET requests`' arguments, each at most once (a repeated one is a 400, as the spec knows no lists of them). */
const REQUESTS_QUERY = z.object({
  service_request_id: z.string().optional(),
  service_code: z.string().optional(),
  start_date: w3DateArg,
  end_date: w3DateArg,
  status: z.string().optional(),
  page: z.string().optional(),
  page_size: z.string().optional(),
});

const formatOf = (request: FastifyRequest): Format =>
  /\.xml$/i.test(request.url.split("?")[0] ?? "") ? "xml" : "json";

function send(reply: FastifyReply, format: Format, root: string, item: string, records: object[]) {
  if (format === "xml")
    return reply
      .type("text/xml; charset=utf-8")
      .send(toXmlList(root, item, records as Record<string, unknown>[]));
  return reply.type("application/json; charset=utf-8").send(JSON.stringify(records));
}

function sendError(reply: FastifyReply, format: Format, status: number, description: string) {
  return send(reply.status(status), format, "errors", "error", [{ code: status, description }]);
}

const digest = (value: string) => createHash("sha256").update(value).digest();

/** Whether a key is one of the configured ones; every key is compared, in constant time each. */
function isKnownKey(given: string, keys: readonly string[]): boolean {
  const wanted = digest(given);
  let found = false;
  for (const key of keys) if (timingSafeEqual(wanted, digest(key))) found = true;
  return given.length > 0 && found;
}

/** The spec's Possible Errors, as statuses and a description for the client. */
function describe(err: FastifyError | AppError): { status: number; description: string } {
  if (err instanceof AppError) {
    const description = typeof err.data.description === "string" ? err.data.description : err.message;
    if (err.code === "not_found") return { status: 404, description };
    if (err.code === "unavailable")
      return { status: 503, description: "Hệ thống đang bận, vui lòng thử lại sau." };
    return { status: err.code === "payload_too_large" ? 413 : 400, description };
  }
  const status = err.statusCode ?? 500;
  if (status === 415)
    return { status, description: "Gửi application/x-www-form-urlencoded hoặc application/json." };
  if (status < 500) return { status, description: "Yêu cầu không hợp lệ." };
  return { status: 503, description: "Lỗi hệ thống khi xử lý yêu cầu; vui lòng thử lại sau." };
}

/**
 * Open311 GeoReport v2 at `/open311/v2/` (discovered at `/open311/discovery.json`): `services`,
 * `requests` and `requests/:id` in JSON and XML, and `POST requests` for systems holding an OPEN311_API_KEYS key. Only published PAKN are
 * listed, from columns that hold no personal data; errors are `[{code, description}]`.
 */
export async function registerOpen311(app: FastifyInstance, deps: Open311Deps): Promise<void> {
  const catalog =
    deps.catalog ??
    createServiceCatalog(
      parseRoutingRules(readFileSync(BUNDLED_ROUTING_RULES_FILE, "utf8"), deps.agencies),
      deps.agencies,
    );
  const listDeps = {
    db: deps.db,
    catalog,
    agencies: deps.agencies,
    publicUrl: deps.publicUrl,
    now: deps.now,
  };

  // Discovery (the spec's entry point for clients): where the endpoint is and what it speaks.
  app.get("/open311/discovery.json", async (_request, reply) => {
    // The configured address only (relative without one): this answer is cached publicly for an
    // hour, so a sender's Host header must never end up in it.
    const base = deps.publicUrl?.replace(/\/+$/, "") ?? "";
    reply.header("cache-control", "public, max-age=3600").header("access-control-allow-origin", "*");
    return {
      changeset: DISCOVERY_CHANGESET,
      contact: "Văn phòng UBND tỉnh, bộ phận tiếp nhận phản ánh, kiến nghị",
      key_service: "Khóa api_key do quản trị hệ thống cấp (OPEN311_API_KEYS)",
      endpoints: [
        {
          specification: "http://wiki.open311.org/GeoReport_v2",
          url: `${base}${OPEN311_PREFIX}`,
          changeset: DISCOVERY_CHANGESET,
          type: "production",
          formats: ["application/json", "text/xml"],
        },
      ],
    };
  });

  await app.register(
    async (scope) => {
      // Open311 clients post forms; the whole site already parses them, a bare app does not.
      if (!scope.hasContentTypeParser("application/x-www-form-urlencoded"))
        registerFormBody(scope, { accepts: () => true, bodyLimit: 64 * 1024 });
      scope.setErrorHandler((err: FastifyError, request, reply) => {
        const { status, description } = describe(err);
        if (status >= 500) request.log.error({ err }, "open311 request failed");
        else request.log.info({ status, detail: scrubLogText(description) }, "open311 request rejected");
        return sendError(reply, formatOf(request), status, description);
      });
      scope.setNotFoundHandler((request, reply) =>
        sendError(reply, formatOf(request), 404, "Không có tài nguyên này trong Open311 GeoReport v2."),
      );
      scope.addHook("onSend", async (request, reply) => {
        if (request.method === "GET") reply.header("access-control-allow-origin", "*");
      });

      for (const format of ["json", "xml"] as const) {
        scope.get(`/services.${format}`, async (_request, reply) => {
          reply.header("cache-control", "public, max-age=300");
          return send(reply, format, "services", "service", [...catalog.services]);
        });

        scope.get(`/requests.${format}`, async (request, reply) => {
          const query: RequestsQuery = readQuery(request.query, REQUESTS_QUERY, { repeated: "reject" });
          const { requests, more } = await listOpen311Requests(listDeps, query);
          if (more) {
            const url = new URL(request.url, "http://x");
            url.searchParams.set("page", String(Number(query.page || "1") + 1));
            reply.header("link", `<${url.pathname}${url.search}>; rel="next"`);
          }
          reply.header("cache-control", "public, max-age=60");
          return send(reply, format, "service_requests", "request", requests);
        });

        scope.post(`/requests.${format}`, async (request, reply) => {
          const params = (request.body ?? {}) as Open311Params;
          if (typeof params !== "object" || Array.isArray(params))
            return sendError(reply, format, 400, "Nội dung gửi lên phải là các tham số của Open311.");
          if (deps.open311ApiKeys.length === 0)
            return sendError(reply, format, 403, "Chức năng gửi phản ánh qua Open311 chưa được bật.");
          const apiKey = paramOf(params, "api_key");
          if (!isKnownKey(apiKey, deps.open311ApiKeys))
            return sendError(reply, format, 403, "api_key không hợp lệ.");
          const header = request.headers["idempotency-key"];
          const { created, response } = await createOpen311Request(
            { submit: (input) => deps.feedback.submit(input), catalog, now: deps.now },
            { params, apiKey, idempotencyKey: typeof header === "string" ? header.trim() : undefined },
          );
          request.log.info({ code: response.service_request_id, created }, "open311 request filed");
          return send(reply.status(created ? 201 : 200), format, "service_requests", "request", [response]);
        });
      }

      scope.get<{ Params: { file: string } }>("/requests/:file", async (request, reply) => {
        const m = /^(.+)\.(json|xml)$/i.exec(request.params.file);
        const format: Format = m?.[2]?.toLowerCase() === "xml" ? "xml" : "json";
        const found = m ? await findOpen311Request(listDeps, m[1] as string) : undefined;
        if (!found)
          return sendError(reply, format, 404, "Không có phản ánh, kiến nghị đã công khai với mã này.");
        reply.header("cache-control", "public, max-age=60");
        return send(reply, format, "service_requests", "request", [found]);
      });
    },
    { prefix: OPEN311_PREFIX },
  );
}
