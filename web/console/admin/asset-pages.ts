import type { FastifyInstance, FastifyRequest } from "fastify";
import { calendarGap, calendarGapNotice } from "../../../feedback/calendar-coverage.js";
import {
  ASSET_FILES,
  type AssetName,
  type AssetProblem,
  isAssetName,
} from "../../../feedback/data-files/asset-files.js";
import {
  listAssetStatus,
  readAsset,
  restoreBundledAsset,
  saveAssetOverride,
} from "../../../feedback/data-files/asset-overrides.js";
import { parseHolidaysFile } from "../../../feedback/holidays-file.js";
import { createWorkingCalendar } from "../../../feedback/working-calendar.js";
import { formField } from "../../form-body.js";
import { html, type SafeHtml } from "../../html.js";
import { sendPage } from "../../layout.js";
import type { SiteDeps } from "../../site.js";
import { officerOf, requireOfficer } from "../auth-hooks.js";
import { consolePage, csrfField, sendNotFound } from "../console-layout.js";

const BASE = "/officer/quan-tri/du-lieu";
const RESTART_NOTE = html`<p class="muted">Các tiến trình đang chạy (web, worker) dùng bản mới sau khi khởi động lại.</p>`;

const when = (d: Date) => d.toLocaleString("vi-VN", { timeZone: "Asia/Ho_Chi_Minh" });

function problemList(problems: AssetProblem[]): SafeHtml {
  return html`<div class="error" role="alert"><p>Tệp có lỗi nên <strong>chưa được lưu</strong>:</p><ul>${problems
    .slice(0, 50)
    .map(
      (p) => html`<li>${p.line > 0 ? html`Dòng ${p.line}: ` : ""}${p.message}</li>`,
    )}</ul>${problems.length > 50 ? html`<p>… và ${problems.length - 50} lỗi khác.</p>` : ""}</div>`;
}

/** The warning that the saved holiday calendar lacks the current or the next year, if it does. */
async function calendarWarning(deps: SiteDeps): Promise<SafeHtml | ""> {
  let notice: string | undefined;
  try {
    const data = parseHolidaysFile(await readAsset(deps.db, "holidays-vn.json"), "holidays-vn.json");
    notice = calendarGapNotice(calendarGap(createWorkingCalendar(data), deps.now?.() ?? new Date()));
  } catch {
    // A saved version was checked before saving; the editor shows any problem when opened.
    return "";
  }
  return notice
    ? html`<p class="error" role="alert">${notice} <a href="${BASE}/holidays-vn.json">Sửa lịch ngày nghỉ</a></p>`
    : "";
}

function editor(
  req: FastifyRequest,
  name: AssetName,
  content: string,
  extra: { problems?: AssetProblem[]; notice?: string; overridden: boolean; warning?: SafeHtml | "" },
): string {
  return consolePage(officerOf(req), {
    title: ASSET_FILES[name].title,
    current: "/officer/quan-tri",
    body: html`<p><a href="/officer/quan-tri">Quản trị</a> › <a href="${BASE}">Tệp dữ liệu</a> › ${name}</p>
<h1>${ASSET_FILES[name].title} <span class="muted">(${name})</span></h1>
<p>${extra.overridden ? "Đang dùng bản đã chỉnh sửa." : "Đang dùng bản gốc đi kèm phần mềm."} Các dòng bắt đầu bằng # là ghi chú; các cột cách nhau bằng một dấu Tab.</p>
${extra.notice ? html`<p class="notice" role="status">${extra.notice}</p>${RESTART_NOTE}` : ""}
${extra.warning ?? ""}
${extra.problems?.length ? problemList(extra.problems) : ""}
<form method="post" action="${BASE}/${name}">${csrfField(req)}
<label for="content">Nội dung tệp</label>
<textarea id="content" name="content" class="data-file" spellcheck="false" wrap="off">
${content}</textarea>
<p><button type="submit">Kiểm tra và lưu</button></p></form>
${extra.overridden ? html`<form method="post" action="${BASE}/${name}/khoi-phuc">${csrfField(req)}<button type="submit" class="secondary">Khôi phục bản gốc</button></form>` : ""}`,
  });
}

/** The data-file editor under /officer/quan-tri/du-lieu (admins only): check with the real parsers, then save. */
export function registerAssetPages(app: FastifyInstance, deps: SiteDeps): void {
  const adminOnly = { preHandler: requireOfficer(deps, ["admin"]) };
  const overridden = async (name: AssetName) =>
    (await listAssetStatus(deps.db)).find((s) => s.name === name)?.overridden ?? false;

  app.get(BASE, adminOnly, async (req, reply) => {
    const status = await listAssetStatus(deps.db);
    const page = consolePage(officerOf(req), {
      title: "Tệp dữ liệu",
      current: "/officer/quan-tri",
      body: html`<p><a href="/officer/quan-tri">Quản trị</a> › Tệp dữ liệu</p><h1>Tệp dữ liệu</h1>
${await calendarWarning(deps)}
<table class="responsive"><thead><tr><th scope="col">Tệp</th><th scope="col">Phiên bản đang dùng</th></tr></thead><tbody>${status.map(
        (
          s,
        ) => html`<tr><td><a href="${BASE}/${s.name}">${ASSET_FILES[s.name].title}</a><br><span class="muted">${s.name}</span></td>
<td>${s.overridden && s.updatedAt ? `Đã chỉnh sửa lúc ${when(s.updatedAt)}` : "Bản gốc"}</td></tr>`,
      )}</tbody></table>${RESTART_NOTE}`,
    });
    return sendPage(reply, page);
  });

  app.get<{ Params: { name: string } }>(`${BASE}/:name`, adminOnly, async (req, reply) => {
    const name = req.params.name;
    if (!isAssetName(name)) return sendNotFound(req, reply);
    const warning = name === "holidays-vn.json" ? await calendarWarning(deps) : "";
    const page = editor(req, name, await readAsset(deps.db, name), {
      overridden: await overridden(name),
      warning,
    });
    return sendPage(reply, page);
  });

  app.post<{ Params: { name: string } }>(`${BASE}/:name`, adminOnly, async (req, reply) => {
    const name = req.params.name;
    if (!isAssetName(name)) return sendNotFound(req, reply);
    const content = formField(req.body, "content");
    const result = await saveAssetOverride(deps.db, {
      name,
      content,
      officerId: officerOf(req).id,
      ip: req.ip,
      now: deps.now?.(),
    });
    if (!result.saved) {
      const page = editor(req, name, content, {
        problems: result.problems,
        overridden: await overridden(name),
      });
      return sendPage(reply, page, 422);
    }
    const notice = `Đã lưu (${result.summary}).`;
    const warning = name === "holidays-vn.json" ? await calendarWarning(deps) : "";
    return sendPage(
      reply,
      editor(req, name, await readAsset(deps.db, name), { notice, overridden: true, warning }),
    );
  });

  app.post<{ Params: { name: string } }>(`${BASE}/:name/khoi-phuc`, adminOnly, async (req, reply) => {
    const name = req.params.name;
    if (!isAssetName(name)) return sendNotFound(req, reply);
    await restoreBundledAsset(deps.db, { name, officerId: officerOf(req).id, ip: req.ip });
    const page = editor(req, name, await readAsset(deps.db, name), {
      notice: "Đã khôi phục bản gốc.",
      overridden: false,
    });
    return sendPage(reply, page);
  });
}
