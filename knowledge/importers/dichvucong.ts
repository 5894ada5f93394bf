import type { Procedure } from "../procedure.js";

/** Splits a comma-separated portal list ("Cấp bộ, Cấp tỉnh") into trimmed items. */
function list(value: unknown): string[] {
  if (typeof value !== "string") return [];
  return value
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s && s !== "Không có thông tin");
}

function text(value: unknown): string {
  if (typeof value !== "string") return "";
  const t = value.normalize("NFC").trim();
  return t === "Không có thông tin" ? "" : t;
}

/**
 * Converts one record of the national portal scrape into a canonical procedure.
 * TEMPORARY STUB: simple fields only; the table-cell parsing is being written.
 */
export function parseDichvucongRecord(raw: Record<string, unknown>): Procedure {
  return {
    code: text(raw.ma_thu_tuc),
    name: text(raw.ten_thu_tuc),
    levels: list(raw.cap_thuc_hien),
    field: text(raw.linh_vuc),
    agencies: list(raw.co_quan_thuc_hien),
    authority: text(raw.co_quan_co_tham_quyen),
    address: text(raw.dia_chi_tiep_nhan),
    audience: list(raw.doi_tuong_thuc_hien),
    steps: [],
    channels: [],
    documents: [],
    documentNotes: [],
    conditions: [],
    results: [],
    legalBasis: [],
    portalUrl: text(raw.detail_url),
    aliases: [],
    popularity: 0,
  };
}
