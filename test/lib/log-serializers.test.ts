import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../app/logger.js";
import type { Database } from "../../db/client.js";
import { redactDatabaseMessage, redactUrl } from "../../lib/log-serializers.js";
import { createTestDatabase, DRIVERS } from "../helpers/databases.js";

const NAME = "Nguyễn Thị Mai";
const PHONE = "0912345678";
const EMAIL = "mai.nguyen@example.vn";

/** A logger like every process's, writing its lines into an array. */
function capture() {
  const lines: string[] = [];
  const logger = createLogger({ level: "debug", destination: { write: (l: string) => lines.push(l) } });
  return { logger, text: () => lines.join(""), last: () => JSON.parse(lines.at(-1) ?? "{}") };
}

async function failure(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (err) {
    return err;
  }
  throw new Error("the query did not fail");
}

describe.each(DRIVERS)("logging a failed query (%s)", (driver) => {
  let database: Database;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ database, dispose } = await createTestDatabase(driver));
    await database.exec("CREATE TABLE log_people (email text UNIQUE, name text)");
    await database.exec(`INSERT INTO log_people VALUES ('${EMAIL}', 'someone')`);
  });
  afterAll(() => dispose());

  it("keeps the query text, parameter count and SQLSTATE; drops values, detail and echoed input", async () => {
    const duplicate = await failure(() =>
      database.db.execute(sql`INSERT INTO log_people VALUES (${EMAIL}, ${`${NAME} ${PHONE}`})`),
    );
    const badNumber = await failure(() => database.db.execute(sql`SELECT ${`${NAME}`}::int`));
    const { logger, text, last } = capture();
    for (const err of [duplicate, badNumber]) {
      // Every way the code base logs an error: the object, its message alone, the message as text.
      logger.error({ err }, "query failed");
      logger.warn({ err: (err as Error).message }, "query failed");
      logger.warn({ error: (err as Error).message }, "query failed");
      logger.error(err as Error);
      logger.error(`query failed: ${(err as Error).message}`);
    }
    for (const value of [NAME, "Mai", PHONE, EMAIL, "mai.nguyen"]) expect(text(), value).not.toContain(value);

    logger.error({ err: duplicate }, "query failed");
    const err = last().err;
    expect(err).toMatchObject({
      message: "Failed query: INSERT INTO log_people VALUES ($1, $2)",
      query: "INSERT INTO log_people VALUES ($1, $2)",
      paramCount: 2,
      code: "23505",
      cause: { code: "23505", constraint: "log_people_email_key" },
    });
    expect(err.cause.message).toBe('duplicate key value violates unique constraint "log_people_email_key"');
    expect(err.stack).toMatch(/\n\s+at /);
  });
});

describe("log text helpers", () => {
  it("replaces quoted values in PostgreSQL messages, keeping quoted names", () => {
    expect(redactDatabaseMessage('invalid input syntax for type integer: "0912345678"')).toBe(
      "invalid input syntax for type integer: [value]",
    );
    expect(redactDatabaseMessage('new row for relation "pakn" violates check constraint "pakn_x"')).toBe(
      'new row for relation "pakn" violates check constraint "pakn_x"',
    );
    expect(redactDatabaseMessage('value "Mai" is out of range for type integer')).toBe(
      "value [value] is out of range for type integer",
    );
  });

  it("keeps a URL's path and parameter names, never its values", () => {
    expect(redactUrl("/officer?q=0912345678&trang=2")).toBe("/officer?q=[redacted]&trang=[redacted]");
    expect(redactUrl("/officer/xuat.csv?q=Nguy%E1%BB%85n&flag")).toBe("/officer/xuat.csv?q=[redacted]&flag");
    expect(redactUrl("/healthz")).toBe("/healthz");
    expect(redactUrl("/phan-anh?")).toBe("/phan-anh");
  });
});
