import * as zlib from "node:zlib";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { crc32Update } from "./crc32.js";
import { crc32 as referenceCrc } from "./test-zip.js";

describe("crc32Update (the portable CRC the browser uses)", () => {
  it("equals the bitwise reference for any bytes, however they are split into chunks", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), fc.array(fc.nat(600), { maxLength: 5 }), (data, cuts) => {
        let crc = 0;
        let from = 0;
        for (const cut of [...cuts].sort((a, b) => a - b)) {
          const to = Math.min(cut, data.length);
          if (to < from) continue;
          crc = crc32Update(crc, data.subarray(from, to));
          from = to;
        }
        crc = crc32Update(crc, data.subarray(from));
        expect(crc).toBe(referenceCrc(data));
      }),
    );
  });

  it.runIf(typeof (zlib as { crc32?: unknown }).crc32 === "function")("equals node:zlib's native CRC-32", () => {
    const data = new Uint8Array(1 << 20).map((_, i) => (i * 2654435761) >>> 24);
    expect(crc32Update(0, data)).toBe((zlib as unknown as { crc32(d: Uint8Array): number }).crc32(data));
  });
});
