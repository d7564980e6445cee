import { randomBytes } from "node:crypto";
import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeFileSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/** Where a command writes: injected so tests capture output without a terminal. */
export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** True when stdout is a terminal (colour, progress). */
  isTTY: boolean;
  /** True when stderr is a terminal (progress bar). */
  stderrTTY: boolean;
  cwd: string;
  env: Record<string, string | undefined>;
}

export function processIo(): Io {
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    isTTY: Boolean(process.stdout.isTTY),
    stderrTTY: Boolean(process.stderr.isTTY),
    cwd: process.cwd(),
    env: process.env,
  };
}

/**
 * Writes a file atomically: the bytes go to a temporary file beside the target, which is renamed over
 * it only when complete, so an interrupted or failed export never leaves a half-written file.
 */
export function writeFileAtomic(path: string, data: Uint8Array | string): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/**
 * Writes text produced piece by piece (a streaming catalog writer) the way {@link writeFileAtomic}
 * writes bytes: into a temporary file beside the target, renamed over it only when every piece is
 * written. Pieces are buffered to about 1 MiB per write; the whole text is never held.
 */
export async function writeChunksAtomic(path: string, chunks: AsyncIterable<string> | Iterable<string>): Promise<void> {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString("hex")}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(tmp, "w");
    let buffer = "";
    for await (const chunk of chunks) {
      buffer += chunk;
      if (buffer.length >= 1 << 19) {
        writeSync(fd, buffer);
        buffer = "";
      }
    }
    if (buffer) writeSync(fd, buffer);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, path);
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    rmSync(tmp, { force: true });
    throw e;
  }
}

/** A one-line progress bar on stderr when it is a terminal; silent otherwise (CI logs, pipes). */
export function createProgress(io: Io, label: string): { update(rows: number): void; done(): void } {
  if (!io.stderrTTY) return { update() {}, done() {} };
  let last = 0;
  return {
    update(rows) {
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      io.stderr(`\r${label}：已读取 ${rows.toLocaleString("zh-CN")} 行`);
    },
    done() {
      io.stderr("\r\x1b[K");
    },
  };
}
