import { foldTokens } from "../normalize.js";

/**
 * Abbreviations official names use, with the words citizens say instead ("sổ BHXH" is "sổ bảo
 * hiểm xã hội"); names are also indexed with the words spelled out so either form matches.
 */
const NAME_ABBREVIATIONS: Record<string, string> = {
  ubnd: "ủy ban nhân dân",
  bhxh: "bảo hiểm xã hội",
  bhyt: "bảo hiểm y tế",
  bhtn: "bảo hiểm thất nghiệp",
  tnld: "tai nạn lao động",
  bnn: "bệnh nghề nghiệp",
  dsphsk: "dưỡng sức phục hồi sức khỏe",
  kcb: "khám chữa bệnh",
  tncn: "thu nhập cá nhân",
  tndn: "thu nhập doanh nghiệp",
  gtgt: "giá trị gia tăng",
  ttdb: "tiêu thụ đặc biệt",
  tnhh: "trách nhiệm hữu hạn",
  mtv: "một thành viên",
  nhnn: "ngân hàng nhà nước",
  kbnn: "kho bạc nhà nước",
  nsnn: "ngân sách nhà nước",
  tw: "trung ương",
  gcn: "giấy chứng nhận",
};

const EXPANSIONS = new Map(Object.entries(NAME_ABBREVIATIONS).map(([k, v]) => [k, foldTokens(v)]));

/**
 * The folded name with its abbreviations spelled out, or undefined when it has none; indexed as
 * an alias of the name.
 */
export function spelledOutName(nameTokens: readonly string[]): string[] | undefined {
  if (!nameTokens.some((t) => EXPANSIONS.has(t))) return undefined;
  return nameTokens.flatMap((t) => EXPANSIONS.get(t) ?? [t]);
}
