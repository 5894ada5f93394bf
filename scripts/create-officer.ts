// `npm run --silent officer:create -- --email a@b.vn --role officer --agency so-xay-dung [--name "…"]`:
// creates a console account that must change its password at first sign-in, and prints its
// one-time password once on stdout (nothing else goes to stdout; messages go to stderr).
import { loadConfig } from "../app/config.js";
import { openDatabase } from "../db/client.js";
import { migrate } from "../db/migrate.js";
import { agencyDirectoryOf } from "../feedback/data-files/asset-files.js";
import { readAsset } from "../feedback/data-files/asset-overrides.js";
import { audit } from "../feedback/officers/audit.js";
import { checkAgencyExists, createOfficer } from "../feedback/officers/officer-repo.js";
import { generateOneTimePassword } from "../feedback/officers/password.js";
import { OFFICER_ROLES } from "../feedback/officers/roles.js";
import { AppError } from "../lib/errors.js";
import { parseCliArgs } from "./lib/cli-args.js";

const USAGE =
  "usage: npm run --silent officer:create -- --email EMAIL --role officer|leader|coordinator|admin " +
  '[--agency AGENCY_ID] [--name "Full name"]\n' +
  "  officer and leader need --agency (an id from assets/agencies.tsv); coordinator and admin take none.";

function fail(message: string, code = 1): never {
  process.stderr.write(`officer:create: ${message}\n`);
  process.exit(code);
}

const text = (value: string | true | undefined): string | undefined =>
  typeof value === "string" && value.trim() ? value.trim() : undefined;

async function run(): Promise<void> {
  const args = parseCliArgs(process.argv.slice(2));
  const email = text(args.flags.get("email"));
  const role = text(args.flags.get("role"));
  const agencyId = text(args.flags.get("agency"));
  const name = text(args.flags.get("name"));
  if (!email || !role) fail(USAGE, 2);
  if (!(OFFICER_ROLES as readonly string[]).includes(role)) fail(`unknown role "${role}"\n${USAGE}`, 2);
  const config = loadConfig();
  // Refused at once (DataDirInUse) while a server has the embedded database open.
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
  let refusal: { message: string; code: number } | undefined;
  try {
    await migrate(database);
    // The agency directory in force: the admin's edited list when there is one.
    checkAgencyExists(agencyDirectoryOf(await readAsset(database.db, "agencies.tsv")), role, agencyId);
    const password = generateOneTimePassword();
    const officer = await createOfficer(database.db, {
      email,
      name,
      role: role as (typeof OFFICER_ROLES)[number],
      agencyId: agencyId ?? null,
      password,
      mustChangePassword: true,
    });
    await audit(database.db, {
      officerId: null,
      action: "officer_created",
      targetType: "officer",
      targetId: String(officer.id),
      data: { email: officer.email, role: officer.role, agencyId: officer.agencyId, by: "cli" },
    });
    process.stderr.write(
      `Created ${officer.role} account ${officer.email}${officer.agencyId ? ` (${officer.agencyId})` : ""}. ` +
        "The one-time password below is shown only once; it must be changed at first sign-in at /officer/login.\n",
    );
    process.stdout.write(`${password}\n`);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    refusal = {
      message: `${err.message}${err.code === "bad_request" ? `\n${USAGE}` : ""}`,
      code: err.code === "conflict" ? 3 : 2,
    };
  } finally {
    // Closed before exiting, so the embedded database is checkpointed and its lock released.
    await database.close();
  }
  if (refusal) fail(refusal.message, refusal.code);
}

run().catch((err) => fail(err instanceof Error ? err.message : String(err)));
