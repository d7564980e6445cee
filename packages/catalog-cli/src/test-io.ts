// Test helper: runs the CLI in-process with captured output and a scratch working directory.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SAMPLES_DIR } from "../../../test/support/samples.js";
import type { Io } from "./io.js";
import { run } from "./main.js";

export const ROOT = new URL("../../../", import.meta.url).pathname;
export const EXAMPLES = join(ROOT, "examples");
export const SAMPLES = SAMPLES_DIR;

export function scratch(): string {
  return mkdtempSync(join(tmpdir(), "zwgk-cli-"));
}

export async function zwgk(argv: string[], options: { cwd?: string; env?: Record<string, string> } = {}) {
  let stdout = "";
  let stderr = "";
  const io: Io = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    isTTY: false,
    stderrTTY: false,
    cwd: options.cwd ?? ROOT,
    env: options.env ?? {},
  };
  const code = await run(argv, io);
  return { code, stdout, stderr };
}
