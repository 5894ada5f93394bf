import type { SenderIdentity } from "../../feedback/redact.js";
import { detectPii } from "./redaction-gold.js";
import type { GoldText } from "./redaction-score.js";

/**
 * The colliding-senders set of bench:redaction: every real officer's answer of the examples file,
 * published for a sender whose address shares what the answer says (its hamlet or residential
 * group, its commune, a day or month of its dates as the house number), with nothing of that
 * sender written in. Every word removed beyond what the independent detectors call personal data
 * is over-redaction; built by rule from each answer, never tuned to one.
 */

/** A hamlet, group or quarter named in the text ("thôn 3", "Tổ dân phố Tân Học", "khối 6"). */
const SHARED_PLACE =
  /(?<![\p{L}\p{N}])(?:[Tt]hôn|[Xx]óm|[Tt]ổ dân phố|[Kk]hối|[Bb]ản)[ \t]+(?:\d+[A-Za-z]?|\p{Lu}[\p{Ll}\p{M}]*(?:[ \t]+\p{Lu}[\p{Ll}\p{M}]*){0,2})/u;
/** A commune or ward named in the text. */
const COMMUNE =
  /(?<![\p{L}\p{N}])(?:xã|phường|thị trấn)[ \t]+\p{Lu}[\p{Ll}\p{M}]*(?:[ \t]+\p{Lu}[\p{Ll}\p{M}]*){0,2}/u;
/** A date in the text, day/month/year. */
const DATE = /(?<![\p{N}])(\d{1,2})\/(\d{1,2})\/\d{4}/u;

/** One answer with the sender made to collide with it, or none when the answer names nothing to collide with. */
export function collidingCase(id: string, answer: string): (GoldText & { sender: SenderIdentity }) | null {
  const text = answer.normalize("NFC");
  const place = SHARED_PLACE.exec(text)?.[0];
  const date = DATE.exec(text);
  if (!place && !date) return null;
  const house = date ? `Số ${Number(date[2]) || Number(date[1])}` : "Số 12";
  const commune = COMMUNE.exec(text)?.[0] ?? "xã Cẩm Bình";
  const address = [house, place ?? "thôn 3", commune, "tỉnh Hà Tĩnh"].join(", ");
  const spans = detectPii(text);
  return {
    id,
    text,
    sender: { name: "Nguyễn Thị Khánh Vân", phone: "0912345678", address },
    pii: spans.filter((s) => !s.ambiguous),
    ignore: spans.filter((s) => s.ambiguous),
  };
}
