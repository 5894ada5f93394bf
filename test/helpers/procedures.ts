import type { Procedure } from "../../knowledge/procedure.js";

/** A realistic procedure for tests, with any field overridden. */
export function makeProcedure(overrides: Partial<Procedure> = {}): Procedure {
  return {
    code: "1.001193",
    name: "Đăng ký khai sinh",
    levels: ["Cấp xã"],
    field: "Hộ tịch",
    agencies: ["Ủy ban nhân dân cấp xã"],
    authority: "Ủy ban nhân dân cấp xã",
    address: "",
    audience: ["Công dân Việt Nam"],
    steps: ["Nộp hồ sơ tại Bộ phận một cửa", "Nhận kết quả"],
    channels: [
      {
        channel: "Trực tiếp",
        timeValue: 1,
        timeUnit: "Ngày làm việc",
        timeText: "1 Ngày làm việc",
        fee: "Miễn phí",
        description: "",
      },
    ],
    documents: [
      { name: "Tờ khai đăng ký khai sinh", quantity: "1 bản chính", form: "", kind: "submit", group: "" },
      { name: "Giấy chứng sinh", quantity: "1 bản chính", form: "", kind: "submit", group: "" },
    ],
    documentNotes: [],
    conditions: [],
    results: ["Giấy khai sinh"],
    legalBasis: [{ title: "Luật Hộ tịch", number: "60/2014/QH13" }],
    portalUrl: "https://dichvucong.gov.vn/thu-tuc-hanh-chinh/example",
    aliases: [],
    popularity: 0,
    ...overrides,
  };
}
