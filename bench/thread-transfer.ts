/**
 * What it costs to hand a workbook's rows to another thread: the question behind splitting
 * `zwgk validate big.xlsx` over two cores (issue 16), with the reader in one thread and the rules in
 * the other. The rows are the 100k-entry fixture's entries, one array of cell texts per row (what the
 * reader gives the row mapper); each way of sending them is timed on the sending thread, in the same
 * process, against JSON.parse of the same rows (on the same thread) as the baseline.
 *
 *   npx tsx bench/thread-transfer.ts        # prints a Markdown table
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { jsonFixture } from "./fixtures.ts";

const BATCH = 1000;
const RUNS = 3;

type Rows = string[][];

/** The cell texts of each entry, in field order: what a row of the workbook holds. */
function rowsOf(file: string): Rows {
  const catalog = JSON.parse(readFileSync(file, "utf8")) as { entries: Array<Record<string, unknown>> };
  return catalog.entries.map((e) => Object.values(e).map((v) => (typeof v === "string" ? v : JSON.stringify(v))));
}

/**
 * Milliseconds this thread spends in `work`, best of RUNS. postMessage serialises on the sending
 * thread before it returns, so this is the sender's cost; process CPU would add the receiver's (Node
 * 20 has no per-thread CPU clock).
 */
function senderMs(work: () => void): number {
  let best = Infinity;
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    work();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

export async function benchThreadTransfer(): Promise<string> {
  const rows = rowsOf(await jsonFixture(100_000));
  const cells = rows.reduce((n, r) => n + r.length, 0);
  // The receiver only counts, so what is timed is the sender's work (serialising each message).
  const worker = new Worker(`require("node:worker_threads").parentPort.on("message", () => {});`, { eval: true });
  const asJson = rows.map((r) => JSON.stringify(r));
  const batches = (send: (batch: Rows) => void) => () => {
    for (let i = 0; i < rows.length; i += BATCH) send(rows.slice(i, i + BATCH));
  };
  const encoder = new TextEncoder();
  const measured: Array<[string, number]> = [
    ["baseline: JSON.parse of every row's JSON text", senderMs(() => void asJson.map((t) => JSON.parse(t) as unknown))],
    [`postMessage of the rows (arrays of strings), ${BATCH} rows a message`, senderMs(batches((b) => worker.postMessage(b)))],
    [`one string per ${BATCH} rows (cells joined by U+0001, rows by U+0002), posted`, senderMs(batches((b) => worker.postMessage(b.map((r) => r.join("\u0001")).join("\u0002"))))],
    [`UTF-8 bytes of that string, transferred (not copied)`, senderMs(batches((b) => {
      const bytes = encoder.encode(b.map((r) => r.join("\u0001")).join("\u0002"));
      worker.postMessage(bytes, [bytes.buffer]);
    }))],
  ];
  await worker.terminate();
  const base = measured[0]![1];
  return [
    `### Handing 100k rows to another thread (${rows.length.toLocaleString("en")} rows, ${cells.toLocaleString("en")} cells)`,
    "",
    "| way | sending thread, ms (best of 3) | × JSON.parse of the rows |",
    "|---|---:|---:|",
    ...measured.map(([label, ms]) => `| ${label} | ${ms.toFixed(0)} | ${(ms / base).toFixed(2)} |`),
  ].join("\n");
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(await benchThreadTransfer());
