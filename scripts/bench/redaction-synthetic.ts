import type { SenderIdentity } from "../../feedback/redact.js";
import { detectNames, fold, type PiiKind, type PiiSpan } from "./redaction-gold.js";
import type { GoldText } from "./redaction-score.js";

/**
 * Realistic personal data written into real questions the ways citizens write it (the examples
 * file has phones and e-mails masked and no plates or ID numbers): the sender's name, address
 * and phone as the bot collected them, typed with or without diacritics, in capitals, only the
 * given name, part of the address, in a signature; ID numbers, e-mails and plates in the usual
 * spellings; a third person's phone. Every inserted value is gold by construction.
 */

const SURNAMES = [
  "Nguyễn",
  "Trần",
  "Lê",
  "Phạm",
  "Hoàng",
  "Huỳnh",
  "Phan",
  "Vũ",
  "Võ",
  "Đặng",
  "Bùi",
  "Đỗ",
  "Hồ",
  "Ngô",
  "Dương",
];
const MIDDLES = [
  "Văn",
  "Thị",
  "Hữu",
  "Đức",
  "Minh",
  "Thanh",
  "Ngọc",
  "Quang",
  "Xuân",
  "Thu",
  "Kim",
  "Thị Thu",
  "Văn Anh",
];
const GIVENS = [
  "Bình",
  "Hoa",
  "Lan",
  "Hùng",
  "Dũng",
  "Tuấn",
  "Hương",
  "Mai",
  "Nam",
  "Sơn",
  "Hải",
  "Hà",
  "Long",
  "Phúc",
  "Thảo",
  "Trang",
  "Yến",
  "Cường",
  "Tâm",
  "Thắng",
  "Khánh",
  "Linh",
  "Quý",
  "Nga",
];
const STREETS = [
  "Trần Phú",
  "Phan Đình Phùng",
  "Nguyễn Du",
  "Hà Huy Tập",
  "Lê Duẩn",
  "Xuân Diệu",
  "Hải Thượng Lãn Ông",
  "Nguyễn Công Trứ",
];
const WARDS = ["Bắc Hà", "Nam Hà", "Tân Giang", "Thạch Linh", "Văn Yên", "Đại Nài"];
const COMMUNES = [
  "Thạch Kênh",
  "Cẩm Bình",
  "Sơn Kim",
  "Đồng Lộc",
  "Kỳ Hoa",
  "Hương Trà",
  "Thiên Cầm",
  "Tùng Lộc",
];

/** A small seeded generator, so the benchmark is repeatable. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ascii = (s: string) => fold(s);
const digits = (rand: () => number, n: number) =>
  Array.from({ length: n }, () => Math.floor(rand() * 10)).join("");

/** A synthetic text with its sender and the spans of personal data written into it. */
export interface SyntheticCase extends GoldText {
  sender: SenderIdentity;
  template: string;
}

/** Builds a text piece by piece, recording the span of each personal value. */
export class Writer {
  text = "";
  pii: PiiSpan[] = [];
  /** Context written with a value ("+84 " before a number): neither personal nor ordinary. */
  context: { start: number; end: number }[] = [];
  put(s: string): this {
    this.text += s;
    return this;
  }
  /** Writes a value; only `[inside brackets]` is the personal part when brackets are given. */
  value(kind: PiiKind, s: string): this {
    const m = /^(.*?)\[(.*)\](.*)$/s.exec(s);
    const [before, inside, after] = m ? [m[1] ?? "", m[2] ?? "", m[3] ?? ""] : ["", s, ""];
    this.context.push({ start: this.text.length, end: this.text.length + before.length });
    this.text += before;
    this.pii.push({ kind, start: this.text.length, end: this.text.length + inside.length, text: inside });
    this.text += inside;
    this.context.push({ start: this.text.length, end: this.text.length + after.length });
    this.text += after;
    return this;
  }
}

function phoneSpellings(local: string): string[] {
  const n = local.slice(1);
  return [
    local,
    `${local.slice(0, 4)} ${local.slice(4, 7)} ${local.slice(7)}`,
    `${local.slice(0, 4)}.${local.slice(4, 7)}.${local.slice(7)}`,
    `${local.slice(0, 3)}-${local.slice(3, 6)}-${local.slice(6)}`,
    `+84 [${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6)}]`,
    `(+84) [${n}]`,
    `84[${n}]`,
    `${local.slice(0, 4)} ${local.slice(4)}`,
  ];
}

/** The synthetic cases, one per body text, templates and spellings drawn with the seed. */
export function syntheticCases(bodies: readonly { id: string; text: string }[], seed = 42): SyntheticCase[] {
  const rand = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  return bodies.map((body, index) => {
    const surname = pick(SURNAMES);
    const given = pick(GIVENS);
    const name = `${surname} ${pick(MIDDLES)} ${given}`;
    const hamlet = `${pick(["thôn", "xóm"])} ${1 + Math.floor(rand() * 12)}`;
    const commune = `xã ${pick(COMMUNES)}`;
    const urban = rand() < 0.5;
    const house = `số ${1 + Math.floor(rand() * 200)} đường ${pick(STREETS)}`;
    const ward = `phường ${pick(WARDS)}`;
    const address = urban ? `${house}, ${ward}, thành phố Hà Tĩnh` : `${hamlet}, ${commune}, tỉnh Hà Tĩnh`;
    const local = `0${pick(["9", "8", "3", "7", "5"])}${digits(rand, 8)}`;
    const phone = pick(phoneSpellings(local));
    const other = `0${pick(["9", "8", "3"])}${digits(rand, 8)}`;
    const cccd = `0${pick(["38", "40", "42", "01", "79"])}${pick(["0", "1", "2", "3"])}${digits(rand, 8)}`;
    const id = pick([
      cccd,
      `${cccd.slice(0, 4)} ${cccd.slice(4, 8)} ${cccd.slice(8)}`,
      `${cccd.slice(0, 3)}.${cccd.slice(3, 6)}.${cccd.slice(6, 9)}.${cccd.slice(9)}`,
    ]);
    const cmnd = `18${digits(rand, 7)}`;
    const mail = pick([
      `${ascii(given)}${ascii(surname)}${10 + Math.floor(rand() * 89)}@gmail.com`,
      `${ascii(surname)}.${ascii(given)}@yahoo.com.vn`,
      `${ascii(given).toUpperCase()}.${ascii(surname)}@Outlook.com`,
    ]);
    const plate = pick([
      `38A-${digits(rand, 3)}.${digits(rand, 2)}`,
      `29A${digits(rand, 5)}`,
      `51F1-${digits(rand, 3)}.${digits(rand, 2)}`,
      `38-H1 ${digits(rand, 3)}.${digits(rand, 2)}`,
      `38a-${digits(rand, 5)}`,
      `37C-${digits(rand, 4)}`,
    ]);
    const w = new Writer();
    const template = pick([
      "intro",
      "signature",
      "unaccented",
      "formal",
      "given-name",
      "plate",
      "em",
      "contact",
      "id-plate",
    ]);
    switch (template) {
      case "intro":
        w.put("Tôi tên là ")
          .value("name", name)
          .put(", địa chỉ ")
          .value("address", address)
          .put(", số điện thoại ");
        w.value("phone", phone).put(`. ${body.text}`);
        break;
      case "signature":
        w.put(`${body.text}\nNgười gửi: `)
          .value("name", name.toUpperCase())
          .put(" - ĐT ")
          .value("phone", phone);
        break;
      case "unaccented":
        w.put("toi ten la ")
          .value("name", ascii(name))
          .put(" o ")
          .value("address", ascii(address))
          .put(" sdt ");
        w.value("phone", phone).put(`. ${body.text}`);
        break;
      case "formal":
        w.put("Kính gửi quý cơ quan, tôi là ")
          .value("name", name)
          .put(", CCCD số ")
          .value("id", id)
          .put(", trú tại ");
        w.value("address", address).put(`. ${body.text} Xin cảm ơn! Email: `).value("email", mail);
        break;
      case "given-name":
        w.put(`${body.text} Gia đình ông `)
          .value("name", given)
          .put(" (")
          .value("name", `${surname} ${given}`);
        w.put(") ở ")
          .value("address", urban ? house : `${hamlet}, ${commune}`)
          .put(" mong được giải quyết. Zalo ");
        w.value("phone", phone).put(".");
        break;
      case "plate":
        w.put("Chiều qua, xe ").value("plate", plate).put(" đỗ chắn lối đi trước nhà tôi ở ");
        w.value("address", urban ? house : hamlet)
          .put(`. ${body.text} Trân trọng,\n`)
          .value("name", name);
        break;
      case "em":
        w.put("Em là ")
          .value("name", given)
          .put(" ở ")
          .value("address", urban ? house : hamlet)
          .put(", sđt ");
        w.value("phone", phone).put(`, muốn hỏi: ${body.text}`);
        break;
      case "contact":
        w.put(`${body.text} (Liên hệ: `).value("name", name).put(", ").value("phone", phone).put(", ");
        w.value("email", mail).put("). Số của tổ trưởng tổ dân phố là ").value("phone", other).put(".");
        break;
      default:
        w.put("Tôi là ").value("name", name).put(" (CMND ").value("id", cmnd).put("), biển số xe máy ");
        w.value("plate", plate).put(`. ${body.text}`);
    }
    // Names the newspaper left in the body are real, but not what this case measures.
    const offset = w.text.indexOf(body.text);
    const ignore = [
      ...detectNames(body.text).map((s) => ({ start: s.start + offset, end: s.end + offset })),
      ...w.context.filter((c) => c.end > c.start),
    ];
    return {
      id: `synthetic-${index}-${template}`,
      text: w.text,
      pii: w.pii,
      ignore,
      sender: { name, address, phone: local },
      template,
    };
  });
}

/**
 * Ordinary sentences of PAKN and answers with nothing personal in them, written to contain what a
 * redactor may mistake for personal data: streets, schools and places named after people, titles
 * before offices, places starting with a title word, amounts, dates, hotlines, legal references.
 * Anything removed from them is over-redaction.
 */
export const ORDINARY_SENTENCES = [
  "Đoạn đường Lê Lợi qua phường Bắc Hà bị ngập sâu mỗi khi mưa lớn.",
  "Trường THCS Nguyễn Du thu thêm các khoản ngoài quy định.",
  "Tôi đang làm việc tại TP Hồ Chí Minh và muốn đăng ký thường trú tại Hà Tĩnh.",
  "Kính gửi Anh/Chị Công ty cho tôi hỏi thủ tục hoàn thuế.",
  "Đề nghị ông Chủ tịch UBND xã chỉ đạo giải quyết dứt điểm.",
  "Bà Giám đốc Sở đã tiếp dân ngày 12/3/2026.",
  "Doanh nghiệp có trụ sở tại tỉnh Bà Rịa - Vũng Tàu cũ nay thuộc TP Hồ Chí Minh.",
  "Huyện Anh Sơn, tỉnh Nghệ An có nhiều hộ bị ảnh hưởng.",
  "Giá trị hợp đồng là 840.000.000.000 đồng, thanh toán trong 24 tháng.",
  "Hội nghị diễn ra ngày 01.02.2026 lúc 08.30 tại hội trường.",
  "Theo Nghị định số 100/2019/NĐ-CP và Thông tư 38/2015/TT-BTC.",
  "Xe tải chạy trên Quốc lộ 1A đoạn Km 512+300 gây bụi.",
  "Gọi tổng đài 1900 9095 hoặc đường dây nóng 1800 1091 để được hỗ trợ.",
  "Diện tích 1.600 m2, lệ phí 500.000 đồng, dân số 1.234.567 người.",
  "Cầu Trần Phú bị xuống cấp nghiêm trọng.",
  "Người dân xã Cẩm Bình phản ánh về ô nhiễm từ nhà máy.",
  "Anh chị em công nhân chưa được trả lương tháng 10.",
  "Bác sĩ Trạm y tế xã vắng mặt trong giờ hành chính.",
  "Chị em phụ nữ trong thôn mong được hỗ trợ học nghề.",
  "Học sinh Trường Tiểu học Lê Văn Tám phải học ca ba.",
  "Tôi là giáo viên hợp đồng tại trường mầm non.",
  "Tôi là Chủ hộ kinh doanh cá thể, xin hỏi về thuế khoán.",
  "Đề nghị Sở Giao thông vận tải lắp đèn tín hiệu tại ngã tư Hà Huy Tập - Nguyễn Du.",
  "Vương quốc Anh và Nhật Bản là thị trường xuất khẩu chính.",
  "Các em học sinh phải lội nước đến trường.",
  "Ông bà ta có câu: đói cho sạch, rách cho thơm.",
  "Tượng đài Bác Hồ ở quảng trường trung tâm bị xuống cấp.",
  "Cô Tô là huyện đảo của tỉnh Quảng Ninh.",
  "Đường Hải Thượng Lãn Ông bị đào bới nhiều lần.",
  "Ngày 20/10/2025, tổ dân phố 5 tổ chức họp dân về quy hoạch.",
  "Căn cứ Quyết định số 1234/QĐ-UBND ngày 15/02/2024 của UBND tỉnh.",
  "Mức phạt từ 4.000.000 đồng đến 6.000.000 đồng đối với xe ô tô.",
];
