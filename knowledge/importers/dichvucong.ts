import type { Procedure } from "../procedure.js";
import { orderNumberedPapers } from "./order-papers.js";
import { parseChannels } from "./parse-channels.js";
import { parseDocuments } from "./parse-documents.js";
import { LEGAL_TABLE_HEADER, parseLegalBasis } from "./parse-legal-basis.js";
import { parseResults } from "./parse-results.js";
import { splitLines, splitPortalList, splitSteps } from "./portal-lists.js";
import { cellText, isNoInfo, normalizePortalText } from "./portal-text.js";

/** A canonical procedure with the reasons its raw record did not parse fully (empty when it did). */
export interface ParsedDichvucongRecord {
  procedure: Procedure;
  problems: string[];
}

/** Converts one record of the national portal scrape into a canonical procedure. */
export function parseDichvucongRecord(raw: Record<string, unknown>): Procedure {
  return parseDichvucongRecordWithProblems(raw).procedure;
}

/**
 * Converts one portal record and lists what could not be parsed, so that an import can report
 * its quality; a record with a code and a name always converts.
 */
export function parseDichvucongRecordWithProblems(raw: Record<string, unknown>): ParsedDichvucongRecord {
  const { channelsText, legalText } = repairChannelSpill(raw.cach_thuc_thuc_hien, raw.can_cu_phap_ly);
  const channels = parseChannels(channelsText);
  const documents = parseDocuments(raw.thanh_phan_ho_so);
  const legal = parseLegalBasis(legalText);
  const results = parseResults(raw.ket_qua_xu_ly);
  const procedure: Procedure = {
    code: cellText(raw.ma_thu_tuc),
    name: cellText(raw.ten_thu_tuc).replace(/\s+/g, " "),
    levels: splitPortalList(raw.cap_thuc_hien),
    field: cellText(raw.linh_vuc),
    agencies: splitPortalList(raw.co_quan_thuc_hien),
    authority: cellText(raw.co_quan_co_tham_quyen),
    address: cellText(raw.dia_chi_tiep_nhan),
    audience: splitPortalList(raw.doi_tuong_thuc_hien),
    steps: splitSteps(raw.trinh_tu_thuc_hien),
    channels: channels.channels,
    documents: orderNumberedPapers(documents.documents),
    documentNotes: documents.notes,
    conditions: splitLines(raw.yeu_cau_dieu_kien),
    results: results.results,
    legalBasis: legal.legalBasis,
    portalUrl: cellText(raw.detail_url),
    decision: cellText(raw.so_quyet_dinh),
    aliases: [],
    popularity: 0,
  };
  const problems = [
    ...channels.problems.map((p) => `channels: ${p}`),
    ...documents.problems.map((p) => `documents: ${p}`),
    ...legal.problems.map((p) => `legal basis: ${p}`),
    ...results.problems.map((p) => `results: ${p}`),
  ];
  return { procedure, problems };
}

/**
 * The scrape cut some channel tables at a fee note mentioning "Căn cứ pháp lý", so the rest of the
 * table landed at the start of the legal-basis cell; this puts it back.
 */
function repairChannelSpill(channels: unknown, legal: unknown): { channelsText: string; legalText: string } {
  const c = normalizePortalText(channels);
  const l = normalizePortalText(legal).trim();
  if (!l.startsWith(":") || isNoInfo(c)) return { channelsText: c, legalText: l };
  const header = l.indexOf(LEGAL_TABLE_HEADER);
  const spill = header < 0 ? l : l.slice(0, header);
  return { channelsText: `${c}Căn cứ pháp lý${spill}`, legalText: header < 0 ? "" : l.slice(header) };
}
