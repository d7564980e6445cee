// The second thread of `zwgk export`: reads the same inputs in the same order as the main thread and
// computes and encodes the entries table's match-key columns (ENTRY_KEY_COLUMNS;
// @zwgk/catalog-parquet EntryColumnEncoder), a row group at a time, while the main thread validates,
// builds and encodes the other columns and places these chunks among them (tables.ts). At most AHEAD
// row groups wait to be placed.
import { parentPort, workerData } from "node:worker_threads";
import { EntryColumnEncoder, type EncodedGroup } from "@zwgk/catalog-parquet";
import type { Io } from "./io.js";
import { loadInput, requireCatalog, type LoadOptions } from "./load.js";

/** What the main thread gives the worker. */
export interface KeyWorkerData {
  inputs: string[];
  cwd: string;
  env: Record<string, string | undefined>;
  load: LoadOptions;
  /** The entries columns this thread computes and encodes. */
  columns: string[];
  rowGroupSize?: number;
}

/** Messages: worker → main thread. */
export type KeyWorkerMessage = { group: EncodedGroup } | { done: true };

const AHEAD = 2;

async function main(): Promise<void> {
  const port = parentPort!;
  const data = workerData as KeyWorkerData;
  // Warnings and progress are the main thread's to print; this thread reads silently.
  const io: Io = { stdout: () => {}, stderr: () => {}, isTTY: false, stderrTTY: false, cwd: data.cwd, env: data.env };
  const encoder = new EntryColumnEncoder(data.columns, data.rowGroupSize ? { rowGroupSize: data.rowGroupSize } : {});
  let sent = 0;
  let placed = 0;
  let wake: (() => void) | undefined;
  port.on("message", (m: { placed: number }) => {
    placed = m.placed;
    wake?.();
  });
  const send = async (groups: EncodedGroup[]) => {
    for (const group of groups) {
      while (sent - placed >= AHEAD) await new Promise<void>((r) => (wake = r));
      port.postMessage({ group } satisfies KeyWorkerMessage, group.chunks.map((c) => c.bytes.buffer as ArrayBuffer));
      sent++;
    }
  };
  for (const file of data.inputs) {
    // No line numbers: the main thread reports them; reading without them is faster.
    for (const loaded of await loadInput(file, io, { ...data.load, lines: false })) await send(encoder.addCatalog(requireCatalog(loaded.catalog, file)));
  }
  await send(encoder.finish());
  port.postMessage({ done: true } satisfies KeyWorkerMessage);
  port.close();
}

await main();
