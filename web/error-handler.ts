import type { FastifyError, FastifyInstance } from "fastify";
import { AppError, type AppErrorCode } from "../lib/errors.js";
import { scrubLogText } from "../lib/log-text.js";

const STATUS: Record<AppErrorCode, number> = {
  bad_request: 400,
  invalid_json: 400,
  invalid_utf8: 400,
  unsupported_media_type: 415,
  payload_too_large: 413,
  not_found: 404,
  conflict: 409,
  unavailable: 503,
};

/** Vietnamese messages for the people on the other side of the API. */
const MESSAGE: Record<AppErrorCode, string> = {
  bad_request: "Yêu cầu không hợp lệ.",
  invalid_json: "Nội dung gửi lên không phải JSON hợp lệ.",
  invalid_utf8: "Nội dung gửi lên không phải văn bản UTF-8 hợp lệ.",
  unsupported_media_type: "Vui lòng gửi nội dung dạng application/json.",
  payload_too_large: "Nội dung gửi lên quá lớn.",
  not_found: "Không tìm thấy trang hoặc tài nguyên yêu cầu.",
  conflict: "Thao tác không thực hiện được ở trạng thái hiện tại.",
  unavailable: "Hệ thống đang bận, vui lòng thử lại sau ít phút.",
};

/**
 * The HTTP status an error is answered with: its code's, 403 when an officer's role (not the
 * item's state) was the reason (`data.forbidden`, see feedback/console/refusal.ts), 500 otherwise.
 */
export function statusOf(err: unknown): number {
  if (!(err instanceof AppError)) return 500;
  if (err.data.forbidden === true) return 403;
  return STATUS[err.code];
}

/** What busboy (under @fastify/multipart) throws for a malformed upload: the sender's fault. */
const MALFORMED_MULTIPART = /^Multipart: |^Boundary required$|unexpected end of multipart data/i;

function fromFastify(err: FastifyError): AppErrorCode {
  if (err.code === "FST_ERR_CTP_INVALID_MEDIA_TYPE") return "unsupported_media_type";
  if (err.statusCode === undefined && MALFORMED_MULTIPART.test(err.message ?? "")) return "bad_request";
  if (err.code === "FST_ERR_CTP_BODY_TOO_LARGE") return "payload_too_large";
  if (err.code === "FST_ERR_CTP_EMPTY_JSON_BODY" || err.code === "FST_ERR_CTP_INVALID_JSON_BODY")
    return "invalid_json";
  if (err.validation) return "bad_request";
  return (err.statusCode ?? 500) < 500 ? "bad_request" : "unavailable";
}

/** Maps every error to one JSON shape `{error:{code,message}}` and a status; the one place that does. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    const code = err instanceof AppError ? err.code : fromFastify(err);
    const status = STATUS[code];
    const detail = err instanceof AppError || err.validation ? err.message : undefined;
    // The logger's err serializer drops query parameters and echoed values; a message logged as
    // text loses them (and phone and ID numbers) here.
    if (status >= 500) request.log.error({ err }, "request failed");
    else request.log.info({ code, detail: scrubLogText(err.message) }, "request rejected");
    return reply
      .status(status)
      .send({ error: { code, message: MESSAGE[code], ...(detail ? { detail } : {}) } });
  });
  app.setNotFoundHandler((_request, reply) =>
    reply.status(404).send({ error: { code: "not_found", message: MESSAGE.not_found } }),
  );
}
