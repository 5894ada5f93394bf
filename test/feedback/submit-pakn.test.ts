import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client.js";
import { loadWorkingCalendar } from "../../feedback/holidays-file.js";
import { workingDayDueDates } from "../../feedback/pakn-due-dates.js";
import { findPaknByCode } from "../../feedback/pakn-repo.js";
import { submitPakn } from "../../feedback/submit-pakn.js";
import { AppError } from "../../lib/errors.js";
import { createTestDatabase, DRIVERS } from "../helpers/databases.js";
import { submission } from "./submission-factory.js";

describe.each(DRIVERS)("submitPakn on %s", (driver) => {
  let database: Database;
  let dispose: () => Promise<void>;
  // Friday 20 November 2026, 10:00 in Viet Nam.
  const now = () => new Date("2026-11-20T10:00:00+07:00");
  const deps = () => ({ db: database.db, now, dueDates: workingDayDueDates(loadWorkingCalendar()) });

  beforeAll(async () => {
    ({ database, dispose } = await createTestDatabase(driver));
  });
  afterAll(() => dispose());

  it("files a complete PAKN with its code and an answer date 10 working days later", async () => {
    const filed = await submitPakn(deps(), submission("m-1"));
    expect(filed).toMatchObject({ code: "PAKN.20261120.0001", created: true });
    // Weekends do not count: the 10th working day after Friday 20/11 is Friday 4/12.
    expect(filed.answerDueAt.toISOString()).toBe("2026-12-04T16:59:59.999Z");
    const row = await findPaknByCode(database.db, filed.code);
    expect(row).toMatchObject({
      contactPhone: "0912345678",
      status: "received",
      place: "Thôn 3, xã Hòa Tiến",
    });
  });

  it("files a confirmation delivered twice once", async () => {
    const first = await submitPakn(deps(), submission("m-2"));
    const again = await submitPakn(deps(), submission("m-2"));
    expect(again).toMatchObject({ code: first.code, created: false });
  });

  it("files text with control characters from any route, stored without them", async () => {
    const filed = await submitPakn(
      deps(),
      submission("m-4", {
        content: "Đường liên thôn 3 bị ngập\u0000 sâu sau mỗi trận mưa,\u0007 xe máy không đi được.",
        place: "Thôn 3\u0000, xã Hòa Tiến",
        contact: { name: "Nguyễn\u0000 Văn An", phone: "0912345678", address: "Thôn 3\u001b, xã Hòa Tiến" },
      }),
    );
    const row = await findPaknByCode(database.db, filed.code);
    expect(row).toMatchObject({
      content: "Đường liên thôn 3 bị ngập sâu sau mỗi trận mưa, xe máy không đi được.",
      place: "Thôn 3, xã Hòa Tiến",
      contactName: "Nguyễn Văn An",
      contactAddress: "Thôn 3, xã Hòa Tiến",
    });
  });

  it("refuses an incomplete PAKN, naming what is missing, and stores nothing", async () => {
    const bad = submission("m-3", {
      content: "ngập",
      contact: { name: "", phone: "12345", address: "x" },
      consentAt: "",
    });
    const error = await submitPakn(deps(), bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).data.problems).toEqual([
      "content:too_short",
      "contact.name",
      "contact.phone",
      "contact.address",
      "consentAt",
    ]);
  });
});
