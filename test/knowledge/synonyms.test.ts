import { describe, expect, it } from "vitest";
import { accentedTerms, normalizeTokens } from "../../knowledge/normalize.js";
import { compileSynonyms, loadSynonyms, parseSynonyms } from "../../knowledge/synonyms.js";
import { bundledKnowledgeBase } from "../helpers/knowledge.js";

describe("synonym dictionary", () => {
  const dict = loadSynonyms();
  const expand = (text: string) =>
    dict
      .find(normalizeTokens(text))
      .map((m) => m.expansion.join(" "))
      .join(" | ");

  it("loads the bundled data file with many rules", () => {
    expect(dict.size).toBeGreaterThan(200);
  });

  it("maps everyday words to official terms, with or without diacritics", () => {
    expect(expand("làm sổ đỏ")).toContain("giay chung nhan quyen su dung dat");
    expect(expand("lam so do")).toContain("giay chung nhan quyen su dung dat");
    expect(expand("đi làm CCCD")).toContain("the can cuoc");
    expect(expand("nhập hộ khẩu cho con")).toContain("thuong tru");
    expect(expand("mở quán cà phê")).toContain("ho kinh doanh");
    expect(expand("bằng lái xe máy")).toContain("giay phep lai xe");
    expect(expand("giấy báo tử")).toContain("khai tu");
    expect(expand("công chứng bản sao")).toContain("chung thuc");
  });

  it("reads a phrase only as the citizen spelled it, when the message is typed with diacritics", () => {
    const d = compileSynonyms(
      parseSynonyms("giấy đỏ\tgiấy chứng nhận\ncăn hộ\tnhà chung cư\nbia do\tgiấy chứng nhận\n"),
    );
    const read = (text: string) =>
      d.find(normalizeTokens(text), accentedTerms(text)).map((m) => m.expansion.join(" "));
    // "giấy đó" (that paper) and "cần hộ chiếu" fold like "giấy đỏ" and "căn hộ".
    expect(read("tôi cần giấy đó để chia đất")).toEqual([]);
    expect(read("đi du lịch không cần hộ chiếu")).toEqual([]);
    expect(read("tôi cần làm giấy đỏ cho mảnh đất")).toEqual(["giay chung nhan"]);
    // Typed without diacritics either could be meant; a row written bare matches any spelling.
    expect(read("can giay do de chia dat")).toEqual(["giay chung nhan"]);
    expect(read("tôi có cái bìa đỏ rồi")).toEqual(["giay chung nhan"]);
  });

  it("reads merit only where it is meant, not in 'có công chứng' or 'có công ty'", () => {
    expect(expand("gia đình có công xin trợ cấp")).toContain("nguoi co cong");
    for (const text of ["bản sao có công chứng", "nhà tôi có công ty riêng", "con tôi chưa có công việc"])
      expect(expand(text), text).not.toContain("nguoi co cong");
  });

  it("prefers the longest phrase at a position", () => {
    const d = compileSynonyms(parseSynonyms("sổ\tso\nsổ đỏ\tgiấy chứng nhận\n"));
    expect(d.find(normalizeTokens("sổ đỏ")).map((m) => m.expansion.join(" "))).toEqual(["giay chung nhan"]);
  });

  it("also reads a phrase that starts inside another on a two-syllable word and runs past it", () => {
    const d = compileSynonyms(
      parseSynonyms(
        "làm căn cước\tthẻ căn cước\ncăn cước cho bé\tdưới 14 tuổi\ntạm dừng\ttạm ngừng\ndừng kinh doanh\tchấm dứt\n",
      ),
    );
    const read = (text: string) => d.find(normalizeTokens(text)).map((m) => m.expansion.join(" "));
    expect(read("làm căn cước cho bé")).toEqual(["the can cuoc", "duoi 14 tuoi"]);
    expect(read("xin tạm dừng kinh doanh")).toEqual(["tam ngung"]);
    expect(read("làm căn cước")).toEqual(["the can cuoc"]);
  });

  it("lets one possessive sit inside a phrase, never before its first word", () => {
    const d = compileSynonyms(parseSynonyms("hộ chiếu sắp hết hạn\tcấp hộ chiếu\n~gap\tcủa tôi | nhà em\n"));
    const found = (text: string) => d.find(normalizeTokens(text)).map((m) => [m.start, m.length]);
    expect(found("hộ chiếu của tôi sắp hết hạn rồi")).toEqual([[0, 7]]);
    expect(found("ho chieu nha em sap het han")).toEqual([[0, 7]]);
    expect(found("của tôi hộ chiếu sắp hết hạn")).toEqual([[2, 5]]);
    expect(found("hộ chiếu của tôi nhà em sắp hết hạn")).toEqual([]);
    expect(expand("hộ chiếu của tôi sắp hết hạn")).toContain("ho chieu pho thong");
  });

  it("ignores comments, blank and malformed lines", () => {
    expect(parseSynonyms("# comment\n\nno tab here\na | b\tc\n")).toEqual([
      { phrases: ["a", "b"], expansion: "c" },
    ]);
  });

  it("maps old and everyday names to today's procedures, the longest phrase deciding", () => {
    // Residence law 2020: household books are gone; "tách sổ hộ khẩu" is not splitting a land plot.
    expect(expand("rút khẩu cho con")).toMatch(/xoa dang k[iy] thuong tru/);
    expect(expand("tách sổ hộ khẩu")).toContain("tach ho");
    expect(expand("tách sổ hộ khẩu")).not.toContain("tach thua");
    expect(expand("đổi chủ hộ kinh doanh")).toContain("ho kinh doanh");
    // Identity law 2023: every old card name is the identity card of today.
    expect(expand("đổi cmnd sang căn cước")).toContain("cap doi the can cuoc");
    expect(expand("mất chứng minh")).toContain("cap lai the can cuoc");
    // Social insurance in the words people use.
    expect(expand("rút bhxh 1 lần")).toContain("huong bao hiem xa hoi mot lan");
    expect(expand("gộp sổ bảo hiểm")).toContain("so bhxh");
    expect(expand("gộp sổ bảo hiểm")).not.toContain("hop thua");
  });

  it("does not read a common word as the look-alike it folds to", () => {
    expect(expand("bổ sung hồ sơ")).not.toContain("vu khi"); // sung, not súng
    expect(expand("chua co so do")).not.toContain("ton giao"); // chưa, not chùa
    expect(expand("người lao động")).not.toContain("nuoc ngoai"); // lao động, not Lào
    expect(expand("thuê mặt bằng")).not.toContain("cap lai"); // mặt bằng, not mất bằng
    expect(expand("nghien cuu")).not.toContain("cai nghien"); // nghiên, not nghiện
    expect(expand("con lon roi")).not.toContain("chan nuoi"); // lớn, not lợn
    expect(expand("tiem phong cho be")).not.toContain("ho kinh doanh"); // tiêm, not tiệm
    expect(expand("người lao động của công ty")).not.toContain("cham dut"); // động của, not đóng cửa
    expect(expand("đóng cửa quán")).toContain("cham dut hoat dong");
    for (const [text, foreign] of [
      ["sửa chữa nhà", "ton giao"], // chữa, not chùa
      ["dang ky bien dong dat", "bien so"], // biến, not biển
      ["cap lai do bi mat", "thuy noi dia"], // lại do, not lái đò
      ["xa lan can", "thuy noi dia"], // xã lân cận, not xà lan
      ["phat sinh doi voi", "khai sinh"], // đối, not đôi
    ]) {
      expect(expand(text as string), text).not.toContain(foreign as string);
    }
  });
});

describe("everyday words reach the right real procedure", () => {
  const kb = bundledKnowledgeBase();
  const cases: Array<[string, string[]]> = [
    // social insurance and health insurance
    ["gộp sổ bảo hiểm xã hội", ["1.002759"]],
    ["nghỉ ốm có được bảo hiểm trả tiền không", ["1.001667"]],
    ["lĩnh lương hưu qua thẻ atm", ["2.000740"]],
    ["nhận lương hưu thay cho bố", ["1.001601"]],
    ["đi khám bệnh trái tuyến được hoàn tiền bhyt không", ["1.001656"]],
    // identity card, land certificate, vehicles
    ["đổi cccd khi đủ 25 tuổi", ["2.001195", "1.014063", "1.000889"]],
    ["đổi sổ đỏ cũ sang mới", ["1.012783"]],
    ["sổ đỏ ghi sai tên", ["1.012790", "1.012796"]],
    ["mất bằng lái xe máy", ["3.000348"]],
    ["mất cà vẹt xe", ["1.013080", "1.013082"]],
    ["bấm biển số xe mới mua", ["1.013067", "1.012575", "1.013066"]],
    // justice and taxes
    ["làm lý lịch tư pháp", ["3.000333"]],
    ["công chứng hợp đồng mua bán nhà", ["2.001035"]],
    ["quyết toán thuế tncn", ["2.002233"]],
    ["nộp lệ phí trước bạ xe máy", ["1.007700"]],
  ];
  it.each(cases)("%s", (text, codes) => {
    expect(codes).toContain(kb.decide(text).hits[0]?.procedure.code);
  });
});
