import { normalizeText } from "../../../knowledge/normalize.js";

const fold = (text: string) =>
  normalizeText(text)
    .replace(/[^\p{L}\p{N} ]/gu, " ")
    .replace(/\s+/g, " ")
    .trim();

const CANCEL = /^(?:huy|huy bo|huy phan anh|thoi|thoi khong gui nua|khong gui nua|thoi khong can|dung lai)$/;
const YES = /^(?:dong y|co|ok|oke|okay|u|uh|vang|da|da dong y|toi dong y|yes)(?: \S+)?$/;
const NO = /^(?:khong|ko|khong dong y|toi khong dong y|no|tu choi)(?: \S+)?$/;
const CONFIRM = /^(?:xac nhan|xac nhan gui|gui|gui di|dong y|ok|dung roi|chinh xac)$/;
const DONE = /^(?:xong|xong roi|tiep|tiep tuc|khong|khong co|bo qua|het|ok|thoi)$/;

/**
 * Whether a typed message cancels the intake ("/huy", "hủy", "thôi"). At the name step a bare
 * unaccented "huy" is a name (Huy), so only the accented word cancels there.
 */
export function isCancelText(text: string, step?: string): boolean {
  if (/^\/huy(?:@\w+)?$/i.test(text.trim())) return true;
  if (step === "name" && !/[ủỷ]/i.test(text)) return false;
  return CANCEL.test(fold(text));
}

/** A typed yes/no to the consent question, or undefined when it is neither. */
export function typedConsent(text: string): boolean | undefined {
  const folded = fold(text);
  if (NO.test(folded)) return false;
  if (YES.test(folded)) return true;
  return undefined;
}

/** Whether a typed message confirms the summary. */
export function isTypedConfirm(text: string): boolean {
  return CONFIRM.test(fold(text));
}

/** Whether a typed message ends the photo step ("xong", "tiếp tục", "không có"). */
export function isTypedDone(text: string): boolean {
  return DONE.test(fold(text));
}

/** The kind named in a typed message ("phản ánh", "kiến nghị"), if any. */
export function typedKind(text: string): "phan_anh" | "kien_nghi" | undefined {
  const folded = fold(text);
  if (/^(?:gui )?(?:phan anh|pa)$/.test(folded)) return "phan_anh";
  if (/^(?:gui )?(?:kien nghi|kn|de xuat|gop y)$/.test(folded)) return "kien_nghi";
  return undefined;
}
