import type { LegalBasis, Procedure, ProcedureDocument, SubmissionChannel } from "../procedure.js";

/** Returns the procedure with its keys (and nested keys) in the schema's order, for stable output. */
export function orderProcedureKeys(p: Procedure): Procedure {
  return {
    code: p.code,
    name: p.name,
    levels: [...p.levels],
    field: p.field,
    agencies: [...p.agencies],
    authority: p.authority,
    address: p.address,
    audience: [...p.audience],
    steps: [...p.steps],
    channels: p.channels.map(orderChannel),
    documents: p.documents.map(orderDocument),
    documentNotes: [...p.documentNotes],
    conditions: [...p.conditions],
    results: [...p.results],
    legalBasis: p.legalBasis.map(orderLegalBasis),
    portalUrl: p.portalUrl,
    decision: p.decision ?? "",
    aliases: [...p.aliases],
    popularity: p.popularity,
  };
}

function orderChannel(c: SubmissionChannel): SubmissionChannel {
  return {
    channel: c.channel,
    timeValue: c.timeValue,
    timeUnit: c.timeUnit,
    timeText: c.timeText,
    fee: c.fee,
    description: c.description,
  };
}

function orderDocument(d: ProcedureDocument): ProcedureDocument {
  return { name: d.name, quantity: d.quantity, form: d.form, kind: d.kind, group: d.group };
}

function orderLegalBasis(l: LegalBasis): LegalBasis {
  return { title: l.title, number: l.number };
}

/**
 * Serialises procedures to our canonical "motcua" format: JSON lines, one procedure per line, keys in
 * schema order, so that the same procedures always give the same bytes (diffable, re-importable).
 */
export function exportCanonical(procedures: Iterable<Procedure>): string {
  let out = "";
  for (const p of procedures) out += `${JSON.stringify(orderProcedureKeys(p))}\n`;
  return out;
}
