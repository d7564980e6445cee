// Counts the characters a piece of code examines through String.prototype, so that a test can bound
// a scanner's work by counting it instead of timing it. While `fn` runs, each `charCodeAt` counts one,
// `indexOf`, `lastIndexOf`, `includes`, `startsWith` and `endsWith` count the characters they pass
// over (a search that finds nothing counts the rest of the string), and `slice` and `substring` what
// they copy (V8 copies at most a few characters: a longer slice is a view of the string).
// Indexing a string (`s[i]`) and regular expressions are not counted: use it on code that scans with
// these methods, as the readers do.

type StringMethod = "charCodeAt" | "indexOf" | "lastIndexOf" | "includes" | "startsWith" | "endsWith" | "slice" | "substring" | "at";

const METHODS: readonly StringMethod[] = ["charCodeAt", "indexOf", "lastIndexOf", "includes", "startsWith", "endsWith", "slice", "substring", "at"];

function clampStart(from: unknown, length: number): number {
  const n = Math.trunc(Number(from ?? 0)) || 0;
  return n < 0 ? Math.max(0, length + n) : Math.min(n, length);
}

/** The longest result V8 copies out of a string for `slice`; longer ones are views of it. */
const SLICE_COPIED = 13;

// The characters one call passes over, given its result.
function cost(method: StringMethod, s: string, args: unknown[], result: unknown): number {
  const needle = String(args[0] ?? "");
  switch (method) {
    case "charCodeAt":
    case "at":
      return 1;
    case "indexOf":
    case "includes": {
      const from = clampStart(args[1], s.length);
      const found = method === "indexOf" ? (result as number) : s.indexOf(needle, from);
      return found < 0 ? s.length - from : found - from + needle.length;
    }
    case "lastIndexOf": {
      // The search starts where the needle would end at `from` (at most the end) and walks back.
      const found = result as number;
      const from = Math.max(0, Math.min(args[1] === undefined ? s.length : clampStart(args[1], s.length), s.length - needle.length));
      return found < 0 ? from + 1 : from - found + 1;
    }
    case "startsWith":
    case "endsWith":
      return needle.length;
    case "slice":
    case "substring":
      // V8 copies a short result and makes a longer one a view of the string (O(1)).
      return Math.min((result as string).length, SLICE_COPIED);
  }
}

/** Runs `fn` and returns its result with the characters it examined through String.prototype. */
export function countStringWork<T>(fn: () => T): { result: T; work: number } {
  const proto = String.prototype as unknown as Record<StringMethod, (...args: unknown[]) => unknown>;
  const originals = new Map(METHODS.map((m) => [m, proto[m]] as const));
  let work = 0;
  let inside = false;
  for (const m of METHODS) {
    const original = originals.get(m)!;
    proto[m] = function (this: string, ...args: unknown[]) {
      const result = original.apply(this, args);
      // The counter's own calls (cost() searches again for `includes`) are not the code's work.
      if (!inside) {
        inside = true;
        try {
          work += cost(m, String(this), args, result);
        } finally {
          inside = false;
        }
      }
      return result;
    };
  }
  try {
    return { result: fn(), work };
  } finally {
    for (const [m, original] of originals) proto[m] = original;
  }
}
