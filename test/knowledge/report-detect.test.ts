import { describe, expect, it } from "vitest";
import { compileReportCues, loadReportCues, parseReportCues } from "../../knowledge/report-detect.js";
import { measureReportRates, readLabelledMessages } from "../../scripts/bench/report-rates.js";
import { bundledKnowledgeBase } from "../helpers/knowledge.js";

describe("reading a message as a reported problem", () => {
  const kb = bundledKnowledgeBase();

  it.each([
    "đường bê tông trước cổng trường bị sụt một hố lớn, tuần này đã có hai học sinh ngã xe",
    "duong be tong truoc cong truong bi sut mot ho lon, tuan nay da co hai hoc sinh nga xe",
    "cán bộ xã bắt bổ sung giấy tờ mấy lần",
    "đường làng ngập",
    "hồ sơ trễ hẹn 2 tuần",
    "đèn đường hỏng",
    "den duong hem 5 hong ca thang nay",
    "rác thải không ai thu gom",
    "can bo xa bat bo sung giay to may lan",
    "tôi muốn phản ánh việc cán bộ phường gây khó dễ",
    "karaoke hàng xóm hát tới 2h sáng",
    "nha may xa khoi den mu mit ca ngay",
    "nhà bên cạnh xây tường lấn sang đất nhà tôi",
    "cán bộ địa chính đòi 3 triệu tiền bồi dưỡng mới làm nhanh",
    // A plain statement about a public thing, asking nothing, with no cue phrase of its own.
    "Cột điện trước ngõ 8 có cái tổ ong vò vẽ to bằng cái nồi treo lủng lẳng",
    "Mỗi buổi tan học có người lạ đứng trước cổng trường mời học sinh mua đồ chơi không rõ nguồn gốc",
    // An officer's misconduct, however many words away.
    "Chị cán bộ ở bàn tiếp nhận nói muốn lấy kết quả sớm thì bồi dưỡng thêm 300 nghìn",
    "ong truong ap khong chiu ky don cho nha toi vi chua dong tien quy",
    // A delay told in numbers, in digits or in words.
    "Hồ sơ tách thửa nộp hơn hai tháng rồi mà vẫn nằm ở xã",
    "giay hen ghi 7 ngay ma gio 1 thang chua thay dau",
    // A recurring problem with words in between ("tối nào … cũng").
    "Tối nào xe tải chở đá cũng chạy qua xóm, bụi bay mịt mù",
    "Tôi thấy việc chia tiền hỗ trợ lũ ở thôn rất bất công",
    // Southern and casual words for broken things; a guard is serving the public too.
    "ong cong truoc cho be, nuoc chay tum lum",
    "Bảo vệ bệnh viện không cho người nhà vào, bắt gửi xe ở bãi ngoài giá gấp ba",
  ])("offers a PAKN for a report: %s", (text) => {
    expect(kb.decide(text).report).toBeDefined();
  });

  it.each([
    "đăng ký khai sinh cần gì",
    "đăng ký khai sinh quá hạn cho con 7 tuổi cần giấy tờ gì",
    "xin giấy phép xả nước thải vào nguồn nước cần những gì",
    "giấy phép lái xe bị hỏng thì cấp đổi thế nào",
    "nhà tôi bị ngập thì xin hỗ trợ thế nào",
    "xin bản sao trích lục khai sinh ở đâu",
    "xin ban sao trich luc khai sinh o dau",
    "cho em hỏi về thủ tục đăng ký hộ kinh doanh ở chợ",
    "hưởng chế độ tai nạn lao động cần những gì",
    "Cho em hỏi đường dây nóng của điện lực ở tỉnh mình là số nào",
    "Tôi muốn đăng ký kinh doanh quán cà phê nhỏ tại nhà ở phường",
    // A long statement that says what the citizen wants is a request, not a report.
    "mẹ em mất năm ngoái, căn nhà vẫn đứng tên mẹ, giờ mấy anh em muốn chia lại cho nhau",
    // Harm to oneself in a question about support or a procedure is a question.
    "Vườn cây nhà tôi bị ngập úng hư hỏng hết thì có được hỗ trợ gì không",
    "Con tôi bị ngã khi đang làm ở xưởng, hồ sơ hưởng tai nạn lao động gồm gì",
    "Đất vườn bị sạt lở xuống suối có được miễn tiền thuế đất không",
    // A neighbour's boundary is a dispute with its own procedure.
    "Hàng xóm lấn ranh đất nhà tôi, muốn nhờ xã hòa giải thì nộp đơn ở đâu",
    // One broken thing named twice ("vỉa hè … đường ống … bị vỡ") is one piece of evidence.
    "Tôi muốn xin phép đào vỉa hè để thay đường ống nước bị vỡ",
    // "# năm" in a procedure question is not a delay.
    "Đất ông bà để lại sử dụng ổn định hơn 30 năm chưa có sổ thì cấp lần đầu cần gì",
  ])("leaves a procedure question alone: %s", (text) => {
    expect(kb.decide(text).report).toBeUndefined();
  });

  it("marks a report that also asks about a procedure, so the bot answers that too", () => {
    const d = kb.decide(
      "cán bộ một cửa đòi tiền bồi dưỡng mới nhận hồ sơ đăng ký khai sinh, vậy đăng ký khai sinh cần giấy tờ gì",
    );
    expect(d.report).toEqual({ asks: true });
    expect(d.action).toBe("answer");
    expect(kb.decide("đèn đường hỏng cả tháng nay").report).toEqual({ asks: false });
    const both = kb.decide(
      "Cán bộ xã bắt tôi về quê xin giấy xác nhận ba lần rồi, vậy đăng ký kết hôn cần những giấy tờ gì",
    );
    expect(both.report).toEqual({ asks: true });
    expect(both.action).toBe("answer");
  });

  it("reads a plain sentence after the bot's answer as the citizen's situation, a real report still as one", () => {
    const afterBirth = { lastCode: "1.001193", recentCodes: ["1.001193"] };
    const situation = "mẹ cháu là người Việt còn bố cháu mang quốc tịch Úc, cả nhà đang ở quê ngoại";
    expect(kb.decide(situation).report).toBeDefined();
    expect(kb.decide(situation, afterBirth).report).toBeUndefined();
    expect(kb.decide(situation, afterBirth).action).toBe("answer");
    const afterLicence = { lastCode: "3.000347", recentCodes: ["3.000347"] };
    expect(kb.decide("bằng lái của tôi bị hỏng chứ không phải mất", afterLicence).report).toBeUndefined();
    expect(
      kb.decide("đường vào xóm tôi bị ngập cả tuần nay mà không ai xử lý", afterBirth).report,
    ).toBeDefined();
    expect(kb.decide("cán bộ xã đòi 2 triệu mới nhận hồ sơ", afterBirth).report).toBeDefined();
    // "o voi" typed plain is "ở với" (living with someone), not a pothole ("ổ voi").
    expect(kb.decide("bo me vao o voi toi thi nhan luong huu o day duoc khong").report).toBeUndefined();
    expect(kb.decide("đường làng có ổ voi to").report).toBeDefined();
  });

  it("says why a message reads as a report", () => {
    const cues = loadReportCues();
    const reading = cues.read("Cán bộ địa chính đòi 2 triệu, đường làng thì ngập cả tuần nay");
    expect(reading.report).toBe(true);
    expect(reading.evidence).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^officer:can bo\+/),
        expect.stringMatching(/^pair:duong/),
      ]),
    );
    expect(cues.read("đăng ký khai sinh cần gì").evidence).toEqual([]);
  });

  it("reads '#' as any number and '*' as a few words in a cue", () => {
    const cues = compileReportCues(
      parseReportCues("weak\thơn # tháng | đêm nào * cũng\nnumber\thai | mấy\n"),
    );
    expect(cues.read("hơn 2 tháng").score).toBe(1);
    expect(cues.read("hơn hai tháng").score).toBe(1);
    expect(cues.read("hon may thang").score).toBe(1);
    expect(cues.read("hơn tháng").score).toBe(0);
    expect(cues.read("đêm nào cũng").score).toBe(1);
    expect(cues.read("đêm nào quán bên cạnh cũng").score).toBe(1);
    expect(cues.read("đêm nào quán ăn ở ngay bên cạnh cũng").score).toBe(0);
  });

  it("offers at least 90% of the labelled reports and at most 2% of the procedure questions", () => {
    const rates = measureReportRates(kb, readLabelledMessages());
    expect(rates.reports).toBeGreaterThanOrEqual(150);
    expect(rates.questions).toBeGreaterThanOrEqual(130);
    expect(rates.reportsOffered).toBeGreaterThanOrEqual(0.95);
    expect(rates.questionsOffered).toBeLessThanOrEqual(0.02);
  });

  it("reads an edited cue list: comments and unknown kinds skipped, '~' cues need their diacritics", () => {
    const rows = parseReportCues(
      "# comment\nsubject\t~chợ | cống\nstate\tbẩn | tắc\nmystery\tabc\nstrong\t\nrequest\tthủ tục\n",
    );
    expect(rows.subject).toEqual(["~chợ", "cống"]);
    expect(rows.strong).toEqual([]);
    const cues = compileReportCues(rows);
    expect(cues.read("chợ bẩn quá").report).toBe(true);
    expect(cues.read("cho bẩn quá").report).toBe(false);
    expect(cues.read("cong bi tac").report).toBe(true);
    // One weak piece of evidence next to a procedure is a question.
    expect(cues.read("cống tắc thì thủ tục gì").report).toBe(false);
  });
});
