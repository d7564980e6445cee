import { setFlagsFromString } from "node:v8";

/**
 * How far the heap may grow past what was live after a full collection before V8 collects again, in
 * percent, while `check` runs. V8's own choice on a machine with memory to spare is 2.5–3× the live
 * heap; `check` holds every catalog and allocates hundreds of megabytes of short-lived keys on top,
 * so most of its peak memory was garbage waiting for that collection (1M entries: 1.8 GB peak with
 * 0.6 GB live). At 1.6× the peak follows the live data more closely, for a few more collections.
 * Nothing is capped: the heap still grows as far as the live data needs (unlike
 * `--max-old-space-size`, this cannot make a large input fail).
 */
export const CHECK_HEAP_GROWTH_PERCENT = 60;

const FLAG = "--heap-growing-percent";

/** What {@link withHeapGrowth} needs of the process: V8's flag setter and the flags the user gave. */
export interface HeapFlags {
  set(flags: string): void;
  /** node's own options (`process.execArgv`) and NODE_OPTIONS. */
  given: readonly string[];
}

const processFlags = (): HeapFlags => ({
  set: setFlagsFromString,
  given: [...process.execArgv, ...(process.env["NODE_OPTIONS"] ?? "").split(/\s+/)],
});

/**
 * Runs `fn` with V8's heap growth set to `percent` (see {@link CHECK_HEAP_GROWTH_PERCENT}) and
 * restores V8's default afterwards, also when `fn` throws, so that a program that runs the CLI in
 * its own process keeps its own heap behaviour. A growth the user set for node
 * (`node --heap-growing-percent=…`, NODE_OPTIONS) is left as it is.
 */
export async function withHeapGrowth<T>(percent: number, fn: () => Promise<T>, flags: HeapFlags = processFlags()): Promise<T> {
  const normalize = (f: string) => f.replace(/_/g, "-");
  if (flags.given.some((f) => normalize(f).startsWith(FLAG))) return fn();
  flags.set(`${FLAG}=${percent}`);
  try {
    return await fn();
  } finally {
    // 0 is V8's default: the growth it computes itself.
    flags.set(`${FLAG}=0`);
  }
}
