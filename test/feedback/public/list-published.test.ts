import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../db/client.js";
import type { PaknRow } from "../../../feedback/pakn-repo.js";
import { listPublishedFields, listPublishedPakn } from "../../../feedback/public/list-published.js";
import { parsePeriod } from "../../../feedback/public/public-period.js";
import { findPublishedPakn } from "../../../feedback/public/published-item.js";
import {
  createPublishedSearchIndex,
  type PublishedSearchIndex,
} from "../../../feedback/public/published-search-index.js";
import { createTestDatabase, DRIVERS } from "../../helpers/databases.js";
import { seedPublicPakn } from "../../helpers/published-pakn.js";

const at = (iso: string) => new Date(`${iso}+07:00`);

describe.each(DRIVERS)("public listing of published PAKN on %s", (driver) => {
  let database: Database;
  let dispose: () => Promise<void>;
  let search: PublishedSearchIndex;
  let flood: PaknRow;
  let land: PaknRow;
  let waste: PaknRow;
  let draft: PaknRow;
  let open: PaknRow;
  const list = (input: Parameters<typeof listPublishedPakn>[1]) =>
    listPublishedPakn({ db: database.db, search }, input);
  const codes = async (input: Parameters<typeof listPublishedPakn>[1]) =>
    (await list(input)).items.map((i) => i.code);

  beforeAll(async () => {
    ({ database, dispose } = await createTestDatabase(driver));
    const db = database.db;
    flood = await seedPublicPakn(db, {
      content: "Đường liên thôn bị ngập sâu sau mưa lớn, xe máy không đi được.",
      receivedAt: at("2026-03-05T09:00:00"),
      publishedAt: at("2026-03-12T09:00:00"),
    });
    land = await seedPublicPakn(db, {
      content: "Hồ sơ cấp giấy chứng nhận quyền sử dụng đất đã quá hạn hai tháng chưa có kết quả.",
      agencyId: "so-nn-mt",
      field: "Đất đai",
      receivedAt: at("2026-04-10T09:00:00"),
      publishedAt: at("2026-04-20T09:00:00"),
    });
    waste = await seedPublicPakn(db, {
      content: "Rác thải đổ trộm ven sông gây ô nhiễm, mùi hôi nồng nặc.",
      agencyId: "so-nn-mt",
      field: "Môi trường",
      receivedAt: at("2026-04-30T23:30:00"),
      publishedAt: at("2026-05-06T09:00:00"),
    });
    draft = await seedPublicPakn(db, {
      content: "Cống ngập nước bốc mùi ở chợ.",
      stage: "answered",
      receivedAt: at("2026-04-01T09:00:00"),
    });
    open = await seedPublicPakn(db, { content: "Ngập nước ở ngõ 5.", stage: "open" });
    search = createPublishedSearchIndex();
  });
  afterAll(() => dispose());

  it("lists only published PAKN, newest publication first, with their public fields only", async () => {
    const page = await list({});
    expect(page.items.map((i) => i.code)).toEqual([waste.code, land.code, flood.code]);
    expect(page.total).toBe(3);
    const first = page.items[0];
    expect(Object.keys(first ?? {}).sort()).toEqual(
      [
        "agencyId",
        "answer",
        "answerDueAt",
        "answeredAt",
        "code",
        "field",
        "kind",
        "onTime",
        "photos",
        "publishedAt",
        "question",
        "rating",
        "receivedAt",
      ].sort(),
    );
    expect(JSON.stringify(page)).not.toMatch(/Nguyễn Văn A|0912345678|Thôn 3/);
  });

  it("finds accented text from words typed without diacritics, any case, and by tracking code", async () => {
    expect(await codes({ q: "ngap" })).toEqual([flood.code]);
    expect(await codes({ q: "GIAY CHUNG NHAN dat" })).toEqual([land.code]);
    expect(await codes({ q: "ô nhiễm" })).toEqual([waste.code]);
    expect(await codes({ q: land.code.toLowerCase() })).toEqual([land.code]);
    expect(await codes({ q: "ngap khongcotu" })).toEqual([]);
    // The answer is searched too.
    expect(await codes({ q: "sua chua duong" })).toHaveLength(3);
  });

  it("never finds a draft or an open PAKN, whatever the words", async () => {
    const found = await codes({ q: "ngap nuoc" });
    expect(found).not.toContain(draft.code);
    expect(found).not.toContain(open.code);
    expect(await codes({ q: "cho" })).not.toContain(draft.code);
  });

  it("filters by field, agency and period of receipt (Viet Nam's calendar), alone or with words", async () => {
    expect(await codes({ field: "Đất đai" })).toEqual([land.code]);
    expect(await codes({ agencyId: "so-nn-mt" })).toEqual([waste.code, land.code]);
    const april = parsePeriod({ month: "2026-04" }).period;
    // Received 23:30 on 30 April in Viet Nam (16:30 UTC): still April.
    expect(await codes({ receivedFrom: april.from, receivedBefore: april.before })).toEqual([
      waste.code,
      land.code,
    ]);
    const days = parsePeriod({ from: "10/04/2026", to: "2026-04-29" }).period;
    expect(await codes({ receivedFrom: days.from, receivedBefore: days.before })).toEqual([land.code]);
    expect(await codes({ q: "ngap", agencyId: "so-nn-mt" })).toEqual([]);
    expect(await codes({ q: "ham rac thai", agencyId: "so-nn-mt" })).toEqual([]);
    expect(await codes({ q: "rac thai", agencyId: "so-nn-mt", receivedFrom: april.from })).toEqual([
      waste.code,
    ]);
    expect(await listPublishedFields({ db: database.db })).toEqual([
      "Đất đai",
      "Giao thông vận tải",
      "Môi trường",
    ]);
  });

  it("pages through results and clamps a page past the end to the last one", async () => {
    const one = await list({ pageSize: 2, page: 1 });
    expect(one).toMatchObject({ total: 3, pages: 2, page: 1 });
    expect(one.items.map((i) => i.code)).toEqual([waste.code, land.code]);
    const two = await list({ pageSize: 2, page: 2 });
    expect(two.items.map((i) => i.code)).toEqual([flood.code]);
    expect((await list({ pageSize: 2, page: 99 })).page).toBe(2);
    const searched = await list({ q: "sua chua", pageSize: 2, page: 2 });
    expect(searched).toMatchObject({ total: 3, pages: 2, page: 2 });
    expect(searched.items.map((i) => i.code)).toEqual([flood.code]);
  });

  it("finds items published after the index was first loaded, even with an older publication date", async () => {
    await list({ q: "ngap" });
    const late = await seedPublicPakn(database.db, {
      content: "Đèn đường tắt cả tháng ở khu tái định cư, tối ngập trong bóng tối.",
      receivedAt: at("2026-01-02T09:00:00"),
      publishedAt: at("2026-01-10T09:00:00"),
    });
    expect(await codes({ q: "den duong tai dinh cu" })).toEqual([late.code]);
    expect(search.size).toBe(4);
  });

  it("shows one published PAKN by code and nothing for a draft, an open or an unknown code", async () => {
    const item = await findPublishedPakn({ db: database.db }, ` ${flood.code.toLowerCase()} `);
    expect(item).toMatchObject({ code: flood.code, onTime: true, agencyId: "so-xay-dung" });
    expect(item?.question).toContain("ngập sâu");
    for (const code of [draft.code, open.code, "PAKN.20990101.0001", "../etc/passwd", ""])
      expect(await findPublishedPakn({ db: database.db }, code)).toBeUndefined();
  });
});
