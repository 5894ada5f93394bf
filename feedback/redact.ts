import { redactBirthDates } from "./redact-birth-date.js";
import { redactGluedInitials, redactSenderInitials } from "./redact-initials.js";
import { redactNames } from "./redact-names.js";
import {
  EMAIL,
  GROUPED_ID,
  ID_NUMBER,
  ID_TAIL,
  isGroupedCccd,
  LANDLINE,
  NAMED_ID,
  PHONE,
  PLATE,
  RESIDENCE,
} from "./redact-patterns.js";
import { redactSenderAddress, redactSenderName, redactSenderPhone } from "./redact-sender.js";
import { redactSpelledEmails } from "./redact-spelled-email.js";
import { redactSpelledPhones } from "./redact-spelled-phone.js";

/** What the sender gave, so it can be found in the text too (the public never sees any of it). */
export interface SenderIdentity {
  name?: string | null;
  address?: string | null;
  phone?: string | null;
}

/** Placeholders the public sees instead of personal data. */
export const REDACTED = {
  person: "[đã ẩn tên]",
  phone: "[đã ẩn số điện thoại]",
  idNumber: "[đã ẩn số giấy tờ]",
  email: "[đã ẩn email]",
  plate: "[đã ẩn biển số]",
  address: "[đã ẩn địa chỉ]",
  birthDate: "[đã ẩn ngày sinh]",
} as const;

/** Words that make an "Địa chỉ: …" that of a business or an office (public), when they come first in the sentence. */
const BODY =
  /(?:công ty|cty|dntn|htx|hợp tác xã|doanh nghiệp|cơ sở|chi nhánh|cục|chi cục|sở|ubnd|cơ quan|thuế|kho bạc|ngân hàng|văn phòng|trung tâm|trụ sở|bộ phận)[^.!?\n]*$/iu;

/** Whether the text before `at`, in the same sentence, names a business or an office. */
function ofABody(text: string, at: number): boolean {
  return BODY.test(text.slice(Math.max(0, at - 160), at));
}

/** The same placeholder twice in a row ("[đã ẩn tên] [đã ẩn tên]") reads as one. */
const REPEATED = /(\[đã ẩn [^\]]+\])(?:[\s,]*\1)+/gu;

/**
 * Removes personal data before anything is public: the sender's own name (also in part, without
 * diacritics or in capitals), address (from the house or hamlet on) and phone in any spelling;
 * anyone's home address where the text says someone lives there;
 * e-mails (also written "an (at) gmail [dot] com", "a còng … chấm com"), CCCD/CMND and other
 * identity numbers (also masked or only their last digits), licence plates and phone numbers (also
 * read out in words); dates of birth; the sender's initials ("N.V.A", "chị H."); people named
 * after a title or a role ("ông Hồ Quang Nhật", later "ông Nhật", "sinh viên Lương Mai Anh"),
 * introducing themselves ("tôi tên là …", "Người gửi: …"), written as a full name or signing the
 * text. Offices, bodies, streets and places named like people are kept (measured by
 * `npm run bench:redaction`).
 */
export function redactForPublic(input: string, sender: SenderIdentity = {}): string {
  // E-mails first: their local part often spells the sender's name.
  let text = input.normalize("NFC").replace(EMAIL, REDACTED.email);
  text = redactSpelledEmails(text, REDACTED.email);
  text = redactSenderAddress(text, sender.address, REDACTED.address);
  // Initials before the name, so "N. Văn An" goes whole, not as "N. [đã ẩn tên]".
  text = redactSenderInitials(text, sender.name, REDACTED.person);
  text = redactSenderName(text, sender.name, REDACTED.person);
  text = redactSenderPhone(text, sender.phone, REDACTED.phone);
  text = redactSpelledPhones(text, REDACTED.phone);
  text = redactBirthDates(text, REDACTED.birthDate);
  text = text.replace(NAMED_ID, (_m, lead: string) => `${lead}${REDACTED.idNumber}`);
  text = text.replace(ID_TAIL, (_m, lead: string) => `${lead}${REDACTED.idNumber}`);
  text = text.replace(GROUPED_ID, (m) => (isGroupedCccd(m) ? REDACTED.idNumber : m));
  text = text.replace(PLATE, REDACTED.plate);
  text = text.replace(LANDLINE, REDACTED.phone);
  text = text.replace(PHONE, REDACTED.phone);
  text = text.replace(ID_NUMBER, REDACTED.idNumber);
  // Again, now that a hidden name or phone can say whose address follows ("[đã ẩn tên], thôn 3").
  text = redactSenderAddress(text, sender.address, REDACTED.address);
  text = redactGluedInitials(text, REDACTED.person);
  text = redactNames(text, REDACTED.person);
  // After names, so "ông [đã ẩn tên] ở số 46 đường Trần Phú" is seen as that person's home.
  text = text.replace(
    RESIDENCE,
    (m, lead: string, _home: string, _levels: string, at: number, all: string) =>
      /^địa chỉ/iu.test(lead) && ofABody(all, at) ? m : `${lead}${REDACTED.address}`,
  );
  return text.replace(REPEATED, "$1");
}
