import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { resolve, sep } from "node:path";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { IMAGE_TYPES } from "../../feedback/attachment-store.js";
import { citizenDeliveries } from "../../feedback/citizen-delivery/delivery-history.js";
import type { PaknAction } from "../../feedback/console/allowed-actions.js";
import { loadPaknDetail } from "../../feedback/console/pakn-detail.js";
import { loadPaknFor } from "../../feedback/console/pakn-scope.js";
import { AppError } from "../../lib/errors.js";
import { html } from "../html.js";
import { sendPage } from "../layout.js";
import { idParam, readQuery } from "../query-params.js";
import type { SiteDeps } from "../site.js";
import { requireOfficer } from "./auth-hooks.js";
import { citizenDeliveryParts } from "./citizen-delivery-view.js";
import { consolePage, csrfField, sendConsoleError } from "./console-layout.js";
import { takeFlash } from "./flash.js";
import { promoteTicketForm } from "./learning/promote-ticket-route.js";
import type { FormValues } from "./pakn-action-forms.js";
import { paknView } from "./pakn-view.js";

/** The 404 every console page gives for an item that does not exist or is outside the officer's scope. */
export function sendPaknNotFound(req: FastifyRequest, reply: FastifyReply): FastifyReply {
  return sendConsoleError(req, reply, 404, "Không tìm thấy phản ánh, kiến nghị.", "not_found");
}

/** What a re-rendered detail page carries after a form: a status, an error, what was typed. */
export interface DetailState {
  status?: number;
  error?: string;
  values?: FormValues;
  failed?: PaknAction;
  cannedId?: number;
}

/** Renders an item's detail page for the signed-in officer (404 outside their scope). */
export async function sendPaknDetail(
  deps: SiteDeps,
  req: FastifyRequest,
  reply: FastifyReply,
  code: string,
  state: DetailState = {},
): Promise<FastifyReply> {
  // biome-ignore lint/style/noNonNullAssertion: only reached behind requireOfficer
  const officer = req.officer!;
  let detail: Awaited<ReturnType<typeof loadPaknDetail>>;
  try {
    detail = await loadPaknDetail(deps, officer, code);
  } catch (err) {
    if (err instanceof AppError && err.code === "not_found") return sendPaknNotFound(req, reply);
    throw err;
  }
  const canned = detail.cannedAnswers.find((c) => c.id === state.cannedId);
  const deliveries = await citizenDeliveries(deps, { paknId: detail.item.id });
  const body = paknView({
    detail,
    csrf: csrfField(req),
    agencies: deps.agencies,
    flash: state.error ? undefined : takeFlash(req, reply, deps.secureCookies),
    error: state.error,
    values: state.values,
    failed: state.failed,
    canned,
    citizenDelivery: citizenDeliveryParts(deliveries, {
      item: detail.item,
      csrf: csrfField(req),
      znsSteps: deps.znsSteps ?? new Set(),
    }),
  });
  const page = consolePage(officer, {
    title: detail.item.code,
    body: html`${body}${promoteTicketForm(officer, detail.item, csrfField(req))}`,
    styles: ["console-work.css"],
    scripts: ["console-work.js"],
  });
  return sendPage(reply, page, state.status ?? 200);
}

const PHOTO_PATH = /^pakn\/\d+\/photo-\d+\.(jpg|png|webp)$/;
const PHOTO_TYPES = new Set<string>(Object.keys(IMAGE_TYPES));

/** The detail's query: `mau`, the canned answer to prefill (ignored when it is not an id). */
const DETAIL_QUERY = z.object({ mau: idParam() });

/**
 * `GET /officer/pakn/:code` (the detail; `?mau=<id>` prefills a canned answer) and
 * `GET /officer/pakn/:code/anh/:n` (a photo, read from the uploads directory only through the
 * stored, checked relative path of an item the officer may see).
 */
export function registerPaknPage(app: FastifyInstance, deps: SiteDeps): void {
  const signedIn = requireOfficer(deps);
  app.get<{ Params: { code: string } }>("/officer/pakn/:code", { preHandler: signedIn }, (req, reply) =>
    sendPaknDetail(deps, req, reply, req.params.code, { cannedId: readQuery(req.query, DETAIL_QUERY).mau }),
  );

  app.get<{ Params: { code: string; n: string } }>(
    "/officer/pakn/:code/anh/:n",
    { preHandler: signedIn },
    async (req, reply) => {
      // biome-ignore lint/style/noNonNullAssertion: set by requireOfficer
      const officer = req.officer!;
      const item = await loadPaknFor(deps, officer, req.params.code).catch(() => undefined);
      const index = /^\d{1,3}$/.test(req.params.n) ? Number(req.params.n) : -1;
      const photo = item?.attachments[index];
      if (!deps.uploadsDir || !photo || photo.kind !== "image" || !photo.path || !PHOTO_PATH.test(photo.path))
        return sendPaknNotFound(req, reply);
      const root = resolve(deps.uploadsDir);
      const file = resolve(root, photo.path);
      if (!file.startsWith(root + sep)) return sendPaknNotFound(req, reply);
      const info = await stat(file).catch(() => undefined);
      if (!info?.isFile()) return sendPaknNotFound(req, reply);
      const type =
        photo.mimeType && PHOTO_TYPES.has(photo.mimeType) ? photo.mimeType : "application/octet-stream";
      return reply
        .type(type)
        .header("content-length", info.size)
        .header("cache-control", "private, no-store")
        .header("x-content-type-options", "nosniff")
        .header("content-security-policy", "default-src 'none'; sandbox")
        .header("content-disposition", "inline")
        .send(createReadStream(file));
    },
  );
}
