import { readFileSync } from "node:fs";
const oldCore = await import("/tmp/perf-before/packages/catalog-core/dist/index.js");
const newCore = await import("/work/wt-perf/packages/catalog-core/src/index.ts");
const files = process.argv.slice(2);
for (const f of files) {
  const r = newCore.readCatalogText(new Uint8Array(readFileSync(f)), { file: f, limits: { maxBytes: 1e9 } });
  if (!r.ok) { console.log(f, r.error.message); continue; }
  for (const fmt of ["Json", "Yaml", "Xml"]) {
    let a, b;
    try { a = oldCore[`writeCatalog${fmt}`](r.catalog); } catch (e) { a = "THROW " + e.message; }
    try { b = newCore[`writeCatalog${fmt}`](r.catalog); } catch (e) { b = "THROW " + e.message; }
    if (a === b) { console.log(f, fmt, "identical", a.length); continue; }
    const al = a.split("\n"), bl = b.split("\n"); let k = 0; while (al[k] === bl[k]) k++;
    console.log(f, fmt, "DIFF at line", k + 1, JSON.stringify(al[k]), JSON.stringify(bl[k]));
    const back = newCore.readCatalogText(b, { format: fmt.toLowerCase(), limits: { maxBytes: 1e9 } });
    console.log("  reads back equal:", back.ok && JSON.stringify(back.catalog) === JSON.stringify(newCore.readCatalogText(a, { format: fmt.toLowerCase(), limits: { maxBytes: 1e9 } }).catalog));
  }
}
