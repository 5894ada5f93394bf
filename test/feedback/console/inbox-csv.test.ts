import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../db/client.js";
import { auditLog } from "../../../db/schema.js";
import { csvCell, exportInboxCsv, toCsv } from "../../../feedback/console/inbox-csv.js";
import { parseInboxFilters } from "../../../feedback/console/inbox-filters.js";
import { loadWorkingCalendar } from "../../../feedback/holidays-file.js";
import { loadAgencies } from "../../../feedback/routing/agencies.js";
import { endOfLocalDay } from "../../../feedback/working-calendar.js";
import { seedOfficer, seedPakn } from "../../helpers/console-work.js";
import { createTestDatabase, DRIVERS } from "../../helpers/databases.js";

describe("CSV cells", () => {
  it("neutralises spreadsheet formulas and quotes everything", () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    for (const lead of ["+", "-", "@", "\t", "\r"]) expect(csvCell(`${lead}1`)).toBe(`"'${lead}1"`);
    expect(csvCell("Sở Xây dựng, tỉnh")).toBe('"Sở Xây dựng, tỉnh"');
    expect(csvCell(null)).toBe('""');
    expect(toCsv([["a"], ["b"]])).toBe('\uFEFF"a"\r\n"b"\r\n');
  });
});

describe.each(DRIVERS)("inbox CSV export on %s", (driver) => {
  let database: Database;
  let dispose: () => Promise<void>;
  const NOW = new Date("2026-03-10T03:00:00Z");

  beforeAll(async () => {
    ({ database, dispose } = await createTestDatabase(driver));
  });
  afterAll(() => dispose());

  it("exports the officer's filtered scope with contacts but no ID numbers, and audits it", async () => {
    const officer = await seedOfficer(database.db, "officer", "so-xay-dung");
    const mine = await seedPakn(database.db, {
      status: "in_progress",
      receivedAt: new Date("2026-03-02T02:00:00Z"),
      answerDueAt: endOfLocalDay("2026-03-09"),
      contact: { name: "=cmd|' /C calc'!A0", phone: "0912345678", address: "CCCD 001234567890, Thôn 3" },
    });
    await seedPakn(database.db, {
      agencyId: "so-tai-chinh",
      contact: { name: "Người khác", phone: "0900000000", address: "x" },
    });
    const { csv, rows } = await exportInboxCsv(
      { db: database.db, calendar: loadWorkingCalendar(), agencies: loadAgencies(), now: () => NOW },
      officer,
      parseInboxFilters({ q: "cmd" }),
      { ip: "198.51.100.1" },
    );
    expect(rows).toBe(1);
    expect(csv.startsWith('\uFEFF"Mã","Loại","Trạng thái"')).toBe(true);
    const line = csv.split("\r\n")[1] ?? "";
    expect(line).toContain(`"${mine.code}","Phản ánh","Đang xử lý","Giao thông","Sở Xây dựng"`);
    expect(line).toContain('"02/03/2026 09:00","09/03/2026 23:59","","Có"');
    expect(line).toContain(`"'=cmd|' /C calc'!A0","0912345678","CCCD [đã ẩn số giấy tờ], Thôn 3"`);
    expect(csv).not.toContain("Người khác");
    expect(csv).not.toContain("001234567890");
    const [entry] = await database.db.select().from(auditLog).where(eq(auditLog.action, "pakn.export_csv"));
    expect(entry).toMatchObject({ officerId: officer.id, ip: "198.51.100.1" });
    expect(entry?.data).toMatchObject({ rows: 1, filters: { searched: true } });
    expect(JSON.stringify(entry?.data)).not.toContain("cmd");
  });
});
