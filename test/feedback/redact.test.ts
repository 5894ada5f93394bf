import { describe, expect, it } from "vitest";
import { REDACTED, redactForPublic } from "../../feedback/redact.js";

describe("redaction before publication", () => {
  it("hides phone, ID numbers, e-mails and licence plates in every usual spelling", () => {
    const text =
      "Tôi gọi 0912 345 678 và +84 912.345.679 không ai nghe, CCCD 079123456789, CMND 123456789, " +
      "email an.nguyen@gmail.com, xe 29A-123.45 và 51F1 234.56 đỗ chắn đường.";
    const out = redactForPublic(text);
    for (const secret of [
      "0912 345 678",
      "912.345.679",
      "079123456789",
      "123456789",
      "an.nguyen@gmail.com",
      "29A-123.45",
      "51F1 234.56",
    ])
      expect(out).not.toContain(secret);
    expect(out).toContain(REDACTED.phone);
    expect(out).toContain(REDACTED.idNumber);
  });

  it("keeps amounts, dates, areas and legal references readable", () => {
    const text =
      "Diện tích 1.600 m2, lệ phí 500.000 đồng, ngày 12/11/2025, theo Nghị định 20/2008/NĐ-CP, năm 2026.";
    expect(redactForPublic(text)).toBe(text);
  });

  it("hides people named with a title, also when only the given name comes back later", () => {
    const out = redactForPublic("Ông Hồ Quang Nhật có 1.600 m2 đất. Ông Nhật hỏi, bà Trần Trúc thì sao?");
    expect(out).not.toMatch(/Nhật|Trúc|Hồ Quang/);
    expect(out).toContain(`Ông ${REDACTED.person}`);
  });

  it("hides the sender's own name and address wherever they appear, whatever the diacritics", () => {
    const out = redactForPublic(
      "Toi la Nguyen Van Binh, o thon 2 xa Hoa Tien, nha Nguyễn Văn Bình bị ngập.",
      {
        name: "Nguyễn Văn Bình",
        address: "thôn 2 xã Hòa Tiến",
      },
    );
    expect(out).not.toMatch(/Binh|Bình|Hoa Tien/);
    expect(out).toContain(REDACTED.address);
  });
});

describe("redaction of the sender's own details", () => {
  const sender = {
    name: "Nguyễn Văn Bình",
    address: "số 12 đường Lê Lợi, phường Bắc Hà, thành phố Hà Tĩnh",
    phone: "0912345678",
  };

  it("finds the name in part, in capitals, without diacritics, and the given name after a title", () => {
    const out = redactForPublic(
      "Gia đình ông Bình (Nguyễn Bình) xin phản ánh. NGUYỄN VĂN BÌNH, nguyen van binh, anh binh đều là tôi.",
      sender,
    );
    expect(out).not.toMatch(/Bình|BÌNH|binh/);
  });

  it("keeps words that fold like the name but are written with other diacritics", () => {
    const out = redactForPublic("Đề nghị có hướng dẫn cụ thể, huyện Kỳ Anh phục vụ tốt.", {
      name: "Vũ Xuân Hương",
      phone: "0949208172",
    });
    expect(out).toBe("Đề nghị có hướng dẫn cụ thể, huyện Kỳ Anh phục vụ tốt.");
    expect(redactForPublic("anh phuc den, anh phục vụ", { name: "Trần Đức Phúc" })).toBe(
      `anh ${REDACTED.person} den, anh phục vụ`,
    );
  });

  it("hides the address from the house on, abbreviated or not, and keeps the ward or city alone", () => {
    const out = redactForPublic(
      "Nhà tôi ở 12 Lê Lợi, P. Bắc Hà, TP Hà Tĩnh. Đường trong phường Bắc Hà bị ngập, cả thành phố Hà Tĩnh đều thế.",
      sender,
    );
    expect(out).toContain(REDACTED.address);
    expect(out).not.toMatch(/12 Lê Lợi|P\. Bắc Hà/);
    expect(out).toContain("Đường trong phường Bắc Hà bị ngập");
  });

  it("hides the phone in every spelling the citizen may use", () => {
    for (const spelling of [
      "0912 345 678",
      "+84 912 345 678",
      "(+84) 912345678",
      "84912345678",
      "091-234-5678",
    ]) {
      const out = redactForPublic(`Gọi cho tôi: ${spelling}.`, sender);
      expect(out, spelling).toBe(`Gọi cho tôi: ${REDACTED.phone}.`);
    }
  });
});

describe("redaction of numbers that identify people", () => {
  it("hides grouped CCCD numbers, numbers after the name of a paper, landlines and plates old and new", () => {
    const out = redactForPublic(
      "CCCD 0380 9000 1234, căn cước 038.090.001.234, hộ chiếu B1234567, số tài khoản 0123 4567 890, " +
        "điện thoại bàn (0239) 385 6789, xe 38a-12345 và 37C-6751.",
    );
    for (const secret of [
      "0380 9000 1234",
      "038.090.001.234",
      "B1234567",
      "0123 4567 890",
      "385 6789",
      "38a-12345",
      "37C-6751",
    ])
      expect(out).not.toContain(secret);
  });

  it("keeps amounts, dates, hotlines, HS codes and postal tracking numbers", () => {
    const text =
      "Giá trị 840.000.000.000 đồng, họp ngày 01.02.2026 lúc 08.30, gọi 1900 9095, mã HS 8466 94 00 00, " +
      "bưu phẩm RR645110020SE, dân số 1.234.567 người.";
    expect(redactForPublic(text)).toBe(text);
  });
});

describe("redaction of people's names", () => {
  it("hides names after roles, introductions, as full names and as signatures", () => {
    const out = redactForPublic(
      "Sinh viên Lương Mai Anh hỏi. Tôi: Nguyễn Thế Hải (sđt ẩn). Người gửi: TRẦN THỊ HOA. " +
        "Theo phản ánh, Đặng Tùng Dương đã nộp hồ sơ. Em là Thắng ở xóm 3. Trân trọng!\nHoang Thanh Truong",
    );
    expect(out).not.toMatch(/Lương|Mai Anh|Thế Hải|TRẦN|Tùng Dương|Thắng|Hoang|Truong/);
  });

  it("keeps offices, bodies, places and people of history named like people, and initials already anonymised", () => {
    const text =
      "Đề nghị ông Chủ tịch UBND xã chỉ đạo. Kính gửi Anh/Chị Công ty. Tỉnh Bà Rịa - Vũng Tàu, huyện Anh Sơn. " +
      "Đường Lê Lợi bị ngập, Trường THCS Nguyễn Du thu thêm tiền, tại TP Hồ Chí Minh, tượng đài Bác Hồ. " +
      "Ông C bán đất cho bà T.T.H. Giáo viên Tiểu học hạng III, công chức Địa chính xã.";
    expect(redactForPublic(text)).toBe(text);
  });

  it("hides a third person's home where the text says they live there, not the place of a problem", () => {
    const out = redactForPublic(
      "Chủ xe là ông Ngô Văn Lực ở số 46 đường Trần Phú. Đường ở thôn 5 bị sạt lở.",
    );
    expect(out).not.toMatch(/Lực|46|Trần Phú/);
    expect(out).toContain("Đường ở thôn 5 bị sạt lở.");
    const company = "Công ty TNHH Hải Đăng (Địa chỉ: Tổ 9, Thạch Hà, Hà Tĩnh) cần vay vốn.";
    expect(redactForPublic(company)).toBe(company);
  });
});

describe("redaction that keeps the meaning of an officer's answer", () => {
  const sender = {
    name: "Nguyễn Văn Hùng",
    address: "Số 12, thôn 3, xã Cẩm Bình, huyện Cẩm Xuyên, tỉnh Hà Tĩnh",
    phone: "0912345678",
  };

  it("keeps dates and the place of the problem that share numbers and words with the sender's address", () => {
    const answer =
      "Ngày 08/12/2026, UBND xã đã kiểm tra hiện trường đường vào thôn 3; việc thảm lại mặt đường " +
      "hoàn thành trước ngày 31/12/2026.";
    expect(redactForPublic(answer, sender)).toBe(answer);
  });

  it("keeps document numbers, amounts and counts equal to the house number", () => {
    const answer =
      "Căn cứ Quyết định số 12/QĐ-UBND ngày 12/3/2026, thôn 3 được hỗ trợ 12 bóng đèn và 12.000.000 đồng; " +
      "công văn số 12 đã gửi các hộ.";
    expect(redactForPublic(answer, sender)).toBe(answer);
  });

  it("removes the sender's address as a whole phrase where it is said to be theirs", () => {
    for (const [text, expected] of [
      [
        "Trả lời ông Nguyễn Văn Hùng, trú tại số 12, thôn 3, xã Cẩm Bình: đường vào thôn 3 sẽ được sửa.",
        `Trả lời ông ${REDACTED.person}, trú tại ${REDACTED.address}: đường vào thôn 3 sẽ được sửa.`,
      ],
      [
        "Ông Hùng (thôn 3) kiến nghị làm rãnh thoát nước ở thôn 3.",
        `Ông ${REDACTED.person} (${REDACTED.address}) kiến nghị làm rãnh thoát nước ở thôn 3.`,
      ],
      ["Gia đình ông ở thôn 3, xã Cẩm Bình được hỗ trợ.", `Gia đình ông ở ${REDACTED.address} được hỗ trợ.`],
      [
        "Kính gửi: Ông Nguyễn Văn Hùng\nĐịa chỉ: Thôn 3, X. Cẩm Bình\nNgày 08/12/2026 xã đã kiểm tra.",
        `Kính gửi: Ông ${REDACTED.person}\nĐịa chỉ: ${REDACTED.address}\nNgày 08/12/2026 xã đã kiểm tra.`,
      ],
      ["Nhà ông số 12 thôn 3 không bị ảnh hưởng.", `Nhà ông ${REDACTED.address} không bị ảnh hưởng.`],
      [
        "Nhà em thôn 3 bị ngập, nhà văn hóa thôn 3 cũng vậy.",
        `Nhà em ${REDACTED.address} bị ngập, nhà văn hóa thôn 3 cũng vậy.`,
      ],
      ["toi la nguyen van hung o thon 3 xa cam binh", `toi la ${REDACTED.person} o ${REDACTED.address}`],
    ] as [string, string][])
      expect(redactForPublic(text, sender), text).toBe(expected);
  });

  it("removes a house number with its street anywhere, and keeps the street and a neighbour's number", () => {
    const urban = {
      name: "Trần Thị Mai",
      address: "số 45 đường Hà Huy Tập, phường Nam Hà, thành phố Hà Tĩnh",
    };
    expect(
      redactForPublic(
        "Đơn của bà Mai, 45 Hà Huy Tập, về quán ăn số 47 Hà Huy Tập: vỉa hè đường Hà Huy Tập đã thông thoáng.",
        urban,
      ),
    ).toBe(
      `Đơn của bà ${REDACTED.person}, ${REDACTED.address}, về quán ăn số 47 Hà Huy Tập: vỉa hè đường Hà Huy Tập đã thông thoáng.`,
    );
  });

  it("still removes names, phones, ID numbers and e-mails in the same answer", () => {
    const out = redactForPublic(
      "Ông Nguyễn Văn Hùng (CCCD 042090001234, SĐT 0912.345.678, email hungnv@gmail.com) phản ánh " +
        "đường vào thôn 3 ngày 08/12/2026.",
      sender,
    );
    expect(out).toBe(
      `Ông ${REDACTED.person} (CCCD ${REDACTED.idNumber}, SĐT ${REDACTED.phone}, email ${REDACTED.email}) ` +
        "phản ánh đường vào thôn 3 ngày 08/12/2026.",
    );
  });
});

describe("redaction of a sender who gave only their commune", () => {
  it("keeps the office named by the same commune, and hides the commune said to be the sender's home", () => {
    const sender = { name: "Lê Thị Bông", address: "xã Cẩm Bình, huyện Cẩm Xuyên, tỉnh Hà Tĩnh" };
    const office = "UBND xã Cẩm Bình, huyện Cẩm Xuyên, tỉnh Hà Tĩnh trả lời như sau.";
    expect(redactForPublic(office, sender)).toBe(office);
    expect(
      redactForPublic("Bà Bông, trú tại xã Cẩm Bình, huyện Cẩm Xuyên, tỉnh Hà Tĩnh hỏi về chế độ.", sender),
    ).toBe(`Bà ${REDACTED.person}, trú tại ${REDACTED.address} hỏi về chế độ.`);
  });
});
