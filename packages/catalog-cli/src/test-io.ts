// Test helper: runs the CLI in-process with captured output and a scratch working directory.
import { spawn } from "node:child_process";
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

/**
 * Runs the real CLI in a child process (from the sources, through tsx), for what cannot be tested
 * in-process: signals, resource limits (`ulimit`), exit codes as the shell sees them.
 */
export function spawnZwgk(argv: string[], options: { cwd: string; shellPrefix?: string }) {
  const cli = join(ROOT, "packages/catalog-cli/src/cli.ts");
  const quoted = argv.map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(" ");
  return spawn("bash", ["-c", `${options.shellPrefix ?? ""} exec node --import 'file://${join(ROOT, "node_modules/tsx/dist/loader.mjs")}' '${cli}' ${quoted}`], {
    cwd: options.cwd,
    env: { ...process.env, TSX_TSCONFIG_PATH: join(ROOT, "tsconfig.json") },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/** Waits for a child to end; resolves with its exit code or signal and what it printed. */
export function ended(child: ReturnType<typeof spawnZwgk>): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => void (stderr += d.toString()));
  child.stdout?.resume();
  return new Promise((done) => child.on("exit", (code, signal) => done({ code, signal, stderr })));
}
