import { detectNames, fold } from "./redaction-gold.js";
import { type SyntheticCase, seededRandom, Writer } from "./redaction-synthetic.js";

/**
 * Held-out cases: other ways of writing personal data, written after redact.ts was improved on the
 * main synthetic set and never tuned against (their first numbers are the ones reported):
 * lower-case names with diacritics, an address in abbreviations on its own lines, a child and a
 * mother named by title, "Tôi, <name>, CCCD …", a third person's name and address, an e-mail in
 * capitals and a landline with its area code in brackets, a message typed all in plain lower case,
 * and a signature after "(đã ký)".
 */

const PEOPLE = [
  ["Nguyễn", "Văn", "Toàn"],
  ["Trần", "Thị", "Huệ"],
  ["Lê", "Minh", "Khoa"],
  ["Phạm", "Ngọc", "Ánh"],
  ["Hoàng", "Đức", "Thịnh"],
  ["Võ", "Thị", "Loan"],
  ["Đặng", "Quốc", "Việt"],
  ["Bùi", "Thanh", "Tùng"],
  ["Đỗ", "Thị", "Hạnh"],
  ["Ngô", "Văn", "Lực"],
] as const;
const STREETS = ["Trần Phú", "Nguyễn Du", "Hà Huy Tập", "Phan Đình Phùng", "Xuân Diệu"];
const WARDS = ["Tân Giang", "Bắc Hà", "Nam Hà", "Thạch Linh"];
const COMMUNES = ["Thạch Kênh", "Cẩm Bình", "Sơn Kim", "Đồng Lộc"];

/** The held-out cases, one per body text. */
export function heldOutCases(bodies: readonly { id: string; text: string }[], seed = 7): SyntheticCase[] {
  const rand = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const num = (n: number) => Array.from({ length: n }, () => Math.floor(rand() * 10)).join("");
  return bodies.map((body, index) => {
    const [surname, middle, given] = pick(PEOPLE);
    const name = `${surname} ${middle} ${given}`;
    const other = pick(PEOPLE.filter((p) => p[2] !== given)).join(" ");
    const house = 1 + Math.floor(rand() * 300);
    const street = pick(STREETS);
    const ward = pick(WARDS);
    const hamlet = `thôn ${1 + Math.floor(rand() * 15)}`;
    const commune = pick(COMMUNES);
    const urban = rand() < 0.5;
    const address = urban
      ? `số ${house} đường ${street}, phường ${ward}, thành phố Hà Tĩnh`
      : `${hamlet}, xã ${commune}, tỉnh Hà Tĩnh`;
    const local = `09${num(8)}`;
    const spaced = `${local.slice(0, 4)} ${local.slice(4, 7)} ${local.slice(7)}`;
    const w = new Writer();
    const template = pick(["lower", "lines", "family", "comma", "third", "caps-mail", "plain", "signed"]);
    switch (template) {
      case "lower":
        w.put("Nhà tôi ở ").value("address", urban ? `số ${house} ${street}` : `${hamlet} xã ${commune}`);
        w.put(" (gần chợ), tôi là ")
          .value("name", name.toLowerCase())
          .put(". SĐT/Zalo: ")
          .value("phone", local);
        w.put(`. ${body.text}`);
        break;
      case "lines":
        w.put(`${body.text}\n--\n`).value("name", name).put("\n");
        w.value(
          "address",
          urban ? `Số ${house}, ${street}, P. ${ward}, TP Hà Tĩnh` : `Thôn ${hamlet.slice(5)}, X. ${commune}`,
        );
        w.put("\nĐT: ").value("phone", spaced);
        break;
      case "family":
        w.put("Con trai tôi là cháu ")
          .value("name", pick(["Minh", "Khánh", "Bảo", "Phúc"]))
          .put(" (sinh năm ")
          // The child's birth year is personal data too (gold corrected when dates of birth were added).
          .value("birth", "2010")
          .put("). ");
        w.put(`${body.text} Mọi thông tin xin liên hệ mẹ cháu là chị `).value("name", `${surname} ${given}`);
        w.put(" qua số ").value("phone", local).put(".");
        break;
      case "comma":
        w.put("Tôi, ")
          .value("name", name)
          .put(", CCCD ")
          .value("id", `0${pick(["38", "42"])}${num(10)}`);
        w.put(`, cấp ngày 12/5/2021, xin phản ánh: ${body.text}`);
        break;
      case "third":
        w.put(`${body.text} Xe ô tô BKS `).value("plate", pick([`38A ${num(3)}.${num(2)}`, `38A${num(5)}`]));
        w.put(" thường xuyên đỗ trái phép. Chủ xe là ông ").value("name", other).put(" ở ");
        w.value("address", `số ${1 + Math.floor(rand() * 99)} đường ${pick(STREETS)}`).put(".");
        break;
      case "caps-mail":
        w.put(`${body.text} Email liên hệ: `).value(
          "email",
          `${fold(given).toUpperCase()}${num(2)}@GMAIL.COM`,
        );
        w.put(" hoặc điện thoại bàn ")
          .value("phone", `(0239) 385 ${num(4)}`)
          .put(".");
        break;
      case "plain":
        w.put("kinh gui ubnd, em la ").value("name", fold(given)).put(" o ");
        w.value("address", `${fold(hamlet)} ${fold(commune)}`).put(`, em muon hoi: ${body.text} so dt `);
        w.value("phone", spaced);
        break;
      default:
        w.put(`${body.text}\nNgười làm đơn\n(đã ký)\n`).value("name", name);
    }
    return {
      id: `held-out-${index}-${template}`,
      text: w.text,
      pii: w.pii,
      ignore: [
        ...w.context.filter((c) => c.end > c.start),
        ...detectNames(body.text).map((s) => {
          const offset = w.text.indexOf(body.text);
          return { start: s.start + offset, end: s.end + offset };
        }),
      ],
      sender: { name, address, phone: local },
      template,
    };
  });
}
