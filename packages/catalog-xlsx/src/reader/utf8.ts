import { type ErrorLocation, encodingError } from "./errors.js";

const STREAM = { stream: true };
/** For bytes known to be ASCII: any decoder gives the same text, and a one-shot one is fastest. */
const ASCII = new TextDecoder();

/** Index of the first byte of `data` that cannot start or continue valid UTF-8 (a truncated tail is fine). */
export function firstInvalidUtf8(data: Uint8Array): number {
  const n = data.length;
  let i = 0;
  while (i < n) {
    const b = data[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      if (i + k >= n) return n; // incomplete at the end of the chunk: the next chunk decides
      const c = data[i + k]!;
      if ((c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return n;
}

/**
 * Streaming UTF-8 decoding of one part. `isAscii`, a native check (the Node seam's), lets chunks of
 * pure ASCII bypass the streaming decoder, several times slower in Node than a one-shot decode;
 * they decode to the same text, and the streaming decoder is only skipped where it holds nothing
 * and would strip no byte-order mark.
 */
export class ChunkDecoder {
  private readonly decoder: TextDecoder;
  /** The streaming decoder holds no bytes of an unfinished sequence. */
  private clean = true;
  /** The streaming decoder has produced text, so its byte-order-mark check is behind it. */
  private started = false;

  constructor(
    fatal: boolean,
    private readonly isAscii?: (data: Uint8Array) => boolean,
  ) {
    this.decoder = new TextDecoder("utf-8", { fatal });
  }

  /** Decodes a chunk; without one, flushes the end of the part. */
  decode(chunk?: Uint8Array): string {
    if (chunk === undefined) return this.decoder.decode();
    if (this.clean && this.started && this.isAscii?.(chunk)) return ASCII.decode(chunk);
    const text = this.decoder.decode(chunk, STREAM);
    if (text.length > 0) this.started = true;
    if (chunk.length > 0) this.clean = chunk[chunk.length - 1]! < 0x80;
    return text;
  }
}

/**
 * Strict UTF-8 decoding of one part, across chunks: invalid bytes are an `encoding` error, never a
 * silent U+FFFD. Before throwing, the valid text in front of the bad bytes goes to `beforeError`
 * (the sheet reader scans it, so `near` can name the row the bytes are in).
 */
export class StrictDecoder {
  private readonly decoder: ChunkDecoder;

  constructor(
    private readonly loc: ErrorLocation,
    private readonly near: () => number | undefined = () => undefined,
    private readonly beforeError: (validText: string) => void = () => undefined,
    isAscii?: (data: Uint8Array) => boolean,
  ) {
    this.decoder = new ChunkDecoder(true, isAscii);
  }

  /** Decodes a chunk; without one, flushes the end of the part (an incomplete sequence is an error too). */
  decode(chunk?: Uint8Array): string {
    try {
      return this.decoder.decode(chunk);
    } catch {
      if (chunk) {
        try {
          this.beforeError(new TextDecoder().decode(chunk.subarray(0, firstInvalidUtf8(chunk))));
        } catch {
          // Only used to find the place; the encoding error is what the caller gets.
        }
      }
      throw encodingError(this.loc, this.near());
    }
  }
}
