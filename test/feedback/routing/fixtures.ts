import { createAgencyDirectory, parseAgencies } from "../../../feedback/routing/agencies.js";
import type { RoutingExample } from "../../../feedback/routing/routing-model.js";
import { compileRoutingRules, parseRoutingRules } from "../../../feedback/routing/routing-rules.js";

/** A small agency list in the bundled file's format. */
export const AGENCIES_TSV = [
  "# id\tname\taliases\tlevel",
  "so-nn-mt\tSở Nông nghiệp và Môi trường\ttài nguyên và môi trường | quản lý đất đai\ttinh",
  "thue\tThuế tỉnh\tthuế | cục thuế\tnganh-doc",
  "so-giao-duc\tSở Giáo dục và Đào tạo\tgiáo dục và đào tạo\ttinh",
  "ubnd-xa\tUBND cấp xã\tủy ban nhân dân cấp xã | ủy ban nhân dân xã\txa",
].join("\n");

/** A small rules file in the bundled file's format. */
export const RULES_TSV = [
  "# keywords\tagency\tfield",
  "đất đai | sổ đỏ | thửa đất\tso-nn-mt\tĐất đai",
  "thuế | hóa đơn\tthue\tThuế",
  "học phí | trường học\tSở Giáo dục và Đào tạo\tGiáo dục",
].join("\n");

/** A handful of labelled examples. */
export const EXAMPLES: RoutingExample[] = [
  { text: "Gia đình tôi xin cấp giấy chứng nhận cho mảnh vườn", agency: "so-nn-mt" },
  { text: "Mảnh vườn bị hàng xóm lấn sang, đo đạc lại ranh giới", agency: "so-nn-mt" },
  { text: "Công ty kê khai tờ khai quý bị phạt chậm nộp", agency: "thue" },
  { text: "Doanh nghiệp được khấu trừ khoản chi phí nào khi kê khai", agency: "thue" },
  { text: "Con tôi học lớp 6 bị thu tiền quỹ lớp quá cao", agency: "so-giao-duc" },
  { text: "Giáo viên dạy thêm ép học sinh lớp 9", agency: "so-giao-duc" },
];

export const agencies = () => createAgencyDirectory(parseAgencies(AGENCIES_TSV));
export const rules = () => compileRoutingRules(parseRoutingRules(RULES_TSV, agencies()));
