import type { FastifyInstance } from "fastify";
import { html } from "../../html.js";
import { sendPage } from "../../layout.js";
import type { SiteDeps } from "../../site.js";
import { officerOf, requireOfficer } from "../auth-hooks.js";
import { consolePage } from "../console-layout.js";
import { registerAssetPages } from "./asset-pages.js";
import { registerAuditPage } from "./audit-page.js";
import { registerKbImportPages } from "./kb-import-pages.js";
import { registerOfficerAdminPages } from "./officers-pages.js";
import { registerProcedurePages } from "./procedure-pages.js";

/**
 * The admin area under /officer/quan-tri (admins only; everyone else gets 404): accounts, data
 * files, knowledge-base import and the audit log.
 */
export async function registerAdminPages(app: FastifyInstance, deps: SiteDeps): Promise<void> {
  app.get("/officer/quan-tri", { preHandler: requireOfficer(deps, ["admin"]) }, async (req, reply) =>
    sendPage(
      reply,
      consolePage(officerOf(req), {
        title: "Quản trị",
        current: "/officer/quan-tri",
        body: html`<h1>Quản trị hệ thống</h1>
<ul>
<li><a href="/officer/quan-tri/can-bo">Tài khoản cán bộ</a>: tạo tài khoản, đổi vai trò và cơ quan, khoá, cấp lại mật khẩu</li>
<li><a href="/officer/quan-tri/du-lieu">Tệp dữ liệu</a>: danh mục cơ quan, từ khoá chuyển phản ánh, lịch ngày nghỉ, từ đồng nghĩa</li>
<li><a href="/officer/quan-tri/nhap-thu-tuc">Nhập thủ tục hành chính</a> vào cơ sở dữ liệu</li>
<li><a href="/officer/quan-tri/thu-tuc">Sửa thủ tục hành chính</a>: tìm theo mã hoặc tên, sửa nội dung</li>
<li><a href="/admin/queues">Hàng đợi xử lý</a> (theo dõi công việc của hệ thống)</li>
<li><a href="/officer/quan-tri/nhat-ky">Nhật ký thao tác</a></li>
</ul>`,
      }),
    ),
  );
  registerOfficerAdminPages(app, deps);
  registerAssetPages(app, deps);
  await registerKbImportPages(app, deps);
  registerAuditPage(app, deps);
  registerProcedurePages(app, deps);
}
