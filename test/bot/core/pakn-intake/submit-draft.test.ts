import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../../db/client.js";
import { pakn } from "../../../../db/schema.js";
import { createTestDatabase, TEST_PG_ADMIN_URL } from "../../../helpers/databases.js";
import { createTestRedis } from "../../../helpers/redis.js";
import { labelsOf, paknBot, textOf } from "../pakn-harness.js";

/** Runs one statement as the server's administrator. */
async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

describe("PAKN intake when PostgreSQL is unavailable at confirmation", () => {
  const r = createTestRedis();
  let database: Database;
  let dispose: () => Promise<void>;
  let name: string;

  beforeAll(async () => {
    const created = await createTestDatabase("pg");
    ({ database, dispose } = created);
    name = new URL(created.url as string).pathname.slice(1);
  });
  afterAll(async () => {
    await admin(`ALTER DATABASE ${name} WITH ALLOW_CONNECTIONS true`).catch(() => undefined);
    await dispose();
    await r.dispose();
  });

  it("asks to press again later, keeps the draft, and files it once the database is back", async () => {
    const t = paknBot(r, database.db);
    await t.toReview("down");
    // The database goes away: no new connections, the open ones are cut.
    await admin(`ALTER DATABASE ${name} WITH ALLOW_CONNECTIONS false`);
    await admin(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}' AND pid <> pg_backend_pid()`,
    );
    const busy = await t.press("down", "pakn|send");
    expect(busy.meta.intent).toBe("feedback_busy");
    expect(busy.meta.feedback_code).toBeNull();
    expect(textOf(busy)).toContain("Hệ thống đang bận, bạn vui lòng bấm Xác nhận lại sau ít phút");
    expect(labelsOf(busy)).toContain("Xác nhận gửi");

    await admin(`ALTER DATABASE ${name} WITH ALLOW_CONNECTIONS true`);
    expect(await database.db.select().from(pakn)).toHaveLength(0);
    const done = await t.press("down", "pakn|send");
    expect(done.meta.feedback_code).toMatch(/^PAKN\.\d{8}\.\d{4}$/);
    const rows = await database.db.select().from(pakn);
    expect(rows.map((row) => row.code)).toEqual([done.meta.feedback_code]);
    expect(rows[0]?.contactName).toBe("Nguyễn Văn An");
  });
});
