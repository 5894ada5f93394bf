import { FIELD_LABELS, type Field } from "../../../knowledge/procedure.js";

/** The fee a careful reader finds in the record: free, an amount, charged without amount, mixed, none. */
export type FeeKind = "free" | "amount" | "charged" | "mixed" | "none_given";

/** Words that must (or must not) appear in one part of the answer. */
export interface TextFacts {
  must?: string[];
  mustNot?: string[];
}

/** The facts written for one procedure by reading its record; a null part is not checked. */
export interface ExpectedFacts {
  code: string;
  name: string;
  fee: (TextFacts & { kind: FeeKind }) | null;
  time: TextFacts | null;
  place: TextFacts | null;
  /** `broken`: the record's dossier part is unusable and the answer must say so plainly. */
  documents: (TextFacts & { broken?: boolean }) | null;
}

/** The fields the benchmark checks. */
export const FACT_FIELDS = ["fee", "time", "place", "documents"] as const;
export type FactField = (typeof FACT_FIELDS)[number] & Field;

/** Lower-cased, NFC, single-spaced text for matching. */
export function fold(text: string): string {
  return text.normalize("NFC").toLocaleLowerCase("vi").replaceAll("uỷ", "ủy").replace(/\s+/gu, " ").trim();
}

/** The part of a composed answer under a field's heading (without the header and the portal footer). */
export function sectionBody(answer: string, field: Field): string | null {
  const heading = FIELD_LABELS[field].toLocaleUpperCase("vi");
  const lines = answer.split("\n");
  const at = lines.findIndex((l) => l.trim() === heading);
  if (at < 0) return null;
  const body: string[] = [];
  for (const line of lines.slice(at + 1)) {
    if (line.startsWith("Xem chi tiết trên Cổng Dịch vụ công quốc gia")) break;
    body.push(line);
  }
  return body.join("\n").trim();
}

/** A line that is a broken piece of portal text: starts with closing punctuation, or a step inside papers. */
export function fragmentLines(body: string, field: Field): string[] {
  return body.split("\n").filter((raw) => {
    const line = raw.replace(/^\s*(?:[•–+-]|\d+\.)\s*/u, "");
    if (/^[)\],;.:]/u.test(line)) return true;
    return field === "documents" && /\bBước\s*\d+\s*[.:]/u.test(line);
  });
}

/** The value after "Channel: " on each fee line (or the line itself), for the headline check. */
function feeHeadlines(body: string): string[] {
  return body
    .split("\n")
    .filter((l) => l.trim() && !/^\s*(?:Ghi chú|Lưu ý)/u.test(l))
    .slice(0, 4)
    .map((l) => {
      const text = l.replace(/^\s*•\s*/u, "");
      const colon = text.indexOf(": ");
      return colon >= 0 && colon < 60 ? text.slice(colon + 2) : text;
    });
}

/** Says why a part fails its facts; empty when it passes. */
export function checkField(field: FactField, expected: ExpectedFacts, body: string | null): string[] {
  const facts = expected[field];
  if (!facts) return [];
  if (body === null) return ["no section in the answer"];
  const text = fold(body);
  const failures: string[] = [];
  const noInfo = /chưa (?:có thông tin về|ghi rõ)/u.test(text);
  for (const word of facts.must ?? []) if (!text.includes(fold(word))) failures.push(`missing "${word}"`);
  for (const word of facts.mustNot ?? []) {
    if (new RegExp(`(?<![\\d.])${escapeRegExp(fold(word))}`, "u").test(text))
      failures.push(`wrong "${word}"`);
  }
  for (const line of fragmentLines(body, field)) failures.push(`fragment "${line.slice(0, 60)}"`);
  if (field === "fee" && expected.fee) {
    const heads = feeHeadlines(body).map(fold);
    const saysFree = heads.some((h) => h.startsWith("miễn phí"));
    switch (expected.fee.kind) {
      case "free":
        if (!heads.length || !heads.every((h) => h.startsWith("miễn"))) failures.push("not said to be free");
        break;
      case "amount":
      case "charged":
        if (saysFree) failures.push("headline says free but the record charges");
        if (noInfo) failures.push("says no information");
        break;
      case "none_given":
        if (!noInfo) failures.push("does not say plainly that the portal gives no fee");
        break;
      case "mixed":
        break;
    }
  } else if (field === "documents" && expected.documents?.broken) {
    if (!noInfo) failures.push("broken dossier part not said plainly");
    if (!text.includes("dichvucong.gov.vn")) failures.push("no link to the full record");
  } else if (noInfo && (facts.must?.length ?? 0) > 0 && field !== "place") {
    failures.push("says no information");
  }
  if (field === "place" && /chưa có thông tin về nơi nộp/u.test(text)) failures.push("says no place");
  if (field === "time") {
    const twice = repeatedChannels(body);
    if (twice.length > 0) failures.push(`channel given two times on two lines: ${twice.join(", ")}`);
  }
  return failures;
}

/** Channels named on more than one time line (before the notes): the citizen cannot tell which holds. */
function repeatedChannels(body: string): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const line of body.split("\n")) {
    if (/^\s*(?:Ghi chú|Lưu ý)/u.test(line)) break;
    const m = /^\s*•\s*([^:]{1,80}):/u.exec(line);
    for (const name of m?.[1]?.split(",").map((n) => n.trim()) ?? []) {
      if (seen.has(name)) twice.add(name);
      seen.add(name);
    }
  }
  return [...twice];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&");
}
