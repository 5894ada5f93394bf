import { describe, expect, it } from "vitest";
import { composeAnswer } from "../../../knowledge/compose/compose-answer.js";
import type { ComposedMessage } from "../../../knowledge/compose/composed-message.js";
import { decodePayload, encodePayload } from "../../../knowledge/payload.js";
import { FIELDS, type Field } from "../../../knowledge/procedure.js";
import {
  longDocumentName,
  makeBigProcedure,
  makeChannel,
  makeDocument,
  makeProcedure,
} from "../../helpers/procedures.js";

const allText = (messages: ComposedMessage[]) => messages.map((m) => m.text).join("\n");
const buttonFields = (messages: ComposedMessage[]) =>
  messages.flatMap((m) => m.buttons).map((b) => decodePayload(b.payload));

function expectWithinLimit(messages: ComposedMessage[], max = 2000) {
  expect(messages.length).toBeGreaterThan(0);
  for (const m of messages) {
    expect(m.text.trim().length).toBeGreaterThan(0);
    expect(m.text.length).toBeLessThanOrEqual(max);
  }
}

describe("composeAnswer", () => {
  it("starts with a header: name, code, level and agency, and ends with the portal link", () => {
    const [message] = composeAnswer(makeProcedure(), ["fee"]);
    const lines = message?.text.split("\n") ?? [];
    expect(lines[0]).toBe("Thủ tục đăng ký khai sinh");
    expect(lines[1]).toBe("Mã thủ tục: 1.001193 | Cấp thực hiện: Cấp xã");
    expect(lines[2]).toBe("Cơ quan thực hiện: Ủy ban nhân dân cấp xã");
    expect(message?.text).toContain(
      "https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-3fe0-70ac-b9d6-5e9e20d6eef7",
    );
  });

  it("answers the asked field first and only that field", () => {
    const messages = composeAnswer(makeProcedure(), ["fee"]);
    expect(messages).toHaveLength(1);
    const text = allText(messages);
    const body = text.split("\n\n")[1] ?? "";
    expect(body.startsWith("LỆ PHÍ")).toBe(true);
    expect(text).toContain("• Trực tuyến, Dịch vụ bưu chính, Trực tiếp: Miễn phí");
    expect(text).not.toContain("HỒ SƠ CẦN NỘP");
    expect(text).not.toContain("CĂN CỨ PHÁP LÝ");
  });

  it("answers several fields in the asked order", () => {
    const text = allText(composeAnswer(makeProcedure(), ["time", "documents"]));
    const time = text.indexOf("THỜI GIAN GIẢI QUYẾT");
    const documents = text.indexOf("HỒ SƠ CẦN NỘP");
    expect(time).toBeGreaterThan(0);
    expect(documents).toBeGreaterThan(time);
    expect(text).toContain("1 ngày làm việc");
  });

  it("merges channels with the same time and the same fee", () => {
    const procedure = makeProcedure({
      channels: [
        makeChannel({
          channel: "Trực tiếp",
          timeValue: 15,
          timeText: "15 Ngày làm việc",
          fee: "Lệ phí : 50.000 Đồng",
        }),
        makeChannel({
          channel: "Dịch vụ bưu chính",
          timeValue: 15,
          timeText: "15 Ngày làm việc",
          fee: "Lệ phí : 50.000 Đồng",
        }),
        makeChannel({
          channel: "Trực tuyến",
          timeValue: 10,
          timeText: "10 Ngày làm việc",
          fee: "25,000 Việt Nam Đồng",
        }),
      ],
    });
    const text = allText(composeAnswer(procedure, ["time", "fee"]));
    expect(text).toContain(
      "• Trực tiếp, Dịch vụ bưu chính: 15 ngày làm việc\n• Trực tuyến: 10 ngày làm việc",
    );
    expect(text).toContain("• Trực tiếp, Dịch vụ bưu chính: Lệ phí: 50.000 đồng\n• Trực tuyến: 25.000 đồng");
  });

  it("cleans portal noise in fees: empty notes, missing spaces, duplicated full stops", () => {
    const procedure = makeProcedure({
      channels: [
        makeChannel({ channel: "Trực tiếp", fee: "Miễn phí(Không quy định.)" }),
        makeChannel({
          channel: "Trực tuyến",
          fee: "Miễn phí(Theo quy định của Hội đồng nhân dân cấp tỉnh.)",
        }),
      ],
    });
    const text = allText(composeAnswer(procedure, ["fee"]));
    expect(text).toContain("• Trực tiếp: Miễn phí\n");
    // A note that hands the amount to the provincial council charges: never "Miễn phí" as the headline.
    expect(text).toContain(
      "• Trực tuyến: Có thu phí, lệ phí theo mức thu do Hội đồng nhân dân cấp tỉnh quy định (Theo quy định của Hội đồng nhân dân cấp tỉnh)",
    );
  });

  it("lists papers numbered with quantities, papers to show separately, and case headings", () => {
    const procedure = makeProcedure({
      documents: [
        makeDocument({
          name: "- Đơn đề nghị cấp giấy phép xây dựng.",
          quantity: "1 bản chính,1 bản sao",
          group: "(1.1) Đối với công trình không theo tuyến:",
        }),
        makeDocument({
          name: "Bản vẽ thiết kế xây dựng",
          quantity: "0 bản chính,2 bản sao",
          group: "(1.1) Đối với công trình không theo tuyến:",
        }),
        makeDocument({
          name: "Giấy tờ về quyền sử dụng đất",
          quantity: "1 bản sao",
          group: "(1.2) Đối với nhà ở riêng lẻ",
        }),
        makeDocument({
          name: "Thẻ căn cước",
          quantity: "1 bản chính",
          kind: "present",
          group: "(1.2) Đối với nhà ở riêng lẻ",
        }),
      ],
      documentNotes: ["Số lượng hồ sơ: 01 bộ"],
    });
    const messages = composeAnswer(procedure, ["documents"]);
    expect(allText(messages)).toContain(
      [
        "HỒ SƠ CẦN NỘP",
        "(1.1) Đối với công trình không theo tuyến:",
        "1. Đơn đề nghị cấp giấy phép xây dựng (1 bản chính, 1 bản sao)",
        "2. Bản vẽ thiết kế xây dựng (2 bản sao)",
        "Trường hợp khác (bấm nút bên dưới để xem giấy tờ riêng):",
        "• (1.2) Đối với nhà ở riêng lẻ",
        "Lưu ý:",
        "• Số lượng hồ sơ: 01 bộ",
      ].join("\n"),
    );
    expect(messages.at(-1)?.buttons[0]).toEqual({
      label: "(1.2) Đối với nhà ở riêng lẻ",
      payload: encodePayload({ type: "case", code: "1.001193", index: 1 }),
    });
  });

  it("shows zero-quantity entries as notes after the papers, neither numbered nor counted as papers", () => {
    const procedure = makeProcedure({
      documents: [
        makeDocument({ name: "- Tờ khai đăng ký khai sinh theo mẫu", quantity: "1 bản chính" }),
        makeDocument({
          name: "Trường hợp đã nộp bản điện tử Giấy chứng sinh thì không phải nộp bản giấy.",
          quantity: "0 bản chính",
        }),
        makeDocument({ name: "Giấy chứng sinh", quantity: "1 bản chính" }),
      ],
    });
    const text = allText(composeAnswer(procedure, ["documents"]));
    expect(text).toContain(
      "1. Tờ khai đăng ký khai sinh theo mẫu (1 bản chính)\n2. Giấy chứng sinh (1 bản chính)\nGhi chú:\n– Trường hợp đã nộp bản điện tử Giấy chứng sinh thì không phải nộp bản giấy.",
    );
    expect(allText(composeAnswer(procedure, []))).toContain("• Hồ sơ: 2 giấy tờ phải nộp, gồm:");
  });

  it("numbers main steps, indents sub-points, joins broken lines and keeps notes apart", () => {
    const procedure = makeProcedure({
      steps: [
        "- Người yêu cầu nộp hồ sơ tại Trung tâm Phục vụ hành chính công.",
        "- Cán bộ tiếp nhận kiểm tra hồ sơ:",
        "(i) Trường hợp hồ sơ đầy đủ, hợp lệ thì tiếp nhận hồ sơ;",
        "+ Trường hợp hồ sơ chưa đầy đủ thì hướng dẫn bổ sung.",
        "- Công chức tư pháp - hộ tịch ghi vào Sổ đăng ký khai sinh và",
        "trả kết quả cho người yêu cầu.",
        "Lưu ý:",
        "Trong thời hạn 60 ngày kể từ ngày sinh con, cha hoặc mẹ có trách nhiệm đăng ký khai sinh cho con.",
      ],
    });
    const text = allText(composeAnswer(procedure, ["steps"]));
    expect(text).toContain(
      [
        "CÁC BƯỚC THỰC HIỆN",
        "1. Người yêu cầu nộp hồ sơ tại Trung tâm Phục vụ hành chính công.",
        "2. Cán bộ tiếp nhận kiểm tra hồ sơ:",
        "   (i) Trường hợp hồ sơ đầy đủ, hợp lệ thì tiếp nhận hồ sơ;",
        "   + Trường hợp hồ sơ chưa đầy đủ thì hướng dẫn bổ sung.",
        "3. Công chức tư pháp - hộ tịch ghi vào Sổ đăng ký khai sinh và trả kết quả cho người yêu cầu.",
        "Lưu ý:",
        "• Trong thời hạn 60 ngày kể từ ngày sinh con, cha hoặc mẹ có trách nhiệm đăng ký khai sinh cho con.",
      ].join("\n"),
    );
  });

  it("gives a short overview when nothing specific was asked, with buttons for every part that has content", () => {
    const messages = composeAnswer(makeProcedure(), []);
    expect(messages).toHaveLength(1);
    const text = allText(messages);
    expect(text).toContain("TÓM TẮT");
    expect(text).toContain("• Thời gian: 1 ngày làm việc");
    expect(text).toContain("• Lệ phí: Miễn phí");
    expect(text).toContain("• Nộp trực tuyến: Có");
    expect(text).toContain(
      "• Hồ sơ: 1 giấy tờ phải nộp, 1 giấy tờ phải xuất trình (trường hợp thông thường; có 1 trường hợp khác)",
    );
    expect(text).not.toContain("CĂN CỨ PHÁP LÝ");
    const fields = buttonFields(messages).map((p) => (p?.type === "field" ? p.field : null));
    expect(fields).toEqual(["documents", "time", "fee", "place", "online", "steps", "result", "legal_basis"]);
  });

  it("offers buttons only for the other parts that have content", () => {
    const procedure = makeProcedure({ steps: [], legalBasis: [], conditions: ["Không có thông tin"] });
    const messages = composeAnswer(procedure, ["documents"]);
    const payloads = messages.flatMap((m) => m.buttons.map((b) => b.payload));
    expect(payloads).toEqual([
      encodePayload({ type: "case", code: "1.001193", index: 1 }),
      encodePayload({ type: "field", code: "1.001193", field: "time" }),
      encodePayload({ type: "field", code: "1.001193", field: "fee" }),
      encodePayload({ type: "field", code: "1.001193", field: "place" }),
      encodePayload({ type: "field", code: "1.001193", field: "online" }),
      encodePayload({ type: "field", code: "1.001193", field: "result" }),
    ]);
    expect(messages.flatMap((m) => m.buttons.map((b) => b.label))).toEqual([
      "Ủy quyền thực hiện việc đăng ký khai sinh",
      "Thời gian giải quyết",
      "Lệ phí",
      "Nơi nộp",
      "Nộp trực tuyến",
      "Kết quả",
    ]);
  });

  it("says politely that the portal has no information on an empty part", () => {
    const procedure = makeProcedure({
      conditions: ["Không có thông tin"],
      agencies: [],
      authority: "Bộ Công an",
    });
    const text = allText(composeAnswer(procedure, ["conditions"]));
    expect(text).toContain(
      `ĐIỀU KIỆN\nCổng Dịch vụ công quốc gia chưa ghi rõ điều kiện thực hiện của thủ tục này; xem bản đầy đủ: ${procedure.portalUrl}`,
    );
    expect(text).toContain("liên hệ Bộ Công an");
    expect(text).toContain(procedure.portalUrl);
    expect(text).not.toContain("Không có thông tin");
  });

  it("answers a procedure with no content at all without empty messages or buttons", () => {
    const procedure = makeProcedure({
      agencies: [],
      audience: [],
      field: "",
      steps: [],
      channels: [],
      documents: [],
      results: [],
      legalBasis: [],
      portalUrl: "",
    });
    for (const fields of [[], ["documents"], ["place", "online"]] as Field[][]) {
      const messages = composeAnswer(procedure, fields);
      expectWithinLimit(messages);
      // Only the place is known: a commune-level procedure is filed at the commune.
      const labels = messages.flatMap((m) => m.buttons.map((b) => b.label));
      expect(labels).toEqual(fields.includes("place") ? [] : ["Nơi nộp"]);
    }
    const place = allText(composeAnswer(procedure, ["place"]));
    expect(place).toContain("• Nộp trực tiếp tại: Bộ phận Một cửa của Ủy ban nhân dân xã, phường");
    expect(place).toContain("Cổng Dịch vụ công chưa ghi rõ nơi nộp");
    expect(place).toContain("• Cấp thực hiện: Cấp xã");
  });

  it("tells whether the procedure can be done online, with time, fee and link", () => {
    const online = allText(composeAnswer(makeProcedure(), ["online"]));
    expect(online).toContain("Có. Thủ tục này nhận hồ sơ trực tuyến.");
    expect(online).toContain("• Thời gian: 1 ngày làm việc");
    expect(online).toContain("Bạn nộp hồ sơ trên Cổng Dịch vụ công quốc gia: https://dichvucong.gov.vn/");
    const offline = makeProcedure({ channels: [makeChannel({ channel: "Trực tiếp" })] });
    expect(allText(composeAnswer(offline, ["online"]))).toContain(
      "hiện chưa nhận hồ sơ trực tuyến. Bạn có thể nộp: Trực tiếp.",
    );
  });

  it("shows legal basis as title and number without repeating the number", () => {
    const text = allText(composeAnswer(makeProcedure(), ["legal_basis"]));
    expect(text).toContain("• Luật 60/2014/QH13\n");
    expect(text).toContain("trực thuộc Trung ương (85/2019/TT-BTC)");
    expect(text).not.toContain("(123/2015/NĐ-CP)");
  });

  it("keeps every message within 2,000 characters for 60 long papers, whatever is asked", () => {
    const procedure = makeBigProcedure(60);
    const cases: Field[][] = [[], ["documents"], ["documents", "time"], [...FIELDS]];
    for (const fields of cases) {
      expectWithinLimit(composeAnswer(procedure, fields));
      expectWithinLimit(composeAnswer(procedure, fields, { full: true }));
    }
  });

  it("summarises a long list and offers Xem đầy đủ", () => {
    const messages = composeAnswer(makeBigProcedure(60), ["documents"]);
    expect(messages).toHaveLength(1);
    const text = allText(messages);
    expect(text).toMatch(/… và \d+ giấy tờ khác/u);
    expect(text).toContain("(1 bản chính, 1 bản sao)");
    const first = messages[0]?.buttons[0];
    expect(first?.label).toBe("Xem đầy đủ");
    expect(first?.payload).toBe(encodePayload({ type: "full", code: "1.013225", field: "documents" }));
  });

  it("fits a summarised part in one message whatever the lengths of its papers and name", () => {
    for (let length = 40; length <= 400; length += 60) {
      for (let pad = 0; pad <= 240; pad += 3) {
        const documents = Array.from({ length: 60 }, (_, i) =>
          makeDocument({
            name: `${i + 1}. ${"giấy tờ chứng minh ".repeat(40).slice(0, length)}`,
            quantity: "1 bản chính",
          }),
        );
        const name = `Cấp giấy phép ${"xây dựng ".repeat(30).slice(0, pad)}`;
        const summary = composeAnswer(makeProcedure({ name, documents }), ["documents"]);
        expect(summary, `papers of ${length}, name of ${name.length}`).toHaveLength(1);
        expectWithinLimit(summary);
      }
    }
  });

  it("in full mode splits the common case's list over messages without losing any paper", () => {
    const procedure = makeBigProcedure(60);
    const messages = composeAnswer(procedure, ["documents"], { full: true });
    expect(messages.length).toBeGreaterThan(1);
    expectWithinLimit(messages);
    const text = allText(messages);
    for (let i = 1; i <= 30; i++) expect(text).toContain(longDocumentName(i));
    expect(text).not.toContain(longDocumentName(31));
    expect(messages.at(-1)?.buttons.map((b) => b.payload)).toContain(
      encodePayload({ type: "case", code: "1.013225", index: 1 }),
    );
    expect(messages.slice(0, -1).every((m) => m.buttons.length === 0)).toBe(true);
    expect(messages.at(-1)?.buttons.some((b) => b.label === "Xem đầy đủ")).toBe(false);
    expect(messages.at(-1)?.text).toContain(procedure.portalUrl);
  });

  it("respects a smaller limit and cuts an over-long line at a word boundary", () => {
    const words = Array.from({ length: 900 }, (_, i) => `từ${i}`);
    const procedure = makeProcedure({ documents: [makeDocument({ name: words.join(" ") })] });
    for (const maxChars of [2000, 500, 200]) {
      const messages = composeAnswer(procedure, ["documents"], { full: true, maxChars });
      expectWithinLimit(messages, maxChars);
      const seen = allText(messages).split(/\s+/u);
      for (const word of words) expect(seen).toContain(word);
      expectWithinLimit(composeAnswer(procedure, ["documents", "steps"], { maxChars }), maxChars);
    }
  });

  it("passes HTML-like characters through unchanged as plain text", () => {
    const procedure = makeProcedure({
      name: 'Cấp phép <b>nhà</b> & "đất" <script>',
      documents: [makeDocument({ name: "Tờ khai <mẫu 01> & bản sao" })],
    });
    const text = allText(composeAnswer(procedure, ["documents"]));
    expect(text).toContain('Cấp phép <b>nhà</b> & "đất" <script>');
    expect(text).toContain("1. Tờ khai <mẫu 01> & bản sao (1 bản chính)");
    expect(text).not.toContain("&amp;");
    expect(text).not.toContain("&lt;");
  });

  it("cleans repeated whitespace and duplicated punctuation from portal text", () => {
    const procedure = makeProcedure({
      name: "Thủ tục   đăng ký\nkhai sinh.",
      results: ["Giấy phép xây dựng có đóng dấu của cơ quan có thẩm quyền.. "],
    });
    const text = allText(composeAnswer(procedure, ["result"]));
    expect(text.split("\n")[0]).toBe("Thủ tục đăng ký khai sinh");
    expect(text).toContain("• Giấy phép xây dựng có đóng dấu của cơ quan có thẩm quyền.\n");
  });

  it("produces text in NFC so Vietnamese letters count once", () => {
    const procedure = makeProcedure({ name: "Thủ tục đăng ký khai sinh".normalize("NFD") });
    const text = allText(composeAnswer(procedure, ["fee"]));
    expect(text).toBe(text.normalize("NFC"));
    expect(text.startsWith("Thủ tục đăng ký khai sinh\n")).toBe(true);
  });
});
