import { typedMeanings } from "../typed-replies.js";

/**
 * Whether a typed message cancels the intake ("/huy", "hủy", "thôi": the whole message, words from
 * assets/typed-replies.tsv). At the name step a bare unaccented "huy" is a name (Huy), so only the
 * accented word cancels there.
 */
export function isCancelText(text: string, step?: string): boolean {
  if (/^\/huy(?:@\w+)?$/i.test(text.trim())) return true;
  if (step === "name" && !/[ủỷ]/i.test(text)) return false;
  return typedMeanings(text, { wholeOnly: true }).has("cancel");
}
