import type { FastifyInstance } from "fastify";
import { requestResend } from "../../feedback/citizen-delivery/request-resend.js";
import { loadPaknFor } from "../../feedback/console/pakn-scope.js";
import { AppError } from "../../lib/errors.js";
import { formField } from "../form-body.js";
import { toDbId } from "../query-params.js";
import type { SiteDeps } from "../site.js";
import { officerOf, requireOfficer } from "./auth-hooks.js";
import { setFlash } from "./flash.js";
import { sendPaknDetail, sendPaknNotFound } from "./pakn-page.js";

/** The flash after a resend was requested. */
export const RESEND_REQUESTED = "Đã yêu cầu gửi lại; kết quả hiện ở mục thông báo.";

/** The page's error for each refusal of the domain. */
const REFUSALS: Partial<Record<AppError["code"], { status: number; message: string }>> = {
  not_found: { status: 404, message: "Không tìm thấy thông báo này của phản ánh; vui lòng tải lại trang." },
  conflict: {
    status: 409,
    message: "Thông báo này đang được gửi lại; vui lòng chờ kết quả trước khi yêu cầu lần nữa.",
  },
  bad_request: {
    status: 400,
    message:
      "Kênh người dân đã dùng không cho phép gửi lại; hãy gửi tin nhắn ZNS hoặc gọi điện cho người dân.",
  },
};

const BAD_FORM = "Yêu cầu gửi lại chưa hợp lệ; vui lòng tải lại trang và thử lại.";
const NO_ZNS = "Tin nhắn ZNS chưa được thiết lập cho hệ thống.";

/**
 * `POST /officer/pakn/:code/gui-lai-thong-bao` (fields `notificationId`, `route` = channel | zns):
 * asks for a citizen notification to be sent again, for an item within the officer's scope (404
 * otherwise); then back to the item with a message, or the item's page with a polite error.
 */
export function registerResendRoute(app: FastifyInstance, deps: SiteDeps): void {
  app.post<{ Params: { code: string } }>(
    "/officer/pakn/:code/gui-lai-thong-bao",
    { preHandler: requireOfficer(deps) },
    async (req, reply) => {
      const officer = officerOf(req);
      let item: Awaited<ReturnType<typeof loadPaknFor>>;
      try {
        item = await loadPaknFor(deps, officer, req.params.code);
      } catch (err) {
        if (err instanceof AppError && err.code === "not_found") return sendPaknNotFound(req, reply);
        throw err;
      }
      const back = (status: number, error: string) =>
        sendPaknDetail(deps, req, reply, item.code, { status, error });
      const notificationId = toDbId(formField(req.body, "notificationId"));
      const route = formField(req.body, "route");
      if (!notificationId || (route !== "channel" && route !== "zns")) return back(400, BAD_FORM);
      if (route === "zns" && !deps.znsSteps?.size) return back(400, NO_ZNS);
      try {
        await requestResend(
          { db: deps.db, now: deps.now ?? (() => new Date()) },
          { paknId: item.id, notificationId, route, officerId: officer.id, ip: req.ip },
        );
      } catch (err) {
        const refusal = err instanceof AppError ? REFUSALS[err.code] : undefined;
        if (!refusal) throw err;
        req.log.info({ code: (err as AppError).code, detail: (err as AppError).message }, "resend refused");
        return back(refusal.status, refusal.message);
      }
      setFlash(reply, RESEND_REQUESTED, deps.secureCookies);
      return reply.redirect(`/officer/pakn/${item.code}`, 303);
    },
  );
}
