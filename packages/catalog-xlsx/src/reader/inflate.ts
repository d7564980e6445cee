/**
 * Receives the raw deflate bytes of one zip entry and yields the inflated bytes in order. An
 * implementation may carry a faster CRC-32 (`crc32(data, crc)`, node:zlib's signature) that the
 * reader then uses to check parts instead of its own, and a native `isAscii(data)` (node:buffer's)
 * that lets the sheet reader decode ASCII chunks without the streaming UTF-8 decoder.
 */
export type InflateFn = ((compressed: Uint8Array) => AsyncIterable<Uint8Array>) & {
  crc32?: (data: Uint8Array, crc: number) => number;
  isAscii?: (data: Uint8Array) => boolean;
};

/**
 * Compressed input is fed in slices: a browser's DecompressionStream inflates a whole input chunk
 * eagerly, so one big write would buffer the entire decompressed part regardless of backpressure.
 */
const INPUT_SLICE = 64 * 1024;

/** Web-standard inflate (Node >= 18 and all current browsers). */
export const webInflate: InflateFn = (compressed) => ({
  async *[Symbol.asyncIterator]() {
    const ds = new DecompressionStream("deflate-raw");
    const writer = ds.writable.getWriter();
    const reader = ds.readable.getReader();
    const pump = (async () => {
      for (let off = 0; off < compressed.length; off += INPUT_SLICE) {
        await writer.ready;
        // Copy: some implementations reject views of shared/large buffers and may detach them.
        await writer.write(compressed.slice(off, off + INPUT_SLICE));
      }
      await writer.close();
    })();
    // Errors surface through reader.read(); a rejected pump must not become an unhandled rejection.
    pump.catch(() => undefined);
    let done = false;
    try {
      for (;;) {
        const r = await reader.read();
        if (r.done) break;
        yield r.value;
      }
      done = true;
    } finally {
      if (!done) await reader.cancel().catch(() => undefined);
      reader.releaseLock();
    }
  },
});
