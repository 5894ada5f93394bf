import { readFileSync } from "node:fs";
import { eq, isNotNull } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { assetOverrides, officers } from "../../db/schema.js";
import { AppError } from "../../lib/errors.js";
import { audit } from "../officers/audit.js";
import {
  ASSET_FILES,
  ASSET_NAMES,
  type AssetName,
  type AssetProblem,
  agencyDirectoryOf,
  checkAssetContent,
} from "./asset-files.js";

/** The bundled version of a data file, as shipped in assets/. */
export function readBundledAsset(name: AssetName): string {
  return readFileSync(ASSET_FILES[name].path, "utf8");
}

/** The data file in force: the admin's saved version when there is one, otherwise the bundled file. */
export async function readAsset(db: Db, name: AssetName): Promise<string> {
  const rows = await db
    .select({ content: assetOverrides.content })
    .from(assetOverrides)
    .where(eq(assetOverrides.name, name))
    .limit(1);
  return rows[0]?.content ?? readBundledAsset(name);
}

/** Whether each data file is the bundled one or an admin's version, and who saved it when. */
export async function listAssetStatus(
  db: Db,
): Promise<Array<{ name: AssetName; overridden: boolean; updatedAt?: Date; updatedBy?: number | null }>> {
  const rows = await db.select().from(assetOverrides);
  return ASSET_NAMES.map((name) => {
    const row = rows.find((r) => r.name === name);
    return row
      ? { name, overridden: true, updatedAt: row.updatedAt, updatedBy: row.updatedBy }
      : { name, overridden: false };
  });
}

/** What a save or check found; `saved` is false whenever there is any problem. */
export interface AssetSaveResult {
  saved: boolean;
  problems: AssetProblem[];
  summary: string;
}

async function crossProblems(db: Db, name: AssetName, content: string): Promise<AssetProblem[]> {
  if (name !== "agencies.tsv") return [];
  // The new directory must still hold every agency that accounts and routing rules point to.
  const directory = agencyDirectoryOf(content);
  const problems: AssetProblem[] = [];
  const staff = await db
    .selectDistinct({ agencyId: officers.agencyId })
    .from(officers)
    .where(isNotNull(officers.agencyId));
  for (const { agencyId } of staff)
    if (agencyId && !directory.get(agencyId))
      problems.push({
        line: 0,
        message: `cơ quan "${agencyId}" đang có tài khoản cán bộ, không thể xoá khỏi danh mục`,
      });
  const rules = checkAssetContent("routing-rules.tsv", await readAsset(db, "routing-rules.tsv"), directory);
  for (const p of rules.problems)
    if (p.line > 0) problems.push({ line: 0, message: `routing-rules.tsv dòng ${p.line}: ${p.message}` });
  return problems;
}

/**
 * Checks an edited data file with its real parser and, only when it has no problem, saves it as
 * the version in force (audited). A broken file is never saved.
 */
export async function saveAssetOverride(
  db: Db,
  input: { name: AssetName; content: string; officerId: number; ip?: string; now?: Date },
): Promise<AssetSaveResult> {
  const content = input.content.replace(/\r\n/g, "\n");
  if (content.length > 1_000_000) throw new AppError("payload_too_large", "data file too large", {});
  const agencies = agencyDirectoryOf(await readAsset(db, "agencies.tsv"));
  const check = checkAssetContent(input.name, content, agencies);
  const problems = [
    ...check.problems,
    ...(check.problems.length ? [] : await crossProblems(db, input.name, content)),
  ];
  if (problems.length > 0) return { saved: false, problems, summary: check.summary };
  const now = input.now ?? new Date();
  await db
    .insert(assetOverrides)
    .values({ name: input.name, content, updatedBy: input.officerId, updatedAt: now })
    .onConflictDoUpdate({
      target: assetOverrides.name,
      set: { content, updatedBy: input.officerId, updatedAt: now },
    });
  await audit(db, {
    officerId: input.officerId,
    action: "asset_saved",
    targetType: "asset",
    targetId: input.name,
    data: { summary: check.summary, bytes: Buffer.byteLength(content) },
    ip: input.ip,
  });
  return { saved: true, problems: [], summary: check.summary };
}

/** Drops the admin's version of a data file so the bundled one is in force again (audited). */
export async function restoreBundledAsset(
  db: Db,
  input: { name: AssetName; officerId: number; ip?: string },
): Promise<void> {
  await db.delete(assetOverrides).where(eq(assetOverrides.name, input.name));
  await audit(db, {
    officerId: input.officerId,
    action: "asset_restored",
    targetType: "asset",
    targetId: input.name,
    ip: input.ip,
  });
}
