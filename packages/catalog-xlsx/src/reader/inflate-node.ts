import * as zlib from "node:zlib";
import { isAscii } from "node:buffer";
import type { TransformOptions } from "node:stream";
import { type ZlibOptions, createInflateRaw } from "node:zlib";
import type { InflateFn } from "./inflate.js";

/** Inflated bytes that may wait for the reader. */
const READ_AHEAD = 1024 * 1024;

/**
 * node:zlib streaming inflate: noticeably faster than DecompressionStream in Node because it skips
 * the web-streams adapter. zlib's transform honours backpressure within one input chunk, so
 * writing the whole compressed part at once still keeps at most READ_AHEAD of output in memory.
 */
export const nodeInflate: InflateFn = (compressed: Uint8Array): AsyncIterable<Uint8Array> => ({
  async *[Symbol.asyncIterator]() {
    // Up to READ_AHEAD inflated bytes wait for the reader, so the thread pool keeps inflating while
    // the main thread tokenises (with the default 16 KiB it stopped after every chunk).
    const options: ZlibOptions & TransformOptions = { chunkSize: 64 * 1024, readableHighWaterMark: READ_AHEAD };
    const z = createInflateRaw(options); // the options reach zlib's Transform
    z.end(compressed);
    try {
      for await (const chunk of z) yield chunk as Uint8Array;
    } finally {
      z.destroy();
    }
  },
});

// node:zlib's native CRC-32 (Node >= 20.15): several times faster than the portable one.
const nativeCrc = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;
if (typeof nativeCrc === "function") nodeInflate.crc32 = (data, crc) => nativeCrc(data, crc);
// node:buffer's isAscii (Node >= 19.6): a vectorised check, a few ms for a 43 MB sheet.
if (typeof isAscii === "function") nodeInflate.isAscii = (data) => isAscii(data);
