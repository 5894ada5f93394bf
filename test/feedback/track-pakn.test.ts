import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client.js";
import { loadWorkingCalendar } from "../../feedback/holidays-file.js";
import { workingDayDueDates } from "../../feedback/pakn-due-dates.js";
import { transitionPakn } from "../../feedback/pakn-repo.js";
import { submitPakn } from "../../feedback/submit-pakn.js";
import { listOwnPakn, trackPakn } from "../../feedback/track-pakn.js";
import { createTestDatabase, DRIVERS } from "../helpers/databases.js";
import { submission } from "./submission-factory.js";

describe.each(DRIVERS)("trackPakn on %s", (driver) => {
  let database: Database;
  let dispose: () => Promise<void>;
  let code: string;

  beforeAll(async () => {
    ({ database, dispose } = await createTestDatabase(driver));
    const deps = { db: database.db, dueDates: workingDayDueDates(loadWorkingCalendar()) };
    ({ code } = await submitPakn(deps, submission("t-1")));
    await submitPakn(deps, submission("t-2", { kind: "kien_nghi" }));
    const row = await database.db.query.pakn.findFirst({ where: (p, { eq }) => eq(p.code, code) });
    await transitionPakn(database.db, {
      paknId: row?.id as number,
      to: "classified",
      actor: "worker:classify",
    });
  });
  afterAll(() => dispose());

  it("shows status and history to anyone with the code, without personal data", async () => {
    const tracked = await trackPakn(
      { db: database.db },
      { code, sender: { channel: "zalo", user: "other" } },
    );
    expect(tracked?.own).toBe(false);
    expect(tracked?.details).toBeUndefined();
    expect(tracked?.view).toMatchObject({ code, kindLabel: "Phản ánh", status: "classified" });
    expect(tracked?.view.history.map((h) => h.status)).toEqual(["received", "classified"]);
    expect(JSON.stringify(tracked)).not.toMatch(/Nguyễn|0912345678|Hòa Tiến|ngập/);
  });

  it("shows the content and contact to the submitter's own channel identity, and reads a code as typed", async () => {
    const typed = code.replace("PAKN.", "pakn ").replace(".000", ".");
    const tracked = await trackPakn(
      { db: database.db },
      { code: typed, sender: { channel: "telegram", user: "u1" } },
    );
    expect(tracked?.own).toBe(true);
    expect(tracked?.details).toMatchObject({ contact: { phone: "0912345678" } });
    expect(tracked?.details?.content).toMatch(/ngập/);
  });

  it("finds nothing for an unknown or malformed code, and lists a sender's own PAKN newest first", async () => {
    expect(
      await trackPakn(
        { db: database.db },
        { code: "PAKN.20200101.0001", sender: { channel: "t", user: "u" } },
      ),
    ).toBeUndefined();
    expect(
      await trackPakn({ db: database.db }, { code: "hello", sender: { channel: "t", user: "u" } }),
    ).toBeUndefined();
    const own = await listOwnPakn({ db: database.db }, { channel: "telegram", user: "u1" });
    expect(own.map((o) => o.kindLabel)).toEqual(["Kiến nghị", "Phản ánh"]);
    expect(await listOwnPakn({ db: database.db }, { channel: "telegram", user: "nobody" })).toEqual([]);
  });
});
