import { desc, eq } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { Db } from "../../../db/client.js";
import { auditLog, officers } from "../../../db/schema.js";
import { html } from "../../html.js";
import { sendPage } from "../../layout.js";
import { pageParam, readQuery } from "../../query-params.js";
import type { SiteDeps } from "../../site.js";
import { officerOf, requireOfficer } from "../auth-hooks.js";
import { consolePage } from "../console-layout.js";

const PAGE_SIZE = 50;
const PATH = "/officer/quan-tri/nhat-ky";

/** The log's page (`trang`): 1 when absent or unreadable. */
const AUDIT_QUERY = z.object({ trang: pageParam(100_000) });

/** Vietnamese names of the audited actions (unknown actions show their code). */
const ACTION_LABELS: Record<string, string> = {
  sign_in: "Đăng nhập",
  sign_in_failed: "Đăng nhập không thành công",
  locked: "Tạm khoá do nhập sai mật khẩu",
  sign_out: "Đăng xuất",
  password_changed: "Đổi mật khẩu",
  password_reset: "Cấp lại mật khẩu",
  officer_created: "Tạo tài khoản",
  officer_updated: "Sửa vai trò, cơ quan",
  officer_disabled: "Khoá tài khoản",
  officer_enabled: "Mở khoá tài khoản",
  asset_saved: "Lưu tệp dữ liệu",
  asset_restored: "Khôi phục tệp dữ liệu gốc",
  kb_import_started: "Bắt đầu nhập thủ tục",
  kb_import_finished: "Nhập thủ tục xong",
  kb_import_failed: "Nhập thủ tục thất bại",
};

/** One page of the audit log, newest first, with the actor's e-mail; `more` says whether an older page exists. */
export async function auditPage(db: Db, page: number) {
  const rows = await db
    .select({ entry: auditLog, email: officers.email })
    .from(auditLog)
    .leftJoin(officers, eq(officers.id, auditLog.officerId))
    .orderBy(desc(auditLog.id))
    .limit(PAGE_SIZE + 1)
    .offset((page - 1) * PAGE_SIZE);
  return { rows: rows.slice(0, PAGE_SIZE), more: rows.length > PAGE_SIZE };
}

const when = (d: Date) => d.toLocaleString("vi-VN", { timeZone: "Asia/Ho_Chi_Minh" });

/** `GET /officer/quan-tri/nhat-ky?trang=N`: the audit log for admins, newest first, 50 a page. */
export function registerAuditPage(app: FastifyInstance, deps: SiteDeps): void {
  app.get(PATH, { preHandler: requireOfficer(deps, ["admin"]) }, async (req, reply) => {
    const { trang: page } = readQuery(req.query, AUDIT_QUERY);
    const { rows, more } = await auditPage(deps.db, page);
    const document = consolePage(officerOf(req), {
      title: "Nhật ký thao tác",
      current: "/officer/quan-tri",
      body: html`<p><a href="/officer/quan-tri">Quản trị</a> › Nhật ký thao tác</p>
<h1>Nhật ký thao tác <span class="muted">(trang ${page})</span></h1>
<table class="responsive"><thead><tr><th scope="col">Thời điểm</th><th scope="col">Người thực hiện</th><th scope="col">Thao tác</th><th scope="col">Đối tượng</th><th scope="col">Chi tiết</th><th scope="col">IP</th></tr></thead>
<tbody>${rows.map(
        ({ entry, email }) => html`<tr><td>${when(entry.createdAt)}</td><td>${email ?? "—"}</td>
<td>${ACTION_LABELS[entry.action] ?? entry.action}</td>
<td>${entry.targetType ? `${entry.targetType} ${entry.targetId ?? ""}` : ""}</td>
<td><code>${Object.keys(entry.data).length ? JSON.stringify(entry.data) : ""}</code></td><td>${entry.ip ?? ""}</td></tr>`,
      )}</tbody></table>
${rows.length === 0 ? html`<p>Chưa có thao tác nào.</p>` : ""}
<nav class="pager" aria-label="Phân trang">${page > 1 ? html`<a href="${PATH}?trang=${page - 1}">← Mới hơn</a>` : ""}${more ? html`<a href="${PATH}?trang=${page + 1}">Cũ hơn →</a>` : ""}</nav>`,
    });
    return sendPage(reply, document);
  });
}
