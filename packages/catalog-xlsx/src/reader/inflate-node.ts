import * as zlib from "node:zlib";
import { createInflateRaw } from "node:zlib";
import type { InflateFn } from "./inflate.js";

/**
 * node:zlib streaming inflate: noticeably faster than DecompressionStream in Node because it skips
 * the web-streams adapter. zlib's transform honours backpressure within one input chunk, so
 * writing the whole compressed part at once still keeps only ~one output chunk in memory.
 */
export const nodeInflate: InflateFn = (compressed: Uint8Array): AsyncIterable<Uint8Array> => ({
  async *[Symbol.asyncIterator]() {
    const z = createInflateRaw({ chunkSize: 64 * 1024 });
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
