import { describe, expect, it } from "vitest";
import { createKnowledgeBase } from "../../knowledge/knowledge-base.js";
import type { Procedure } from "../../knowledge/procedure.js";
import { bundledKnowledgeBase } from "../helpers/knowledge.js";
import { makeProcedure } from "../helpers/procedures.js";

/** A small corpus with base procedures and their special variants, as on the national portal. */
function sampleProcedures(): Procedure[] {
  const p = (o: Partial<Procedure> & Pick<Procedure, "code" | "name">) =>
    makeProcedure({ levels: ["Cấp xã"], field: "Hộ tịch", aliases: [], popularity: 0, ...o });
  return [
    p({ code: "1.001193", name: "Thủ tục đăng ký khai sinh", popularity: 500000 }),
    p({ code: "1.000110", name: "Thủ tục đăng ký khai sinh có yếu tố nước ngoài tại khu vực biên giới" }),
    p({ code: "1.004884", name: "Thủ tục đăng ký lại khai sinh" }),
    p({ code: "2.000635", name: "Cấp bản sao Trích lục hộ tịch, bản sao Giấy khai sinh" }),
    p({ code: "1.000656", name: "Thủ tục đăng ký khai tử" }),
    p({ code: "1.001766", name: "Thủ tục đăng ký khai tử có yếu tố nước ngoài" }),
    p({ code: "1.000894", name: "Thủ tục đăng ký kết hôn", popularity: 30000 }),
    p({ code: "2.000806", name: "Thủ tục đăng ký kết hôn có yếu tố nước ngoài" }),
    p({ code: "1.004222", name: "Đăng ký thường trú", field: "Đăng ký, quản lý cư trú" }),
    p({ code: "1.004194", name: "Đăng ký tạm trú", field: "Đăng ký, quản lý cư trú" }),
    p({ code: "1.002755", name: "Gia hạn tạm trú", field: "Đăng ký, quản lý cư trú" }),
    p({
      code: "1.001612",
      name: "Đăng ký thành lập hộ kinh doanh",
      field: "Thành lập và hoạt động của hộ kinh doanh",
      popularity: 2000000,
    }),
    p({
      code: "1.001266",
      name: "Chấm dứt hoạt động hộ kinh doanh",
      field: "Thành lập và hoạt động của hộ kinh doanh",
    }),
    p({ code: "1.012786", name: "Cấp lại Giấy chứng nhận do bị mất", field: "Đất đai" }),
    p({
      code: "1.013225",
      name: "Cấp giấy phép xây dựng mới đối với công trình cấp III, cấp IV và nhà ở riêng lẻ",
      field: "Hoạt động xây dựng",
    }),
    p({
      code: "1.013226",
      name: "Cấp điều chỉnh giấy phép xây dựng đối với công trình cấp III, cấp IV và nhà ở riêng lẻ",
      field: "Hoạt động xây dựng",
    }),
    p({
      code: "1.013227",
      name: "Gia hạn giấy phép xây dựng đối với công trình cấp III, cấp IV và nhà ở riêng lẻ",
      field: "Hoạt động xây dựng",
    }),
    p({
      code: "1.013229",
      name: "Cấp giấy phép xây dựng sửa chữa, cải tạo đối với công trình cấp III, cấp IV và nhà ở riêng lẻ",
      field: "Hoạt động xây dựng",
    }),
    p({
      code: "1.014062",
      name: "Cấp thẻ căn cước cho người dưới 14 tuổi",
      field: "Cấp, quản lý căn cước",
      levels: ["Cấp tỉnh"],
    }),
    p({
      code: "1.014061",
      name: "Cấp thẻ căn cước cho người từ đủ 14 tuổi trở lên",
      field: "Cấp, quản lý căn cước",
      levels: ["Cấp tỉnh"],
    }),
  ];
}

const kb = createKnowledgeBase(sampleProcedures());
const top = (text: string) => kb.search(text, 5)[0]?.procedure.code;

describe("search", () => {
  it("finds the same procedure with and without diacritics, Telex or chat spelling", () => {
    expect(top("đăng ký khai sinh cho con")).toBe("1.001193");
    expect(top("dang ky khai sinh cho con")).toBe("1.001193");
    expect(top("dangw kys khai sinh")).toBe("1.001193");
    expect(top("đk khai sinh cho bé")).toBe("1.001193");
  });

  it("prefers the base procedure over special variants unless the message names them", () => {
    expect(top("đăng ký kết hôn")).toBe("1.000894");
    expect(top("đăng ký kết hôn với người nước ngoài")).toBe("2.000806");
    expect(top("khai tử cho ông nội")).toBe("1.000656");
    expect(top("đăng ký lại khai sinh")).toBe("1.004884");
  });

  it("understands everyday words through the synonym dictionary", () => {
    expect(top("mở quán trà sữa")).toBe("1.001612");
    expect(top("làm lại sổ đỏ bị mất")).toBe("1.012786");
    expect(top("nhập hộ khẩu cho con")).toBe("1.004222");
    expect(top("bố mới mất phải làm giấy gì")).toBe("1.000656");
  });

  it("respects the limit and never crashes on odd input", () => {
    expect(kb.search("khai sinh", 2)).toHaveLength(2);
    expect(kb.search("")).toEqual([]);
    expect(kb.search("🙏🙏🙏")).toEqual([]);
  });
});

describe("decide", () => {
  it("answers a clear question with the fields asked", () => {
    const d = kb.decide("đăng ký khai sinh cần giấy tờ gì và mất bao lâu");
    expect(d.action).toBe("answer");
    expect(d.hits[0]?.procedure.code).toBe("1.001193");
    expect(d.fields).toEqual(["documents", "time"]);
    expect(d.followUp).toBe(false);
  });

  it("asks which one when the message is ambiguous among close candidates", () => {
    const d = kb.decide("xin giấy phép xây nhà");
    expect(d.action).toBe("clarify");
    expect(d.hits.length).toBeGreaterThanOrEqual(2);
    expect(d.hits.length).toBeLessThanOrEqual(5);
    expect(d.hits.every((h) => h.procedure.field === "Hoạt động xây dựng")).toBe(true);
  });

  it.each([
    ["hôm nay trời có mưa không"],
    ["what is the weather like today?"],
    ["kể chuyện cười đi"],
    [""],
    ["😀😀😀"],
    ["   "],
  ])("says out_of_scope for %j", (text) => {
    expect(kb.decide(text).action).toBe("out_of_scope");
  });

  it("stays fast and safe on a 10,000-character message", () => {
    const long = "đăng ký khai sinh ".repeat(600).slice(0, 10_000);
    const started = performance.now();
    const d = kb.decide(long);
    expect(performance.now() - started).toBeLessThan(200);
    expect(d.hits[0]?.procedure.code).toBe("1.001193");
  });

  it("answers an aspect-only follow-up on the last procedure", () => {
    for (const text of [
      "thế lệ phí bao nhiêu",
      "nộp ở đâu",
      "còn online được không",
      "mất bao lâu thì có giấy phép",
    ]) {
      const d = kb.decide(text, { lastCode: "1.001193" });
      expect(d.action, text).toBe("answer");
      expect(d.followUp, text).toBe(true);
      expect(d.hits[0]?.procedure.code, text).toBe("1.001193");
    }
    expect(kb.decide("thế lệ phí bao nhiêu", { lastCode: "1.001193" }).fields).toEqual(["fee"]);
  });

  it("moves to the sibling procedure when a follow-up names a variant of the last topic", () => {
    const d = kb.decide("hết hạn rồi thì gia hạn sao", { lastCode: "1.004194" });
    expect(d.action).toBe("answer");
    expect(d.hits[0]?.procedure.code).toBe("1.002755");
  });

  it("starts a fresh search when a follow-up names a new topic", () => {
    const d = kb.decide("còn đăng ký kết hôn thì cần gì", { lastCode: "1.001193" });
    expect(d.hits[0]?.procedure.code).toBe("1.000894");
    expect(d.followUp).toBe(false);
  });

  it("resolves a refinement among the clarify candidates", () => {
    const candidateCodes = kb.decide("xin giấy phép xây nhà").hits.map((h) => h.procedure.code);
    const d = kb.decide("nhà cấp 4 xây mới ở xã", { candidateCodes });
    expect(d.action).toBe("answer");
    expect(d.followUp).toBe(true);
    expect(d.hits[0]?.procedure.code).toBe("1.013225");
    const byOrdinal = kb.decide("cái thứ hai", { candidateCodes });
    expect(byOrdinal.hits[0]?.procedure.code).toBe(candidateCodes[1]);
  });

  it("exposes size and lookup by code", () => {
    expect(kb.size).toBe(sampleProcedures().length);
    expect(kb.get("1.001193")?.name).toBe("Thủ tục đăng ký khai sinh");
    expect(kb.get("nope")).toBeUndefined();
  });
});

describe("decide with conversation context (2,642 real procedures)", () => {
  const real = bundledKnowledgeBase();
  const HOUSEHOLD_BUSINESS = "1.001612"; // Đăng ký thành lập hộ kinh doanh

  it("keeps pure aspect questions on the last procedure", () => {
    for (const text of ["phí bao nhiêu", "nộp cho ai", "bao lâu thì có", "hồ sơ nộp ở phường hay quận"]) {
      const d = real.decide(text, { lastCode: HOUSEHOLD_BUSINESS });
      expect(d.hits[0]?.procedure.code, text).toBe(HOUSEHOLD_BUSINESS);
      expect(d.followUp, text).toBe(true);
    }
    // "con" is the child here, not "còn" (topic change): the question stays on the identity card,
    // moving to the card for under-14s since the child is 5.
    const child = real.decide("con mình 5 tuổi có làm được không", { lastCode: "2.001195" });
    expect(child.hits[0]?.procedure.name).toContain("Cấp thẻ căn cước cho người dưới 14 tuổi");
  });

  it("finds the identity card itself, not its renewal, when a citizen asks for one", () => {
    for (const text of ["làm thẻ căn cước ở đâu vậy", "lam can cuoc"]) {
      const d = real.decide(text);
      expect(d.hits[0]?.procedure.name, text).toMatch(/^Cấp thẻ căn cước cho người từ đủ 14 tuổi trở lên/);
    }
  });

  it("lets a first message's backstory pick the variant, and never asks to choose a level", () => {
    const child = real.decide("cho em hoi lam the can cuoc cho con 10 tuoi duoc khong");
    expect(child.action).toBe("answer");
    expect(child.hits[0]?.procedure.name).toMatch(/^Cấp thẻ căn cước cho người dưới 14 tuổi/);
    const broken = real.decide("can cuoc cua em bi gay lam doi o dau");
    expect(broken.action).toBe("answer");
    expect(broken.hits[0]?.procedure.name).toMatch(/^Cấp đổi thẻ căn cước/);
  });

  it("moves to the sibling procedure the message names with the last topic", () => {
    const closing = real.decide("gio muon dong cua luon thi sao", { lastCode: HOUSEHOLD_BUSINESS });
    expect(closing.hits[0]?.procedure.name).toMatch(/^Chấm dứt hoạt động hộ kinh doanh/);
    const unlock = real.decide("khoa roi thi mo lai the nao", { lastCode: "3.000276" });
    expect(unlock.hits[0]?.procedure.name).toMatch(/^Mở khóa căn cước điện tử/);
  });

  it("starts afresh on a fully named new topic, after thanks or a topic-change marker", () => {
    const birth = real.decide("ok cảm ơn, mà đăng ký khai sinh cho bé thì nộp ở đâu", {
      lastCode: "2.000693",
    });
    expect(birth.hits[0]?.procedure.code).toBe("1.001193");
    expect(birth.followUp).toBe(false);
    expect(birth.fields).toEqual(["place"]);
    const pawn = real.decide(
      "à còn mở quán cầm đồ thì giấy chứng nhận đủ điều kiện an ninh trật tự cấp mới mất bao nhiêu tiền",
      { lastCode: HOUSEHOLD_BUSINESS },
    );
    expect(pawn.hits[0]?.procedure.name).toMatch(/^Cấp mới Giấy chứng nhận đủ điều kiện về an ninh, trật tự/);
    const leaving = real.decide("còn khi chuyển đi nơi khác thì xóa tạm trú ra sao", {
      lastCode: "1.002755",
    });
    expect(leaving.hits[0]?.procedure.name).toBe("Xóa đăng ký tạm trú");
  });

  it("does not answer an aside about passports with the residence procedure just discussed", () => {
    const d = real.decide("tiện thể làm luôn hộ chiếu cho cả nhà ở đây được không", { lastCode: "1.004194" });
    expect(d.hits[0]?.procedure.code).not.toBe("1.004194");
    expect(d.followUp).toBe(false);
  });

  it("keeps a follow-up that only says what the paper is for on that paper", () => {
    const single = "1.004873"; // Cấp Giấy xác nhận tình trạng hôn nhân
    const purpose = real.decide("để kết hôn với người nước ngoài", { lastCode: single });
    expect(purpose.hits[0]?.procedure.code).toBe(single);
    // A purpose handled elsewhere (a bank loan) is still what the paper is for, not the question.
    const loan = real.decide("để làm hồ sơ vay ngân hàng", { lastCode: single });
    expect(loan.action).toBe("answer");
    expect(loan.hits[0]?.procedure.code).toBe(single);
    // A purpose that is itself asked about is a new question.
    const asked = real.decide("để đăng ký kết hôn thì cần gì", { lastCode: "3.000333" });
    expect(asked.hits[0]?.procedure.code).toBe("1.000894");
  });

  it("keeps an aspect question after an out-of-scope one on that topic, not an older answer", () => {
    const context = { lastCode: HOUSEHOLD_BUSINESS, lastOutOfScope: true };
    for (const text of ["nộp cho ai", "mất bao lâu"])
      expect(real.decide(text, context).action, text).toBe("out_of_scope");
    const named = real.decide("đăng ký hộ kinh doanh nộp cho ai", context);
    expect(named.hits[0]?.procedure.code).toBe(HOUSEHOLD_BUSINESS);
  });

  it("asks again when a typed reply to open choices picks none and names no topic", () => {
    const candidateCodes = ["1.013831", "1.013833"];
    for (const text of ["thế lệ phí bao nhiêu", "the le phi bao nhieu", "nộp ở đâu"]) {
      const d = real.decide(text, { candidateCodes, lastCode: "1.001612" });
      expect(d.action, text).toBe("clarify");
      expect(
        d.hits.map((h) => h.procedure.code),
        text,
      ).toEqual(candidateCodes);
    }
    expect(real.decide("thế lệ phí bao nhiêu", { candidateCodes }).fields).toEqual(["fee"]);
    // A new topic typed instead still gets its own answer.
    const birth = real.decide("đăng ký khai sinh cho con", { candidateCodes });
    expect(birth.hits[0]?.procedure.code).toBe("1.001193");
  });

  it("says nothing was found for words no procedure uses", () => {
    for (const text of ["xyz abc qwe", "hello world"])
      expect(real.decide(text).action, text).toBe("out_of_scope");
  });

  it("resolves ordinals and details among the clarify candidates as shown", () => {
    expect(real.decide("2", { candidateCodes: ["1.001193", "2.000635"] }).hits[0]?.procedure.code).toBe(
      "2.000635",
    );
    expect(real.decide("số 1", { candidateCodes: ["1.001193", "2.000635"] }).hits[0]?.procedure.code).toBe(
      "1.001193",
    );
    const second = real.decide("cái thứ hai, bản sao thôi", { candidateCodes: ["1.001193", "2.000635"] });
    expect(second.hits[0]?.procedure.code).toBe("2.000635");
    const adoption = real.decide("chau o trong nuoc luon, la con cua em gai minh", {
      candidateCodes: ["1.004878", "2.001263", "2.001255"],
    });
    expect(adoption.hits[0]?.procedure.name).toBe("Đăng ký việc nuôi con nuôi trong nước");
  });
});
