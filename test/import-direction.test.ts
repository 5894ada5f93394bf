import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, normalize } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = normalize(join(dirname(new URL(import.meta.url).pathname), ".."));

/**
 * The source folders from the composition root down to the shared leaf (README, "Architecture"):
 * a file may import its own folder, any folder of a lower level, and a folder of its own level
 * only while the folders' imports form no circle.
 */
const LEVELS: ReadonlyArray<readonly string[]> = [
  ["app"],
  ["web", "workers", "bot/channels"],
  ["bot/core"],
  ["feedback", "knowledge"],
  ["db"],
  ["lib"],
];

const FOLDERS = LEVELS.flat().sort((a, b) => b.length - a.length);
const levelOf = (folder: string) => LEVELS.findIndex((level) => level.includes(folder));
const folderOf = (file: string) => FOLDERS.find((f) => file === f || file.startsWith(`${f}/`));

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

/** Every relative import of a file (static, type-only, re-exports and dynamic), as repository paths. */
function importsOf(file: string, text: string): string[] {
  const specifiers = [...text.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g)];
  return specifiers.map((m) => normalize(join(dirname(file), m[1] as string)).replace(/\.js$/, ".ts"));
}

/** Imports that go up a level, and a circle between folders if there is one. */
function check(files: ReadonlyArray<{ file: string; text: string }>): {
  upward: string[];
  circle?: string[];
} {
  const edges = new Map<string, Set<string>>();
  const upward: string[] = [];
  for (const { file, text } of files) {
    const from = folderOf(file);
    if (!from) continue;
    for (const target of importsOf(file, text)) {
      const to = folderOf(target);
      if (!to || to === from) continue;
      if (levelOf(to) < levelOf(from)) upward.push(`${file} → ${target}`);
      const set = edges.get(from) ?? new Set<string>();
      set.add(to);
      edges.set(from, set);
    }
  }
  const state = new Map<string, "open" | "done">();
  const path: string[] = [];
  const visit = (folder: string): string[] | undefined => {
    if (state.get(folder) === "done") return undefined;
    if (state.get(folder) === "open") return [...path.slice(path.indexOf(folder)), folder];
    state.set(folder, "open");
    path.push(folder);
    for (const next of edges.get(folder) ?? []) {
      const circle = visit(next);
      if (circle) return circle;
    }
    path.pop();
    state.set(folder, "done");
    return undefined;
  };
  for (const folder of FOLDERS) {
    const circle = visit(folder);
    if (circle) return { upward, circle };
  }
  return { upward };
}

const TOPS = ["app", "web", "workers", "bot", "feedback", "knowledge", "db", "lib"];

describe("import direction", () => {
  it("has every source folder in a level", () => {
    const tops = readdirSync(ROOT, { withFileTypes: true })
      .filter((e) => e.isDirectory() && !e.name.startsWith(".") && e.name !== "node_modules")
      .map((e) => e.name)
      // Folders without code (data/ of a local run, assets/) have no level.
      .filter((name) => sourceFiles(name).length > 0)
      .filter((name) => !["test", "scripts"].includes(name));
    expect(tops.sort()).toEqual([...TOPS].sort());
  });

  it("never imports a higher folder from a lower one, and has no circle between folders", () => {
    const files = TOPS.flatMap(sourceFiles).map((file) => ({
      file,
      text: readFileSync(join(ROOT, file), "utf8"),
    }));
    expect(files.length).toBeGreaterThan(200);
    expect(check(files)).toEqual({ upward: [] });
  });

  it("reports an upward import and a circle when one is written", () => {
    const result = check([
      { file: "lib/errors.ts", text: 'import type { Config } from "../app/config.js";' },
      { file: "feedback/a.ts", text: 'import { b } from "../knowledge/b.js";' },
      { file: "knowledge/b.ts", text: 'export { a } from "../feedback/a.js";' },
    ]);
    expect(result.upward).toEqual(["lib/errors.ts → app/config.ts"]);
    expect(new Set(result.circle)).toEqual(new Set(["feedback", "knowledge"]));
  });
});
