// The worker thread of the DuckDB engine: runs BodyAnalyzer on each body the engine posts, and posts
// back its result (or the error), in order.
import { parentPort, workerData } from "node:worker_threads";
import type { Catalog } from "@zwgk/catalog-schemas";
import type { AnalyzeOptions } from "@zwgk/catalog-diff";
import { BodyAnalyzer, type BodyTask } from "./body-work.js";

const { catalogs, options } = workerData as { catalogs: Catalog[]; options: AnalyzeOptions };
const analyzer = new BodyAnalyzer(catalogs, options);
parentPort!.on("message", (task: BodyTask) => {
  try {
    parentPort!.postMessage({ result: analyzer.analyze(task) });
  } catch (e) {
    // The message and the stack apart: a caller shows the stack only when asked to (ZWGK_DEBUG).
    parentPort!.postMessage({ error: e instanceof Error ? { name: e.name, message: e.message, stack: e.stack } : { name: "Error", message: String(e) } });
  }
});
