import { formatFee } from "./channel-text.js";
import { cleanInline, isBlank } from "./clean-text.js";
import { type FeePhrases, feePhrases } from "./fact-phrases.js";

/** What a fee cell says once its note is read: free, an amount, charged without amount, or nothing. */
export type FeeKind = "free" | "amount" | "charged" | "unknown";

/** A fee cell read for a citizen: its kind and the text to show, the headline first. */
export interface FeeReading {
  kind: FeeKind;
  text: string;
}

/** An amount at the start of the fee ("Lệ phí: 50.000 đồng", "10 USD"). */
const HEAD_AMOUNT = /^(?:(?:Lệ phí|Phí)\s*:\s*)?(\d[\d.]*)\s*(đồng|USD|EUR)(?![\p{L}])/iu;
/** An amount written in full inside a note ("135.000 đồng/lần", "320.000đ/hộ chiếu"). */
const NOTE_AMOUNT =
  /(\d{1,3}(?:\.\d{3})+)\s*(?:(?:đồng|đ|VNĐ)(?![\p{L}])|(?=\/))(\s*\/\s*[\p{L} ]{1,20}?(?=[.,;)]|$))?|\d+\s*USD(?:\s*\/\s*[\p{L} ]{1,20}?(?=[.,;)]|$))?/iu;
/** A legal document that sets the amount ("Thông tư số 244/2016/TT-BTC"). */
const LEGAL_REF = /(?:Thông tư|Nghị định|Nghị quyết|Quyết định)(?: số)? \d+\/\d{4}\/[\p{L}\d-]+/u;

/** Splits "head (note)" into the head and the note without its outer brackets and leading bullet. */
function splitNote(text: string): { head: string; note: string } {
  const at = text.indexOf(" (");
  if (at < 0) return { head: text, note: "" };
  let note = text.slice(at + 2);
  if (note.endsWith(")")) note = note.slice(0, -1);
  return { head: text.slice(0, at).trim(), note: note.replace(/^[\s\-+•]+/u, "").trim() };
}

/** The note's first sentence, lower-cased: it says whether the "Miễn phí" before it holds. */
function firstSentence(note: string): string {
  return (note.split(/(?<=[.;])\s|\s[-+]\s/u)[0] ?? "").toLocaleLowerCase("vi").trim();
}

/** Who sets the amount, as the answer says it ("theo mức thu do Hội đồng nhân dân cấp tỉnh quy định"). */
function basisOf(note: string, phrases: FeePhrases): string {
  const lower = note.toLocaleLowerCase("vi");
  const basis = phrases.basis.find((b) => lower.includes(b.phrase));
  if (basis) return basis.text;
  const ref = LEGAL_REF.exec(note)?.[0];
  return ref ? `theo mức thu của ${ref}` : "theo mức thu hiện hành";
}

/** Appends the portal's note after the headline, unless it is empty. */
const withNote = (headline: string, note: string) => (note ? `${headline} (${note})` : headline);

/**
 * Reads one channel's fee cell: an amount is shown as is (a thousands part the portal dropped,
 * "100 VNĐ (… 100.000 đồng …)", is restored from the note); "Miễn phí" stands only when its note
 * does not charge ("Miễn phí (… quy định mức thu …)" becomes "Có thu phí, lệ phí theo mức thu của …").
 */
export function readFeeText(fee: string, phrases: FeePhrases = feePhrases()): FeeReading {
  if (isBlank(fee)) return { kind: "unknown", text: "" };
  const formatted = formatFee(fee);
  if (!formatted) return { kind: "unknown", text: "" };
  const { head, note } = splitNote(formatted);
  const amount = HEAD_AMOUNT.exec(head);
  if (amount) {
    const value = Number((amount[1] ?? "").replaceAll(".", ""));
    if ((amount[2] ?? "").toLocaleLowerCase("vi") !== "đồng" || value >= 1000 || value === 0) {
      return { kind: "amount", text: withNote(head, note) };
    }
    const inNote = NOTE_AMOUNT.exec(note);
    if (inNote?.[1]?.replaceAll(".", "").startsWith(String(value))) {
      return { kind: "amount", text: withNote(`${inNote[1]} đồng`, note) };
    }
    const raw = cleanInline(fee).split("(")[0]?.trim() ?? head;
    return {
      kind: "charged",
      text: withNote(`Có thu phí, lệ phí; mức thu Cổng Dịch vụ công ghi chưa rõ (“${raw}”)`, note),
    };
  }
  const first = firstSentence(note);
  const lowerHead = head.toLocaleLowerCase("vi");
  const saysFree = lowerHead.startsWith("miễn") || lowerHead.startsWith("không");
  if (saysFree) {
    if (!note || phrases.free.some((p) => first.startsWith(p))) return { kind: "free", text: formatted };
    if (phrases.optional.some((p) => first.includes(p))) return { kind: "free", text: formatted };
    const inNote = NOTE_AMOUNT.exec(note);
    if (inNote) {
      return { kind: "amount", text: withNote(`Có thu phí, lệ phí: ${inNote[0].trim()}`, note) };
    }
    // Past a first sentence that does not exempt, a charge named anywhere in the note holds.
    const lowerNote = note.toLocaleLowerCase("vi");
    if (phrases.charge.some((p) => lowerNote.includes(p))) {
      return { kind: "charged", text: withNote(`Có thu phí, lệ phí ${basisOf(note, phrases)}`, note) };
    }
    return { kind: "free", text: formatted };
  }
  const charged = phrases.charge.some((p) => lowerHead.includes(p) || first.includes(p));
  return { kind: charged ? "charged" : "unknown", text: formatted };
}
