import { randomBytes } from "node:crypto";
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, realpathSync, rmSync, statSync } from "node:fs";
import { open, rename, rm } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { InputError, UsageError } from "./errors.js";

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

/** Temporary files being written right now: removed if the process is interrupted. */
const pending = new Set<string>();
const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

function onSignal(signal: NodeJS.Signals): void {
  for (const tmp of pending) rmSync(tmp, { force: true });
  pending.clear();
  for (const s of SIGNALS) process.removeListener(s, onSignal);
  // Die of the same signal, so the shell and CI see an interrupted run (exit 130 / 143).
  process.kill(process.pid, signal);
}

function track(tmp: string): void {
  if (pending.size === 0) for (const s of SIGNALS) process.on(s, onSignal);
  pending.add(tmp);
}

function untrack(tmp: string): void {
  pending.delete(tmp);
  if (pending.size === 0) for (const s of SIGNALS) process.removeListener(s, onSignal);
}

const WRITE_SLICE = 1024 * 1024;

/**
 * Writes a file atomically: the bytes go to a temporary file beside the target, are flushed to disk
 * (fsync) and only then renamed over it, so an interrupted or failed run never leaves a half-written
 * file, and a crash right after the rename does not leave an empty one. On SIGINT/SIGTERM/SIGHUP the
 * temporary file is removed before the process exits. An operating-system error (read-only file
 * system, disk full, name too long, no permission) is an {@link InputError} naming the path: the
 * user can fix it, it is not a bug.
 */
export async function writeFileAtomic(path: string, data: Uint8Array | string): Promise<void> {
  const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
  // In slices, so a signal is handled between them rather than after the whole file.
  await writeAtomically(path, async (write) => {
    for (let off = 0; off < bytes.length; off += WRITE_SLICE) await write(bytes.subarray(off, Math.min(off + WRITE_SLICE, bytes.length)));
  });
}

/**
 * Writes text produced piece by piece (a streaming catalog writer) the way {@link writeFileAtomic}
 * writes bytes — temporary file beside the target, fsync, rename, removed on a signal or an error —
 * without ever holding the whole text: pieces are gathered to about 1 MiB per write. A piece may be
 * text (written as UTF-8) or bytes (written as they are; a writer that encodes its own output hands
 * over large chunks, see {@link OUTPUT_CHUNK}). Bytes are written or copied before the next piece is
 * asked for, so the producer may reuse their buffer. A piece that throws (bad input found while
 * streaming) leaves no output behind.
 */
export async function writeChunksAtomic(path: string, chunks: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>): Promise<void> {
  await writeAtomically(path, async (write, producing) => {
    // Each piece is encoded straight into one reused buffer. Gathering the pieces into a long string
    // first made V8 flatten a rope of thousands of pieces before encoding it: on a 150 MB catalog that
    // cost more CPU than producing the text.
    const buffer = Buffer.allocUnsafe(WRITE_SLICE);
    let used = 0;
    const flush = async () => {
      if (used) await write(buffer.subarray(0, used));
      used = 0;
    };
    const put = async (text: string) => {
      // UTF-8 takes at most 3 bytes per UTF-16 code unit.
      if (used + text.length * 3 > buffer.length) await flush();
      if (text.length * 3 > buffer.length) await write(Buffer.from(text, "utf8"));
      else used += buffer.write(text, used, "utf8");
    };
    // A high surrogate ending a piece waits for the low one starting the next (one character, 4 bytes).
    let held = "";
    producing(true);
    for await (const piece of chunks) {
      producing(false);
      if (typeof piece !== "string") {
        // Bytes end any text before them (a surrogate held is a lone one).
        await put(held);
        held = "";
        if (used + piece.length <= buffer.length) {
          buffer.set(piece, used);
          used += piece.length;
        } else {
          await flush();
          await write(piece);
        }
        producing(true);
        continue;
      }
      let text = held + piece;
      held = "";
      const last = text.charCodeAt(text.length - 1);
      if (last >= 0xd800 && last <= 0xdbff) {
        held = text.slice(-1);
        text = text.slice(0, -1);
      }
      await put(text);
      producing(true);
    }
    producing(false);
    await put(held);
    await flush();
  });
}

/**
 * How many bytes a writer that encodes its own output gathers before handing them to
 * {@link writeChunksAtomic}: large enough that the file is written in few calls, small enough that
 * memory stays flat.
 */
export const OUTPUT_CHUNK = WRITE_SLICE;

/**
 * The one atomic-write protocol behind both writers: a temporary file beside the target (the pid in
 * its name lets a later write tell a file left by a killed run — SIGKILL cannot be caught — from one
 * another zwgk is writing now), every byte written even when a write is short (a file-size limit, a
 * nearly full disk), fsync, rename, directory sync; on an error or a signal the temporary file goes.
 * `body` writes through `write`; while it says it is `producing` (reading the input), a failure is the
 * input's, not an output error.
 */
async function writeAtomically(
  path: string,
  body: (write: (bytes: Uint8Array) => Promise<void>, producing: (on: boolean) => void) => Promise<void>,
): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
  let inProducer = false;
  try {
    mkdirSync(dirname(path), { recursive: true });
    removeStaleTemporaries(path);
    track(tmp);
    const fh = await open(tmp, "wx", 0o666);
    try {
      const write = async (bytes: Uint8Array) => {
        for (let off = 0; off < bytes.length; ) {
          const { bytesWritten } = await fh.write(bytes, off, bytes.length - off);
          off += bytesWritten;
        }
      };
      await body(write, (on) => {
        inProducer = on;
      });
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, path);
    syncDirectory(dirname(path));
  } catch (e) {
    await rm(tmp, { force: true }).catch(() => undefined);
    // Errors of the producer (reading the input) are not output errors.
    throw inProducer ? e : outputError(e, path);
  } finally {
    untrack(tmp);
  }
}

/** Removes `.name.<pid>.<random>.tmp` files beside `path` whose process no longer exists. */
function removeStaleTemporaries(path: string): void {
  const prefix = `.${basename(path)}.`;
  let names: string[];
  try {
    names = readdirSync(dirname(path));
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith(".tmp")) continue;
    const m = /^(\d+)\.[0-9a-f]{12}\.tmp$/.exec(name.slice(prefix.length));
    if (!m || Number(m[1]) === process.pid || isAlive(Number(m[1]))) continue;
    rmSync(join(dirname(path), name), { force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as { code?: string }).code === "EPERM";
  }
}

/** Makes the rename itself durable; not every platform can open a directory, which is fine. */
function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, "r");
    fsyncSync(fd);
  } catch {
    // Windows cannot fsync a directory.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

const OS_ERRORS: Record<string, string> = {
  EROFS: "所在的文件系统是只读的",
  EACCES: "没有访问权限",
  EPERM: "没有访问权限",
  ENOSPC: "磁盘空间不足",
  EDQUOT: "磁盘配额已用完",
  EFBIG: "文件超过了系统允许的大小",
  ENAMETOOLONG: "文件名或路径太长",
  ENOENT: "路径不存在",
  ENOTDIR: "路径中有一部分不是文件夹",
  EISDIR: "这是一个文件夹",
  EEXIST: "路径已存在且不是文件夹",
  EBUSY: "文件正被其他程序占用",
  EMFILE: "打开的文件过多",
  EIO: "磁盘读写出错",
};

/**
 * An operating-system error on `path` as an input error naming it (the user can fix it); anything
 * else passes. `writing` says whether zwgk was writing the file or only reading or opening it.
 */
export function outputError(e: unknown, path: string, writing = true): unknown {
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code !== "string" || !/^E[A-Z]+$/.test(code)) return e;
  const why = OS_ERRORS[code] ?? `系统错误 ${code}`;
  return new InputError(`${writing ? "无法写入输出文件" : "无法访问文件"}：${why}（${code}）。`, {
    file: path,
    code: "output",
    hint: "请换一个可写的位置或文件名，或释放磁盘空间后重试。",
  });
}

/** What identifies a file on disk: device and inode when it exists, else its resolved real path. */
function identity(path: string): string | undefined {
  try {
    const st = statSync(path);
    return `${st.dev}:${st.ino}`;
  } catch {
    return undefined;
  }
}

/**
 * Refuses an output path that is one of the inputs (after resolving `..`, symlinks and, on
 * case-insensitive file systems, case: the check compares device and inode) unless `force`:
 * `validate a.json --out a.json` would otherwise replace the catalog with its report, and
 * `convert x.xlsx --out x.xlsx` would drop the department's other sheets. Outputs must differ from
 * each other too. Inputs that are not files (`REV:path`) are skipped.
 */
export function assertOutputsAreNotInputs(
  io: Io,
  outputs: ReadonlyArray<{ option: string; path: string | undefined }>,
  inputs: readonly string[],
  force: boolean | undefined,
): void {
  if (force) return;
  const seen = new Map<string, string>();
  for (const input of inputs) {
    const id = identity(resolve(io.cwd, input));
    if (id) seen.set(id, input);
  }
  for (const { option, path } of outputs) {
    if (!path) continue;
    const full = resolve(io.cwd, path);
    let id = identity(full);
    if (!id) {
      // Not there yet: compare real paths, so a symlinked folder still names the same place.
      try {
        id = `path:${join(realpathSync(dirname(full)), basename(full))}`;
      } catch {
        id = `path:${full}`;
      }
    }
    const clash = seen.get(id);
    if (clash !== undefined) {
      throw new UsageError(
        `${option} ${path} 与输入文件「${clash}」是同一个文件：zwgk 默认不覆盖输入，请换一个输出文件名；确需覆盖时加上 --force。`,
      );
    }
    seen.set(id, `${option} ${path}`);
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
