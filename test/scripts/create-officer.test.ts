import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findByEmail } from "../../feedback/officers/officer-repo.js";
import { createTestDatabase } from "../helpers/databases.js";
import { cookieFrom, postLogin } from "../helpers/officers.js";
import { runScript } from "../helpers/run-script.js";
import { buildTestSite, type TestSite } from "../helpers/site.js";

describe("officer:create against PostgreSQL", () => {
  let url: string;
  let t: TestSite;
  let disposeDb: () => Promise<void>;

  beforeAll(async () => {
    const created = await createTestDatabase("pg");
    url = created.url as string;
    disposeDb = created.dispose;
    // The web app on the same database, as an operator would reach it after running the CLI.
    t = await buildTestSite({ site: { db: created.database.db } });
  });
  afterAll(async () => {
    await t.dispose();
    await disposeDb();
  });

  const create = (...args: string[]) => runScript("create-officer.ts", args, { env: { DATABASE_URL: url } });

  it("prints only a one-time password, which signs in and must then be changed", async () => {
    const res = await create(
      "--email",
      "Lanh.Dao@XayDung.gov.vn",
      "--role",
      "leader",
      "--agency",
      "so-xay-dung",
      "--name",
      "Nguyễn Văn An",
    );
    expect(res.code).toBe(0);
    const password = res.stdout.trim();
    expect(res.stdout).toBe(`${password}\n`);
    expect(password).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    expect(password).not.toMatch(/[01lo]/);
    expect(res.stderr).toContain("lanh.dao@xaydung.gov.vn");

    const officer = await findByEmail(t.site.db, "lanh.dao@xaydung.gov.vn");
    expect(officer).toMatchObject({
      role: "leader",
      agencyId: "so-xay-dung",
      name: "Nguyễn Văn An",
      mustChangePassword: true,
    });
    expect(officer?.passwordHash).toMatch(/^scrypt\$16384\$8\$1\$/);

    const login = await postLogin(t.app, { email: "lanh.dao@xaydung.gov.vn", password });
    expect(login.statusCode).toBe(303);
    expect(login.headers.location).toMatch(/^\/officer\/doi-mat-khau/);
    expect(cookieFrom(login, "motcua_officer")).toBeDefined();
  }, 60_000);

  it("refuses a bad role, a missing or unknown agency, an agency on a province-wide role, and a taken e-mail", async () => {
    const cases: Array<[string[], number, string]> = [
      [["--email", "x@t.gov.vn", "--role", "boss"], 2, "unknown role"],
      [["--email", "x@t.gov.vn", "--role", "officer"], 2, "phải thuộc một cơ quan"],
      [["--email", "x@t.gov.vn", "--role", "officer", "--agency", "so-khong-co"], 2, "so-khong-co"],
      [
        ["--email", "x@t.gov.vn", "--role", "admin", "--agency", "so-xay-dung"],
        2,
        "không gắn với một cơ quan",
      ],
      [["--role", "admin"], 2, "usage"],
    ];
    for (const [args, code, message] of cases) {
      const res = await create(...args);
      expect(res.code, args.join(" ")).toBe(code);
      expect(res.stdout).toBe("");
      expect(res.stderr).toContain(message);
    }
    expect((await create("--email", "admin1@t.gov.vn", "--role", "admin")).code).toBe(0);
    const again = await create("--email", "ADMIN1@t.gov.vn", "--role", "admin");
    expect(again.code).toBe(3);
    expect(again.stdout).toBe("");
    expect(again.stderr).toContain("đã có tài khoản");
  }, 120_000);
});
