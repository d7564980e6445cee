// Where the sample workbooks live: `shared/samples` beside the repository (as on the developers'
// machines and in CI), or ZWGK_SAMPLES. One place, so no test hard-codes a machine's path.
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(fileURLToPath(new URL("../..", import.meta.url)));
export const SAMPLES_DIR = process.env["ZWGK_SAMPLES"] ?? join(ROOT, "..", "shared", "samples");

if (!existsSync(SAMPLES_DIR)) {
  throw new Error(`sample workbooks not found at ${SAMPLES_DIR}: check out shared/ beside the repository or set ZWGK_SAMPLES`);
}

/** Absolute path of a sample workbook. */
export const samplePath = (name: string): string => join(SAMPLES_DIR, name);
