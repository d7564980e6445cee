const core = await import("/work/wt-perf/packages/catalog-core/dist/index.js");
const [fmt, nStr] = process.argv.slice(2); const n = Number(nStr);
let text: string;
if (fmt === "yaml") text = "kind: standard\nentries:\n" + "- 0\n".repeat(n);
else if (fmt === "yamlreal") { const { readFileSync } = await import("node:fs"); text = readFileSync("/tmp/perf-new.yaml", "utf8"); }
else if (fmt === "xmlreal") { const { readFileSync } = await import("node:fs"); text = readFileSync("/tmp/perf-new.xml", "utf8"); }
else text = '<catalog xmlns="https://zwgk.github.io/schemas/v1/catalog"><kind>standard</kind><entries>' + "<x/>".repeat(n) + "</entries></catalog>";
const rss0 = process.memoryUsage().rss;
const t = performance.now();
const r = core.readCatalogText(text, { format: fmt.replace("real", ""), limits: { maxBytes: 1e9 } });
console.log(fmt, n, r.ok ? "ok" : r.error.message.slice(0, 80), "ms", (performance.now() - t) | 0, "peakMB", (process.resourceUsage().maxRSS / 1024) | 0, "bytes", text.length, "rss0MB", (rss0 / 1048576) | 0);
