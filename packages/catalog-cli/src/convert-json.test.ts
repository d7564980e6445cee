import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readCatalogText, writeCatalogJson, writeCatalogXml, writeCatalogYaml } from "@zwgk/catalog-core";
import type { Catalog } from "@zwgk/catalog-schemas";
import { convertJsonStreaming } from "./convert-json.js";
import { EXIT } from "./errors.js";
import type { Io } from "./io.js";
import { EXAMPLES, scratch, zwgk } from "./test-io.js";

const WRITE = { json: writeCatalogJson, yaml: writeCatalogYaml, xml: writeCatalogXml };
const EXAMPLE_FILES = readdirSync(EXAMPLES).filter((f) => f.endsWith(".json"));

function ioIn(cwd: string): Io {
  return { stdout: () => undefined, stderr: () => undefined, isTTY: false, stderrTTY: false, cwd, env: {} };
}

/** What the whole-catalog path writes for a JSON text. */
function wholeOutput(text: string, format: "json" | "yaml" | "xml"): string {
  const read = readCatalogText(text, { format: "json" });
  if (!read.ok) throw new Error(read.error.message);
  return WRITE[format](read.catalog as Catalog);
}

describe("zwgk convert from .json streams entry by entry", () => {
  it("writes exactly what the whole-catalog path writes, for every example and text format", async () => {
    const dir = scratch();
    expect(EXAMPLE_FILES.length).toBeGreaterThan(2);
    for (const file of EXAMPLE_FILES) {
      const text = readFileSync(join(EXAMPLES, file), "utf8");
      writeFileSync(join(dir, "in.json"), text);
      for (const format of ["json", "yaml", "xml"] as const) {
        const out = join(dir, `out.${format}`);
        // Streamed, not read whole: the streaming path reports the entries it wrote.
        const count = await convertJsonStreaming("in.json", out, format, ioIn(dir), {});
        expect(count, file).toBe((JSON.parse(text) as Catalog).entries.length);
        expect(readFileSync(out, "utf8"), `${file} → ${format}`).toBe(wholeOutput(text, format));
        expect((await zwgk(["convert", "in.json", "--out", `cli.${format}`], { cwd: dir })).code).toBe(EXIT.ok);
        expect(readFileSync(join(dir, `cli.${format}`), "utf8")).toBe(wholeOutput(text, format));
      }
    }
  });

  it("a header after the entries: read again with the whole header known, same output", async () => {
    const dir = scratch();
    const catalog = JSON.parse(readFileSync(join(EXAMPLES, EXAMPLE_FILES[0]!), "utf8")) as Record<string, unknown>;
    const { entries, ...header } = catalog;
    // Every member after the entries (the writer needs kind before it can write one).
    const text = JSON.stringify({ entries, ...header }, null, 2);
    writeFileSync(join(dir, "late.json"), text);
    for (const format of ["json", "yaml", "xml"] as const) {
      const out = join(dir, `late.${format}`);
      expect(await convertJsonStreaming("late.json", out, format, ioIn(dir), {})).toBe((entries as unknown[]).length);
      expect(readFileSync(out, "utf8")).toBe(wholeOutput(text, format));
    }
  });

  it("a catalog that does not fit the schema or is not readable goes to the whole-catalog path, which reports it; no output is left", async () => {
    const dir = scratch();
    const catalog = JSON.parse(readFileSync(join(EXAMPLES, EXAMPLE_FILES[0]!), "utf8")) as { entries: Record<string, unknown>[] };
    // Enough entries that the output has been written to (1 MiB) before the problem is met.
    const many = Array.from({ length: 4000 }, (_, i) => ({ ...catalog.entries[i % catalog.entries.length]!, name: `事项${i}` }));
    const bad = { ...catalog, entries: many.map((e, i) => (i === 3500 ? { ...e, name: 7 } : e)) };
    writeFileSync(join(dir, "bad.json"), JSON.stringify(bad, null, 2));
    expect(await convertJsonStreaming("bad.json", join(dir, "x.yaml"), "yaml", ioIn(dir), {})).toBeUndefined();
    const r = await zwgk(["convert", "bad.json", "--out", "bad.yaml"], { cwd: dir });
    expect(r.code).toBe(EXIT.error);
    expect(r.stderr).toContain("/entries/3500");
    const broken = `${JSON.stringify({ ...catalog, entries: many }, null, 2).slice(0, -40)}\n`;
    writeFileSync(join(dir, "broken.json"), broken);
    const s = await zwgk(["convert", "broken.json", "--out", "broken.yaml"], { cwd: dir });
    expect(s.code).toBe(EXIT.error);
    expect(s.stderr).toMatch(/第 \d+ 行第 \d+ 列：JSON 语法错误/);
    expect(readdirSync(dir).sort()).toEqual(["bad.json", "broken.json"]);
  });
});
