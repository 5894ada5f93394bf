import { createHash } from "node:crypto";
import type { PaknAttachment } from "../../db/schema.js";
import { AppError } from "../../lib/errors.js";
import type { PaknSubmission, SubmittedPakn } from "../submit-pakn.js";
import { submissionProblems } from "../submit-pakn.js";
import { formatVnDate } from "../vn-date.js";
import type { ServiceCatalog } from "./service-catalog.js";

/** The channel name PAKN filed through Open311 carry; it cannot push, so notifications end as unreachable. */
export const OPEN311_CHANNEL = "open311";

/** What `POST requests` answers, per the spec (`token` is never used: requests are realtime). */
export interface Open311Created {
  service_request_id: string;
  service_notice: string;
  account_id: string | null;
}

/** What creating needs: the PAKN intake (the same `submit` the bot uses) and the catalog. */
export interface CreateRequestDeps {
  submit(input: PaknSubmission): Promise<SubmittedPakn>;
  catalog: ServiceCatalog;
  now?: () => Date;
}

/** A POST's arguments as parsed from a form or JSON body (repeated keys may come as arrays). */
export type Open311Params = Record<string, unknown>;

const bad = (description: string) => new AppError("bad_request", description, { description });

/** A parameter as one trimmed string (the first of repeated ones); empty when absent. */
export function paramOf(params: Open311Params, name: string): string {
  const value = params[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === "string" || typeof first === "number" ? String(first).trim() : "";
}

/** A short stable id for an API key (what the PAKN records as its sender; never the key itself). */
export function apiKeyId(apiKey: string): string {
  return `key-${createHash("sha256").update(apiKey).digest("hex").slice(0, 16)}`;
}

/** A digest of the request's arguments without the key, so a retried POST maps to the same PAKN. */
function bodyDigest(params: Open311Params): string {
  const canonical = Object.keys(params)
    .filter((k) => k !== "api_key")
    .sort()
    .map((k) => [k, params[k]]);
  return createHash("sha256").update(JSON.stringify(canonical)).digest("hex").slice(0, 32);
}

/** What the intake's problem names mean to an API client (field names of the spec, in Vietnamese). */
const PROBLEMS: Record<string, string> = {
  "content:too_short": "description quá ngắn (cần ít nhất 5 từ nói rõ sự việc, địa điểm)",
  "content:too_long": "description quá dài (tối đa 2.000 ký tự)",
  "content:unreadable": "description phải viết bằng tiếng Việt đọc được",
  "contact.name": "thiếu hoặc sai họ tên người gửi (first_name, last_name)",
  "contact.phone": "thiếu hoặc sai số điện thoại Việt Nam của người gửi (phone)",
  "contact.address": "thiếu hoặc sai địa chỉ người gửi (address, hoặc address_string)",
};

function coordinate(value: string, max: number): number | undefined {
  if (!value) return undefined;
  const n = Number(value);
  return Number.isFinite(n) && Math.abs(n) <= max ? n : undefined;
}

/**
 * `POST requests`: files a PAKN through the same intake as the chat (readable Vietnamese content;
 * the sender's name, phone and address are required and never published). The calling system
 * vouches for the sender's consent. `service_code` must be one of ours (the PAKN is still routed by
 * its content); `address_string` is where it happened, `address` (an extension) the sender's
 * address, defaulting to `address_string`; lat/long become a location. `email` and `media_url` are
 * not kept. A retry with the same idempotency token, or the same arguments, files nothing new.
 */
export async function createOpen311Request(
  deps: CreateRequestDeps,
  input: { params: Open311Params; apiKey: string; idempotencyKey?: string },
): Promise<{ created: boolean; response: Open311Created }> {
  const p = (name: string) => paramOf(input.params, name);
  const serviceCode = p("service_code");
  if (!serviceCode) throw bad("thiếu service_code (xem services.json)");
  if (!deps.catalog.get(serviceCode)) {
    throw new AppError("not_found", `service_code ${serviceCode} không tồn tại`, {
      description: `service_code ${serviceCode} không tồn tại (xem services.json)`,
    });
  }
  const token = (input.idempotencyKey ?? p("idempotency_key")).slice(0, 200);
  const keyId = apiKeyId(input.apiKey);
  const name = [p("last_name"), p("first_name")].filter(Boolean).join(" ");
  const place = p("address_string");
  const lat = coordinate(p("lat"), 90);
  const long = coordinate(p("long"), 180);
  if ((p("lat") || p("long")) && (lat === undefined || long === undefined))
    throw bad("lat và long phải gửi cùng nhau, là số độ WGS84");
  const attachments: PaknAttachment[] =
    lat !== undefined && long !== undefined ? [{ kind: "location", latitude: lat, longitude: long }] : [];
  const submission: PaknSubmission = {
    kind: "phan_anh",
    content: p("description"),
    place: place || null,
    attachments,
    contact: { name, phone: p("phone"), address: p("address") || place },
    consentAt: deps.now?.() ?? new Date(),
    channel: OPEN311_CHANNEL,
    channelUser: keyId,
    conversation: keyId,
    inboundMessageId: `${keyId}:${token ? `t:${token}` : `b:${bodyDigest(input.params)}`}`,
    // The client app may not keep the code for its user: ZNS tells them too, where configured.
    notifyReceipt: true,
  };
  const problems = submissionProblems(submission);
  if (problems.length > 0) {
    throw bad(`Chưa gửi được: ${problems.map((x) => PROBLEMS[x] ?? x).join("; ")}.`);
  }
  const filed = await deps.submit(submission);
  return {
    created: filed.created,
    response: {
      service_request_id: filed.code,
      service_notice: `Đã tiếp nhận. Hạn trả lời dự kiến: ${formatVnDate(filed.answerDueAt)}. Câu trả lời được công khai khi cơ quan có thẩm quyền trả lời xong.`,
      account_id: p("account_id") || null,
    },
  };
}
