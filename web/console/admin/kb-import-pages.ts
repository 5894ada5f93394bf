import { randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import multipart, { type MultipartFile } from "@fastify/multipart";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { audit } from "../../../feedback/officers/audit.js";
import {
  type ImportJobState,
  readImportJob,
  recentImportJobs,
  startImportJob,
} from "../../../knowledge/import-job.js";
import type { ImportFormat } from "../../../knowledge/importers/decode-procedure-line.js";
import { formField } from "../../form-body.js";
import { html, type SafeHtml } from "../../html.js";
import { sendPage } from "../../layout.js";
import type { SiteDeps } from "../../site.js";
import { officerOf, requireOfficer } from "../auth-hooks.js";
import { consolePage, csrfField, sendNotFound } from "../console-layout.js";

const BASE = "/officer/quan-tri/nhap-thu-tuc";
/** The largest upload accepted (the whole national portal export is about 40 MB uncompressed). */
export const KB_UPLOAD_MAX_BYTES = 100 * 1024 * 1024;

/** An uploaded file part, with where onFile saved it. */
type SavedPart = MultipartFile & { savedPath?: string };

const STAGES: Record<ImportJobState["stage"], string> = {
  reading: "Đang đọc tệp",
  writing: "Đang ghi vào cơ sở dữ liệu",
  done: "Hoàn tất",
  failed: "Thất bại",
};

function summary(job: ImportJobState): SafeHtml {
  if (job.stage === "failed")
    return html`<p class="error" role="alert">Không nhập được: ${job.error ?? ""}. Cơ sở dữ liệu giữ nguyên như trước.</p>`;
  if (job.stage !== "done") return html``;
  return html`<div class="notice" role="status"><p>Đã đọc ${job.read} thủ tục từ ${job.lines} dòng:
<strong>${job.inserted ?? 0}</strong> mới, <strong>${job.updated ?? 0}</strong> cập nhật,
<strong>${job.unchanged ?? 0}</strong> không đổi, <strong>${job.skipped}</strong> dòng bỏ qua.</p>
<p>Máy chủ đang chạy dùng dữ liệu mới sau khi khởi động lại.</p></div>
${job.problems.length ? html`<h2>Các dòng bị bỏ qua</h2><ul>${job.problems.map((p) => html`<li>Dòng ${p.line}: ${p.message}</li>`)}</ul>${job.skipped > job.problems.length ? html`<p>… và ${job.skipped - job.problems.length} dòng khác.</p>` : ""}` : ""}`;
}

function progressBody(job: ImportJobState): SafeHtml {
  const running = job.stage === "reading" || job.stage === "writing";
  return html`<p><a href="/officer/quan-tri">Quản trị</a> › <a href="${BASE}">Nhập thủ tục</a> › ${job.fileName}</p>
<h1>Nhập thủ tục từ ${job.fileName}</h1>
${running ? html`<noscript><meta http-equiv="refresh" content="2"></noscript>` : ""}
<div id="kb-import" data-status-url="${BASE}/${job.id}/tien-do.json" data-running="${running ? "1" : "0"}">
<p><label for="kb-progress">${STAGES[job.stage]}</label>
<progress id="kb-progress" max="100" value="${job.percent}">${job.percent}%</progress>
<span id="kb-progress-text">${job.percent}% · ${job.lines} dòng đã đọc</span></p>
</div>
${summary(job)}`;
}

/**
 * Knowledge-base import for admins: upload a procedure file, follow the import's progress
 * (a progress bar polled from a JSON endpoint, refreshed by the page without JavaScript), read its summary.
 */
export async function registerKbImportPages(app: FastifyInstance, deps: SiteDeps): Promise<void> {
  const adminOnly = requireOfficer(deps, ["admin"]);
  const jobDeps = { redis: deps.redis, prefix: deps.redisPrefix };

  app.get(BASE, { preHandler: adminOnly }, async (req, reply) => {
    const jobs = await recentImportJobs(jobDeps).catch(() => []);
    const page = consolePage(officerOf(req), {
      title: "Nhập thủ tục hành chính",
      current: "/officer/quan-tri",
      body: html`<p><a href="/officer/quan-tri">Quản trị</a> › Nhập thủ tục</p>
<h1>Nhập thủ tục hành chính</h1>
<p>Tệp JSON Lines (mỗi dòng một thủ tục), có thể nén gzip: bản xuất từ Cổng dịch vụ công (dichvucong) hoặc định dạng motcua (<code>npm run kb:export</code>). Thủ tục trùng mã được cập nhật; dòng lỗi được bỏ qua và liệt kê theo số dòng.</p>
<form method="post" action="${BASE}" enctype="multipart/form-data" class="stack narrow">${csrfField(req)}
<label for="format">Định dạng</label>
<select id="format" name="format"><option value="">Tự nhận biết</option><option value="dichvucong">dichvucong</option><option value="motcua">motcua</option></select>
<label for="file">Tệp thủ tục</label><input id="file" name="file" type="file" accept=".jsonl,.json,.gz,.ndjson" required>
<p><button type="submit">Tải lên và nhập</button></p></form>
${jobs.length ? html`<h2>Các lần nhập gần đây</h2><ul>${jobs.map((j) => html`<li><a href="${BASE}/${j.id}">${j.fileName}</a> · ${STAGES[j.stage]}${j.stage === "done" ? ` · ${j.inserted ?? 0} mới, ${j.updated ?? 0} cập nhật` : ""}</li>`)}</ul>` : ""}`,
    });
    return sendPage(reply, page);
  });

  await app.register(async (scope) => {
    await scope.register(multipart, {
      attachFieldsToBody: true,
      limits: { fileSize: KB_UPLOAD_MAX_BYTES, files: 1, fields: 5, fieldSize: 1000 },
      async onFile(part) {
        const path = join(tmpdir(), `motcua-kb-${randomBytes(8).toString("hex")}`);
        await pipeline(part.file, createWriteStream(path));
        (part as SavedPart).savedPath = path;
      },
    });
    // Only admins may upload: refused before the body is read.
    scope.addHook("onRequest", adminOnly);
    // An upload the handler did not hand to a job (refused, CSRF, error) is removed.
    scope.addHook("onResponse", async (req) => {
      const path = uploaded(req)?.savedPath;
      if (path && !(req as FastifyRequest & { claimed?: boolean }).claimed) await rm(path, { force: true });
    });
    scope.post(BASE, async (req, reply) => {
      const file = uploaded(req);
      const back = (message: string, status: number) =>
        sendPage(
          reply,
          consolePage(officerOf(req), {
            title: "Nhập thủ tục",
            body: html`<h1>Nhập thủ tục</h1><p class="error" role="alert">${message}</p><p><a href="${BASE}">Quay lại</a></p>`,
          }),
          status,
        );
      if (!file?.savedPath) return back("Vui lòng chọn một tệp để tải lên.", 400);
      if (file.file.truncated)
        return back(`Tệp quá lớn (tối đa ${KB_UPLOAD_MAX_BYTES / 1024 / 1024} MB).`, 413);
      const format = formField(req.body, "format");
      const officerId = officerOf(req).id;
      const id = await startImportJob(
        {
          db: deps.db,
          ...jobDeps,
          logger: req.log,
          onFinished: (job) =>
            audit(deps.db, {
              officerId,
              action: job.stage === "done" ? "kb_import_finished" : "kb_import_failed",
              targetType: "kb_import",
              targetId: job.id,
              data: {
                inserted: job.inserted,
                updated: job.updated,
                unchanged: job.unchanged,
                skipped: job.skipped,
                error: job.error,
              },
            }).catch(() => undefined),
        },
        {
          path: file.savedPath,
          fileName: (file.filename || "tệp tải lên").slice(0, 200),
          format: format === "dichvucong" || format === "motcua" ? (format as ImportFormat) : undefined,
        },
      );
      (req as FastifyRequest & { claimed?: boolean }).claimed = true;
      if (!id) return back("Đang có một lần nhập khác chạy; vui lòng chờ lần đó xong.", 409);
      await audit(deps.db, {
        officerId,
        action: "kb_import_started",
        targetType: "kb_import",
        targetId: id,
        data: { fileName: file.filename, format: format || "auto" },
        ip: req.ip,
      });
      return reply.redirect(`${BASE}/${id}`, 303);
    });
  });

  app.get<{ Params: { id: string } }>(`${BASE}/:id`, { preHandler: adminOnly }, async (req, reply) => {
    const job = await readImportJob(jobDeps, req.params.id);
    if (!job) return sendNotFound(req, reply);
    const page = consolePage(officerOf(req), {
      title: `Nhập thủ tục: ${job.fileName}`,
      current: "/officer/quan-tri",
      scripts: ["kb-import.js"],
      body: progressBody(job),
    });
    return sendPage(reply, page);
  });

  app.get<{ Params: { id: string } }>(
    `${BASE}/:id/tien-do.json`,
    { preHandler: adminOnly },
    async (req, reply) => {
      const job = await readImportJob(jobDeps, req.params.id);
      if (!job) return sendNotFound(req, reply);
      return reply.header("cache-control", "no-store").send(job);
    },
  );
}

function uploaded(req: FastifyRequest): SavedPart | undefined {
  const body = req.body as Record<string, unknown> | undefined;
  const file = body?.file as SavedPart | undefined;
  return file && typeof file === "object" && "file" in file ? file : undefined;
}
