import type { Procedure, ProcedureDocument, SubmissionChannel } from "../../knowledge/procedure.js";

/** A submission channel with realistic portal values. */
export function makeChannel(overrides: Partial<SubmissionChannel> = {}): SubmissionChannel {
  return {
    channel: "Trực tiếp",
    timeValue: 1,
    timeUnit: "Ngày làm việc",
    timeText: "1 Ngày làm việc",
    fee: "Miễn phí",
    description: "",
    ...overrides,
  };
}

/** A dossier paper with realistic portal values. */
export function makeDocument(overrides: Partial<ProcedureDocument> = {}): ProcedureDocument {
  return {
    name: "Giấy chứng sinh; trường hợp không có Giấy chứng sinh thì nộp văn bản của người làm chứng xác nhận về việc sinh",
    quantity: "1 bản chính",
    form: "",
    kind: "submit",
    group: "",
    ...overrides,
  };
}

/** A procedure modelled on "Thủ tục đăng ký khai sinh" (1.001193) from the national portal. */
export function makeProcedure(overrides: Partial<Procedure> = {}): Procedure {
  return {
    code: "1.001193",
    name: "Thủ tục đăng ký khai sinh",
    levels: ["Cấp xã"],
    field: "Hộ tịch",
    agencies: ["Ủy ban nhân dân cấp xã"],
    authority: "",
    address: "",
    audience: ["Công dân Việt Nam", "Người Việt Nam định cư ở nước ngoài"],
    steps: [
      "- Nếu lựa chọn hình thức nộp hồ sơ trực tiếp, người yêu cầu đăng ký khai sinh nộp hồ sơ tại Trung tâm Phục vụ hành chính công có thẩm quyền; nộp lệ phí nếu thuộc trường hợp phải nộp lệ phí.",
      "- Cán bộ tiếp nhận hồ sơ tại Trung tâm Phục vụ hành chính công có trách nhiệm kiểm tra tính chính xác, đầy đủ, thống nhất, hợp lệ của hồ sơ.",
      "- Công chức tư pháp - hộ tịch thẩm tra hồ sơ; nếu thấy hồ sơ đầy đủ, hợp lệ thì báo cáo Chủ tịch Ủy ban nhân dân cấp xã ký Giấy khai sinh.",
    ],
    channels: [
      makeChannel({ channel: "Trực tuyến" }),
      makeChannel({ channel: "Dịch vụ bưu chính" }),
      makeChannel({ channel: "Trực tiếp" }),
    ],
    documents: [
      makeDocument(),
      makeDocument({
        name: "- Văn bản ủy quyền (được chứng thực) theo quy định của pháp luật trong trường hợp ủy quyền thực hiện việc đăng ký khai sinh.",
      }),
      makeDocument({
        name: "- Hộ chiếu/Thẻ căn cước công dân/Thẻ căn cước/Căn cước điện tử/Giấy chứng nhận căn cước hoặc các giấy tờ khác có dán ảnh và thông tin cá nhân do cơ quan có thẩm quyền cấp, còn giá trị sử dụng",
        kind: "present",
      }),
    ],
    documentNotes: [],
    conditions: [],
    results: ["Giấy khai sinh"],
    legalBasis: [
      { title: "Luật 60/2014/QH13", number: "60/2014/QH13" },
      {
        title:
          "Nghị định số 123/2015/NĐ-CP ngày 15/11/2015 của Chính phủ quy định chi tiết một số điều và biện pháp thi hành Luật Hộ tịch",
        number: "123/2015/NĐ-CP",
      },
      {
        title:
          "Thông tư Hướng dẫn về phí và lệ phí thuộc thẩm quyền quyết định của Hội đồng nhân dân tỉnh, thành phố trực thuộc Trung ương",
        number: "85/2019/TT-BTC",
      },
    ],
    portalUrl: "https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-3fe0-70ac-b9d6-5e9e20d6eef7",
    decision: "",
    aliases: ["làm giấy khai sinh"],
    popularity: 0,
    ...overrides,
  };
}

/** A paper name as long as the portal's building-permit ones (≈ 230 characters), numbered to be found again. */
export function longDocumentName(i: number): string {
  return `Giấy tờ số ${i}: Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất được cấp theo quy định của pháp luật về đất đai qua các thời kỳ, trường hợp đã có trong Cơ sở dữ liệu quốc gia về đất đai thì không phải nộp (mục ${i})`;
}

/** A procedure modelled on the building permit (1.013225) with `count` long papers in two cases. */
export function makeBigProcedure(count = 60): Procedure {
  return makeProcedure({
    code: "1.013225",
    name: "Cấp giấy phép xây dựng mới đối với công trình cấp III, cấp IV (Công trình không theo tuyến/Theo tuyến trong đô thị/Tín ngưỡng, tôn giáo/Tượng đài, tranh hoành tráng/Theo giai đoạn cho công trình không theo tuyến/Theo giai đoạn cho công trình theo tuyến trong đô thị/Dự án) và nhà ở riêng lẻ",
    levels: ["Cấp xã", "Cơ quan khác"],
    field: "Hoạt động xây dựng",
    agencies: ["Uỷ ban Nhân dân cấp xã, phường, thị trấn"],
    channels: [
      makeChannel({
        channel: "Trực tuyến",
        timeValue: 20,
        timeUnit: "Ngày",
        timeText: "20 Ngày",
        fee: "Miễn phí(Theo quy định của Hội đồng nhân dân cấp tỉnh)",
      }),
      makeChannel({
        channel: "Dịch vụ bưu chính",
        timeValue: 20,
        timeUnit: "Ngày",
        timeText: "20 Ngày",
        fee: "Miễn phí(Theo quy định của Hội đồng nhân dân cấp tỉnh)",
      }),
      makeChannel({
        channel: "Trực tiếp",
        timeValue: 15,
        timeUnit: "Ngày",
        timeText: "15 Ngày",
        fee: "Miễn phí(Theo quy định của Hội đồng nhân dân cấp tỉnh.)",
      }),
    ],
    documents: Array.from({ length: count }, (_, i) =>
      makeDocument({
        name: longDocumentName(i + 1),
        quantity: "1 bản chính,1 bản sao",
        group: i < count / 2 ? "(1.1) Đối với công trình không theo tuyến:" : "(1.2) Đối với nhà ở riêng lẻ:",
      }),
    ),
    results: [
      "Giấy phép xây dựng kèm theo hồ sơ thiết kế trình xin cấp giấy phép xây dựng có đóng dấu của cơ quan có thẩm quyền cấp giấy phép xây dựng..",
    ],
    portalUrl: "https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfe-9088-744d-aa0a-e846b6dce3d5",
  });
}
