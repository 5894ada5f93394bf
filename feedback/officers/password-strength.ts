import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as zxcvbnCommon from "@zxcvbn-ts/language-common";
import * as zxcvbnEn from "@zxcvbn-ts/language-en";

/** The shortest password an officer may choose. */
export const MIN_PASSWORD_LENGTH = 12;
/** The longest (the strength check and the hash need not handle essays). */
export const MAX_PASSWORD_LENGTH = 200;
/** zxcvbn's score a new password needs (3: about 10^8 guesses or more; 4 is the best). */
export const MIN_STRENGTH_SCORE = 3;

/** Words and password bases common in Viet Nam, one a line (`#` starts a comment). */
export const COMMON_PASSWORDS_VI_FILE = fileURLToPath(
  new URL("../../assets/common-passwords-vi.txt", import.meta.url),
);

/** Reads a word list file: one lower-case word a line, comments and blank lines skipped. */
export function parseWordList(text: string): string[] {
  return text
    .split("\n")
    .map((line) => line.trim().toLowerCase())
    .filter((line) => line && !line.startsWith("#"));
}

let estimator: ZxcvbnFactory | undefined;

function strengthEstimator(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({
    dictionary: {
      ...zxcvbnCommon.dictionary,
      ...zxcvbnEn.dictionary,
      vietnamese: parseWordList(readFileSync(COMMON_PASSWORDS_VI_FILE, "utf8")),
    },
    graphs: zxcvbnCommon.adjacencyGraphs,
    translations: zxcvbnEn.translations,
  });
  return estimator;
}

const withoutDiacritics = (text: string) =>
  text.normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/g, "d").replace(/Đ/g, "D");

/** What a password must not be built from: the e-mail, its parts, the name with and without diacritics. */
export function personalWords(about: { email: string; name?: string }): string[] {
  const email = about.email.trim().toLowerCase();
  const local = email.split("@")[0] ?? "";
  const name = withoutDiacritics(about.name ?? "").toLowerCase();
  const words = [
    email,
    local,
    ...local.split(/[._+-]+/),
    name,
    name.replace(/\s+/g, ""),
    ...name.split(/\s+/),
  ];
  return [...new Set(words.filter((w) => w.length >= 2))];
}

/**
 * Why a new password is refused (a Vietnamese sentence for the officer), or null when it is
 * acceptable: at least 12 characters, not the e-mail, and hard to guess by zxcvbn's estimate
 * (no repeats, sequences, keyboard runs, common passwords, Vietnamese names and words, or the
 * officer's own e-mail and name).
 */
export async function passwordProblem(
  password: string,
  about: { email: string; name?: string },
): Promise<string | null> {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return `Mật khẩu mới phải có ít nhất ${MIN_PASSWORD_LENGTH} ký tự.`;
  if (length > MAX_PASSWORD_LENGTH) return `Mật khẩu mới chỉ được dài tối đa ${MAX_PASSWORD_LENGTH} ký tự.`;
  if (password.trim().toLowerCase() === about.email.trim().toLowerCase())
    return "Mật khẩu mới không được trùng với địa chỉ email.";
  const plain = withoutDiacritics(password);
  const result = await strengthEstimator().check(plain, personalWords(about));
  if (result.score < MIN_STRENGTH_SCORE)
    return (
      "Mật khẩu mới quá dễ đoán: tránh lặp ký tự, dãy liên tiếp (abc, 123, bàn phím), mật khẩu phổ biến, " +
      "năm sinh, tên hoặc email của bạn. Nên dùng một cụm dễ nhớ gồm bốn, năm từ ngẫu nhiên nối với nhau."
    );
  return null;
}
