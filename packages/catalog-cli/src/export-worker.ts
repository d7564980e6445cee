// The second thread of `zwgk export --threads 2`: the main thread hands it parts of the inputs (whole
// files, in order; tables.ts) and takes others itself. For each part it reads each file once,
// validates its catalogs and computes and encodes their entries row groups (export-part.ts runPart),
// sending them as it goes. The main thread writes the parts in input order, numbering the catalogs.
import { parentPort, workerData } from "node:worker_threads";
import { CatalogPartEncoder, type CatalogOfPart, type EncodedGroup } from "@zwgk/catalog-parquet";
import type { Catalog } from "@zwgk/catalog-schemas";
import { runPart, type ExportBody, type ExportCatalogOptions, type PartError } from "./export-part.js";
import type { Io } from "./io.js";
import type { LoadOptions } from "./load.js";

/** What the main thread gives the worker when it starts it. */
export interface PartWorkerData {
  cwd: string;
  env: Record<string, string | undefined>;
  load: LoadOptions;
  export: ExportCatalogOptions;
  /** Default jurisdiction for catalogs whose own cannot be read (the catalogs' body keys). */
  jurisdiction?: Catalog["jurisdiction"];
  rowGroupSize?: number;
}

/** A part: the inputs `files` (with the body the config gives each, if any). */
export interface PartTask {
  part: number;
  files: string[];
  bodies: Array<ExportBody | undefined>;
}

/** Messages: worker → main thread, of one part, in order. */
export type PartMessage = { part: number } & (
  | { catalog: CatalogOfPart }
  | { group: EncodedGroup }
  | { file: string }
  | { done: true }
  | { error: PartError }
);

async function main(): Promise<void> {
  const port = parentPort!;
  const data = workerData as PartWorkerData;
  // Progress is the main thread's to print; this thread reads silently.
  const io: Io = { stdout: () => {}, stderr: () => {}, isTTY: false, stderrTTY: false, cwd: data.cwd, env: data.env };
  const encoder = new CatalogPartEncoder({
    ...(data.rowGroupSize ? { rowGroupSize: data.rowGroupSize } : {}),
    ...(data.jurisdiction ? { jurisdiction: data.jurisdiction } : {}),
  });
  const post = (m: PartMessage) => port.postMessage(m, "group" in m ? m.group.chunks.map((c) => c.bytes.buffer as ArrayBuffer) : []);
  let queue = Promise.resolve();
  port.on("message", (task: PartTask) => {
    queue = queue.then(() => runPart(task, io, data, encoder, post));
  });
}

await main();
