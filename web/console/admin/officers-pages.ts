import type { FastifyInstance, FastifyRequest } from "fastify";
import { agencyDirectoryOf } from "../../../feedback/data-files/asset-files.js";
import { readAsset } from "../../../feedback/data-files/asset-overrides.js";
import {
  adminClearSignInThrottle,
  adminCreateOfficer,
  adminResetPassword,
  adminSetDisabled,
  adminUpdateOfficer,
  type OfficerAdminDeps,
  signInThrottleOf,
} from "../../../feedback/officers/officer-admin.js";
import { findById, listOfficers, type OfficerRecord } from "../../../feedback/officers/officer-repo.js";
import { isOfficerRole, OFFICER_ROLES, ROLE_LABELS } from "../../../feedback/officers/roles.js";
import type { AgencyDirectory } from "../../../feedback/routing/agencies.js";
import { AppError } from "../../../lib/errors.js";
import { formField } from "../../form-body.js";
import { html, type SafeHtml } from "../../html.js";
import { sendPage } from "../../layout.js";
import { toDbId } from "../../query-params.js";
import type { SiteDeps } from "../../site.js";
import { officerOf, requireOfficer } from "../auth-hooks.js";
import { consolePage, csrfField, sendNotFound } from "../console-layout.js";

const BASE = "/officer/quan-tri/can-bo";

async function adminDeps(deps: SiteDeps): Promise<OfficerAdminDeps> {
  return {
    db: deps.db,
    agencies: agencyDirectoryOf(await readAsset(deps.db, "agencies.tsv")),
    throttle: { redis: deps.redis, prefix: deps.redisPrefix },
    now: deps.now,
  };
}

function roleAgencyFields(
  agencies: AgencyDirectory,
  role = "officer",
  agencyId: string | null = null,
): SafeHtml {
  return html`<label for="role">Vai trò</label>
<select id="role" name="role">${OFFICER_ROLES.map(
    (r) => html`<option value="${r}"${r === role ? html` selected` : ""}>${ROLE_LABELS[r]}</option>`,
  )}</select>
<label for="agency">Cơ quan <span class="muted">(bắt buộc với cán bộ xử lý và lãnh đạo đơn vị; để trống với điều phối, quản trị)</span></label>
<select id="agency" name="agency"><option value="">— Không thuộc cơ quan nào —</option>${agencies.all.map(
    (a) =>
      html`<option value="${a.id}"${a.id === agencyId ? html` selected` : ""}>${a.name} (${a.id})</option>`,
  )}</select>`;
}

function status(o: OfficerRecord): string {
  if (o.disabledAt) return "Đã khoá";
  if (o.mustChangePassword) return "Chờ đổi mật khẩu lần đầu";
  return "Đang hoạt động";
}

function passwordNotice(email: string, password: string): SafeHtml {
  return html`<div class="notice" role="status">
<p>Mật khẩu dùng một lần của <strong>${email}</strong> (chỉ hiển thị một lần, hãy trao tận tay cán bộ):</p>
<p class="one-time-password">${password}</p>
<p>Cán bộ phải đổi mật khẩu này ngay lần đăng nhập đầu tiên.</p></div>`;
}

async function listPage(
  req: FastifyRequest,
  deps: SiteDeps,
  extra: { error?: string; notice?: SafeHtml } = {},
) {
  const admin = await adminDeps(deps);
  const officers = await listOfficers(deps.db);
  const agencyName = (id: string | null) => (id ? (admin.agencies.get(id)?.name ?? id) : "—");
  return consolePage(officerOf(req), {
    title: "Tài khoản cán bộ",
    current: "/officer/quan-tri",
    body: html`<p><a href="/officer/quan-tri">Quản trị</a> › Tài khoản cán bộ</p>
<h1>Tài khoản cán bộ</h1>
${extra.notice ?? ""}
${extra.error ? html`<p class="error" role="alert">${extra.error}</p>` : ""}
<table class="responsive"><caption class="visually-hidden">Danh sách tài khoản</caption>
<thead><tr><th scope="col">Họ tên, email</th><th scope="col">Vai trò</th><th scope="col">Cơ quan</th><th scope="col">Trạng thái</th><th scope="col"><span class="visually-hidden">Thao tác</span></th></tr></thead>
<tbody>${officers.map(
      (o) => html`<tr><td>${o.name}<br><span class="muted">${o.email}</span></td>
<td>${isOfficerRole(o.role) ? ROLE_LABELS[o.role] : o.role}</td><td>${agencyName(o.agencyId)}</td>
<td>${status(o)}</td><td><a href="${BASE}/${o.id}">Sửa<span class="visually-hidden"> ${o.email}</span></a></td></tr>`,
    )}</tbody></table>
<h2>Tạo tài khoản mới</h2>
<form method="post" action="${BASE}" class="stack narrow">${csrfField(req)}
<label for="email">Email công vụ</label><input id="email" name="email" type="email" required>
<label for="name">Họ và tên</label><input id="name" name="name" required>
${roleAgencyFields(admin.agencies)}
<p><button type="submit">Tạo tài khoản và cấp mật khẩu dùng một lần</button></p></form>`,
  });
}

/** Wrong sign-in guesses at the account and the button that forgets them (none: nothing to show). */
function throttleSection(
  req: FastifyRequest,
  action: string,
  throttle: { failures: number; waitUntil: Date | null },
): SafeHtml | string {
  if (throttle.failures === 0 && !throttle.waitUntil) return "";
  const state = throttle.waitUntil
    ? `Đăng nhập đang bị làm chậm: ${throttle.failures} lần nhập sai mật khẩu gần đây từ trình duyệt lạ.`
    : `${throttle.failures} lần nhập sai mật khẩu gần đây từ trình duyệt lạ.`;
  return html`<h2>Giới hạn đăng nhập</h2>
<form method="post" action="${action}/go-gioi-han-dang-nhap">${csrfField(req)}
<p>${state} Trình duyệt cán bộ đã từng đăng nhập không bị ảnh hưởng. Nếu cán bộ cần đăng nhập từ máy mới ngay, hãy gỡ giới hạn.</p>
<button type="submit" class="secondary">Gỡ giới hạn đăng nhập</button></form>`;
}

async function editPage(
  req: FastifyRequest,
  deps: SiteDeps,
  officer: OfficerRecord,
  extra: { error?: string; notice?: SafeHtml } = {},
) {
  const admin = await adminDeps(deps);
  const action = `${BASE}/${officer.id}`;
  const throttle = await signInThrottleOf(admin, officer);
  return consolePage(officerOf(req), {
    title: `Tài khoản ${officer.email}`,
    current: "/officer/quan-tri",
    body: html`<p><a href="/officer/quan-tri">Quản trị</a> › <a href="${BASE}">Tài khoản cán bộ</a> › ${officer.email}</p>
<h1>${officer.name}</h1><p class="muted">${officer.email} · ${status(officer)}</p>
${extra.notice ?? ""}
${extra.error ? html`<p class="error" role="alert">${extra.error}</p>` : ""}
<h2>Vai trò và cơ quan</h2>
<form method="post" action="${action}/vai-tro" class="stack narrow">${csrfField(req)}
<label for="name">Họ và tên</label><input id="name" name="name" value="${officer.name}" required>
${roleAgencyFields(admin.agencies, officer.role, officer.agencyId)}
<p><button type="submit">Lưu thay đổi</button></p></form>
<h2>Mật khẩu</h2>
<form method="post" action="${action}/dat-lai-mat-khau">${csrfField(req)}
<p>Cấp mật khẩu dùng một lần mới; mọi phiên đăng nhập của tài khoản này sẽ kết thúc.</p>
<button type="submit" class="secondary">Cấp lại mật khẩu</button></form>
${throttleSection(req, action, throttle)}
<h2>Khoá tài khoản</h2>
<form method="post" action="${action}/${officer.disabledAt ? "mo-khoa" : "khoa"}">${csrfField(req)}
<button type="submit" class="secondary">${officer.disabledAt ? "Mở khoá tài khoản" : "Khoá tài khoản"}</button></form>`,
  });
}

const problemOf = (err: unknown): string => {
  if (err instanceof AppError && ["bad_request", "conflict", "unavailable"].includes(err.code))
    return err.message;
  throw err;
};

/** Account administration under /officer/quan-tri/can-bo (admins only): list, create, edit, lock, reset. */
export function registerOfficerAdminPages(app: FastifyInstance, deps: SiteDeps): void {
  const adminOnly = { preHandler: requireOfficer(deps, ["admin"]) };
  const actor = (req: FastifyRequest) => ({ officerId: officerOf(req).id, ip: req.ip });
  const target = async (req: FastifyRequest<{ Params: { id: string } }>) => {
    const id = toDbId(req.params.id);
    return id ? findById(deps.db, id) : undefined;
  };

  app.get(BASE, adminOnly, async (req, reply) => sendPage(reply, await listPage(req, deps)));

  app.post(BASE, adminOnly, async (req, reply) => {
    try {
      const { officer, password } = await adminCreateOfficer(await adminDeps(deps), actor(req), {
        email: formField(req.body, "email"),
        name: formField(req.body, "name"),
        role: formField(req.body, "role"),
        agencyId: formField(req.body, "agency"),
      });
      return sendPage(reply, await listPage(req, deps, { notice: passwordNotice(officer.email, password) }));
    } catch (err) {
      return sendPage(reply, await listPage(req, deps, { error: problemOf(err) }), 422);
    }
  });

  app.get<{ Params: { id: string } }>(`${BASE}/:id`, adminOnly, async (req, reply) => {
    const officer = await target(req);
    return officer ? sendPage(reply, await editPage(req, deps, officer)) : sendNotFound(req, reply);
  });

  app.post<{ Params: { id: string } }>(`${BASE}/:id/vai-tro`, adminOnly, async (req, reply) => {
    const officer = await target(req);
    if (!officer) return sendNotFound(req, reply);
    try {
      const after = await adminUpdateOfficer(await adminDeps(deps), actor(req), {
        id: officer.id,
        role: formField(req.body, "role"),
        agencyId: formField(req.body, "agency"),
        name: formField(req.body, "name"),
      });
      return sendPage(
        reply,
        await editPage(req, deps, after, { notice: html`<p class="notice" role="status">Đã lưu.</p>` }),
      );
    } catch (err) {
      return sendPage(reply, await editPage(req, deps, officer, { error: problemOf(err) }), 422);
    }
  });

  for (const [slug, disabled] of [
    ["khoa", true],
    ["mo-khoa", false],
  ] as const)
    app.post<{ Params: { id: string } }>(`${BASE}/:id/${slug}`, adminOnly, async (req, reply) => {
      const officer = await target(req);
      if (!officer) return sendNotFound(req, reply);
      try {
        const after = await adminSetDisabled(await adminDeps(deps), actor(req), { id: officer.id, disabled });
        const notice = html`<p class="notice" role="status">${disabled ? "Đã khoá tài khoản." : "Đã mở khoá tài khoản."}</p>`;
        return sendPage(reply, await editPage(req, deps, after, { notice }));
      } catch (err) {
        return sendPage(reply, await editPage(req, deps, officer, { error: problemOf(err) }), 422);
      }
    });

  app.post<{ Params: { id: string } }>(`${BASE}/:id/go-gioi-han-dang-nhap`, adminOnly, async (req, reply) => {
    const officer = await target(req);
    if (!officer) return sendNotFound(req, reply);
    try {
      const after = await adminClearSignInThrottle(await adminDeps(deps), actor(req), { id: officer.id });
      const notice = html`<p class="notice" role="status">Đã gỡ giới hạn đăng nhập.</p>`;
      return sendPage(reply, await editPage(req, deps, after, { notice }));
    } catch (err) {
      return sendPage(reply, await editPage(req, deps, officer, { error: problemOf(err) }), 503);
    }
  });

  app.post<{ Params: { id: string } }>(`${BASE}/:id/dat-lai-mat-khau`, adminOnly, async (req, reply) => {
    const found = await target(req);
    if (!found) return sendNotFound(req, reply);
    const { officer, password } = await adminResetPassword(await adminDeps(deps), actor(req), {
      id: found.id,
    });
    const fresh = (await findById(deps.db, officer.id)) ?? officer;
    return sendPage(
      reply,
      await editPage(req, deps, fresh, { notice: passwordNotice(officer.email, password) }),
    );
  });
}
