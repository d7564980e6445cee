// The line of each entry of a JSON catalog, for `entries.source_line` of the export, found on the
// file's bytes. The JSON reader finds it too (catalog-core json-scan.ts `scanParsedJson`), together
// with the line of every key of every entry, which `export` does not use: that scan and its pointer
// map were about half of the export's reading. This scan visits only the bytes between strings and
// skips each string natively (indexOf), keeping no keys.
//
// Only for a text JSON.parse has accepted (the reader has read it first): the grammar is not checked
// here. A JSON catalog is strict UTF-8 (catalog-core decode.ts), so the structural characters are
// the ASCII bytes outside strings, and a string holds no raw line feed; lines end at LF, as there.
// The caller compares the count with the entries read and falls back to the reader's lines when
// they differ.

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const LF = 0x0a;
const OBJ = 0;
const ARR = 1;
const ENTRIES = [0x65, 0x6e, 0x74, 0x72, 0x69, 0x65, 0x73]; // entries

/** Whether bytes [from, to) — a key's raw text between its quotes — say `entries`. */
function isEntriesKey(bytes: Uint8Array, from: number, to: number): boolean {
  let plain = to - from === ENTRIES.length;
  for (let k = 0; plain && k < ENTRIES.length; k++) plain = bytes[from + k] === ENTRIES[k];
  if (plain) return true;
  if (bytes.subarray(from, to).indexOf(BACKSLASH) === -1) return false;
  // An escaped key (\u0065ntries): as JSON.parse reads it.
  return JSON.parse(new TextDecoder().decode(bytes.subarray(from - 1, to + 1))) === "entries";
}

/**
 * The 1-based line of each element of the root object's `entries` array, in order (the line of its
 * first character), as the JSON reader reports `/entries/<i>`; undefined when the root holds no
 * `entries` array.
 */
export function jsonEntryLines(bytes: Uint8Array): number[] | undefined {
  const kinds: number[] = [];
  let line = 1;
  let expectKey = false;
  // The root key whose value is being read, when it is `entries`.
  let rootKeyIsEntries = false;
  let lines: number[] | undefined;
  // Set after `[` or `,` of the entries array: the next non-blank byte starts an entry (or is `]`).
  let entryNext = false;
  const n = bytes.length;
  for (let at = 0; at < n; at++) {
    const c = bytes[at]!;
    if (c === LF) {
      line++;
      continue;
    }
    if (c === 0x20 || c === 0x09 || c === 0x0d) continue;
    if (entryNext) {
      entryNext = false;
      if (c !== 0x5d /* ] */) lines!.push(line);
    }
    if (c === QUOTE) {
      // The closing quote: the next one not escaped by an odd run of backslashes.
      let close = bytes.indexOf(QUOTE, at + 1);
      for (;;) {
        if (close === -1) return undefined; // not JSON: JSON.parse would have refused it
        let b = close - 1;
        while (bytes[b] === BACKSLASH) b--;
        if ((close - 1 - b) % 2 === 0) break;
        close = bytes.indexOf(QUOTE, close + 1);
      }
      if (expectKey) {
        expectKey = false;
        if (kinds.length === 1) rootKeyIsEntries = isEntriesKey(bytes, at + 1, close);
      }
      at = close;
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      const isObj = c === 0x7b;
      kinds.push(isObj ? OBJ : ARR);
      expectKey = isObj;
      if (!isObj && kinds.length === 2 && kinds[0] === OBJ && rootKeyIsEntries) {
        lines = [];
        entryNext = true;
      }
    } else if (c === 0x2c /* , */) {
      const depth = kinds.length - 1;
      if (kinds[depth] === OBJ) expectKey = true;
      else if (depth === 1 && kinds[0] === OBJ && rootKeyIsEntries) entryNext = true;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      kinds.pop();
      expectKey = false;
    }
  }
  return lines;
}
