import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../db/client.js";
import { fieldsInScope, listInbox } from "../../../feedback/console/inbox.js";
import { parseInboxFilters } from "../../../feedback/console/inbox-filters.js";
import { loadPaknFor } from "../../../feedback/console/pakn-scope.js";
import { loadWorkingCalendar } from "../../../feedback/holidays-file.js";
import type { SignedInOfficer } from "../../../feedback/officers/roles.js";
import { type PaknRow, transitionPakn } from "../../../feedback/pakn-repo.js";
import { endOfLocalDay } from "../../../feedback/working-calendar.js";
import { seedOfficer, seedPakn } from "../../helpers/console-work.js";
import { createTestDatabase, DRIVERS } from "../../helpers/databases.js";

// Tuesday 10 March 2026, 10:00 in Viet Nam: due soon = due by the end of Thursday 12 March.
const NOW = new Date("2026-03-10T03:00:00Z");
const calendar = loadWorkingCalendar();
const due = (day: string) => endOfLocalDay(day);
const received = (day: string) => new Date(`${day}T02:00:00Z`);

describe.each(DRIVERS)("officer inbox on %s", (driver) => {
  let database: Database;
  let dispose: () => Promise<void>;
  let officer: SignedInOfficer;
  let coordinator: SignedInOfficer;
  const items: Record<string, PaknRow> = {};
  const deps = () => ({ db: database.db, calendar, now: () => NOW });
  const list = (who: SignedInOfficer, query: Record<string, string> = {}) =>
    listInbox(deps(), who, parseInboxFilters(query));

  beforeAll(async () => {
    ({ database, dispose } = await createTestDatabase(driver));
    const db = database.db;
    officer = await seedOfficer(db, "officer", "so-xay-dung");
    coordinator = await seedOfficer(db, "coordinator");
    const base = { receivedAt: received("2026-03-05") };
    items.overdue = await seedPakn(db, {
      ...base,
      status: "in_progress",
      content: "Cầu dân sinh bị sập một nửa, rất nguy hiểm.",
      answerDueAt: due("2026-03-09"),
    });
    items.soon = await seedPakn(db, {
      ...base,
      content: "Đèn tín hiệu giao thông ở ngã tư hỏng cả tuần.",
      answerDueAt: due("2026-03-12"),
    });
    items.later = await seedPakn(db, {
      receivedAt: received("2026-03-02"),
      content: "Đường liên thôn bị ngập sâu sau mưa, xe máy không đi được.",
      contact: { name: "Trần Thị Bình", phone: "0987654321", address: "Thôn 5" },
      field: "Thủy lợi",
      answerDueAt: due("2026-03-20"),
    });
    items.paused = await seedPakn(db, {
      ...base,
      status: "returned",
      content: "Rác thải đổ trộm cạnh kênh.",
      answerDueAt: due("2026-03-05"),
    });
    items.answered = await seedPakn(db, {
      ...base,
      status: "answered",
      content: "Vỉa hè bị lấn chiếm.",
      answerDueAt: due("2026-03-01"),
    });
    items.otherAgency = await seedPakn(db, {
      ...base,
      agencyId: "so-tai-chinh",
      field: "Thuế phí",
      content: "Thu phí chợ không đúng quy định.",
      answerDueAt: due("2026-03-06"),
    });
    items.triage = await seedPakn(db, {
      ...base,
      status: "classified",
      content: "Nội dung khó phân loại.",
      answerDueAt: due("2026-03-19"),
    });
    items.closed = await seedPakn(db, { ...base, status: "rejected", answerDueAt: due("2026-03-04") });
    const unsure = await seedPakn(db, {
      ...base,
      status: "received",
      agencyId: null,
      answerDueAt: due("2026-03-18"),
    });
    await transitionPakn(db, {
      paknId: unsure.id,
      to: "assigned",
      actor: "system:router",
      data: { confidence: 0.55 },
      set: { agencyId: "so-cong-thuong" },
    });
    items.unsure = unsure;
  });
  afterAll(() => dispose());

  it("lists only the officer's agency, running clocks by deadline first, paused then drafts after, with marks and counts", async () => {
    const page = await list(officer);
    expect(page.items.map((i) => i.code)).toEqual(
      [items.overdue, items.soon, items.later, items.paused, items.answered].map((i) => i?.code),
    );
    expect(page.items.map((i) => i.mark)).toEqual(["overdue", "due_soon", null, "paused", null]);
    expect(page.counts).toEqual({ overdue: 1, dueSoon: 1, paused: 1, triage: 0 });
    expect(page.total).toBe(5);
    expect(page.items.some((i) => i.code === items.otherAgency?.code)).toBe(false);
  });

  it("gives the coordinator every agency, the triage view and its count", async () => {
    const page = await list(coordinator);
    expect(page.items[0]?.code).toBe(items.otherAgency?.code);
    expect(page.counts.overdue).toBe(2);
    expect(page.counts.triage).toBe(2);
    const triage = await list(coordinator, { triage: "1" });
    expect(triage.items.map((i) => i.code).sort()).toEqual([items.triage?.code, items.unsure?.code].sort());
    const officerTriage = await list(officer, { triage: "1" });
    expect(officerTriage.total).toBe(5);
  });

  it("finds items by words typed without diacritics, in the content, the sender's name or the code", async () => {
    expect((await list(officer, { q: "duong lien thon NGAP" })).items.map((i) => i.code)).toEqual([
      items.later?.code,
    ]);
    expect((await list(officer, { q: "tran thi binh" })).items.map((i) => i.code)).toEqual([
      items.later?.code,
    ]);
    expect((await list(officer, { q: items.soon?.code.slice(-9) ?? "" })).items.map((i) => i.code)).toEqual([
      items.soon?.code,
    ]);
    expect((await list(officer, { q: "thu phi cho" })).total).toBe(0);
    for (const q of ["100%_", "(", "[a", "\\", "a.b*", "x{2}", "^$|"])
      expect((await list(officer, { q })).total).toBe(0);
    expect((await list(officer, { q: "Cầu dân sinh" })).items.map((i) => i.code)).toEqual([
      items.overdue?.code,
    ]);
  });

  it("filters by status, mark, field, agency and received dates; an officer cannot widen the agency", async () => {
    expect((await list(officer, { status: "returned" })).items.map((i) => i.code)).toEqual([
      items.paused?.code,
    ]);
    expect((await list(officer, { mark: "overdue" })).items.map((i) => i.code)).toEqual([
      items.overdue?.code,
    ]);
    expect((await list(officer, { field: "Thủy lợi" })).items.map((i) => i.code)).toEqual([
      items.later?.code,
    ]);
    expect((await list(officer, { from: "2026-03-02", to: "2026-03-03" })).items.map((i) => i.code)).toEqual([
      items.later?.code,
    ]);
    expect((await list(officer, { status: "all" })).total).toBe(6);
    expect((await list(coordinator, { agency: "so-tai-chinh" })).items.map((i) => i.code)).toEqual([
      items.otherAgency?.code,
    ]);
    expect((await list(officer, { agency: "so-tai-chinh" })).total).toBe(5);
    expect(await fieldsInScope(deps(), officer)).toEqual(["Giao thông", "Thủy lợi"]);
  });

  it("loads an item in scope and reports anything else as not found, like a code that does not exist", async () => {
    const code = items.soon?.code ?? "";
    expect((await loadPaknFor(deps(), officer, code)).id).toBe(items.soon?.id);
    expect((await loadPaknFor(deps(), officer, code.toLowerCase())).id).toBe(items.soon?.id);
    for (const ref of [items.otherAgency?.code ?? "", "PAKN.20260101.9999", "../etc", ""]) {
      await expect(loadPaknFor(deps(), officer, ref)).rejects.toMatchObject({ code: "not_found" });
    }
    expect((await loadPaknFor(deps(), coordinator, items.otherAgency?.code ?? "")).agencyId).toBe(
      "so-tai-chinh",
    );
  });
});
