// writeChunksAtomic encodes each piece into one reused buffer: the bytes must be exactly those of the
// joined text, whatever the piece sizes and wherever a character is cut between pieces.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeChunksAtomic } from "./io.js";
import { scratch } from "./test-io.js";

const MiB = 1024 * 1024;

async function written(pieces: string[]): Promise<Buffer> {
  const file = join(scratch(), "out.txt");
  await writeChunksAtomic(file, pieces);
  return readFileSync(file);
}

describe("writeChunksAtomic", () => {
  it("writes the UTF-8 of the joined pieces: small, CJK, pieces larger than the buffer", async () => {
    const pieces = ["{", "政务公开".repeat(1000), "a".repeat(MiB + 5), "😀", "社会救助".repeat(200_000), "", "}\n"];
    expect((await written(pieces)).equals(Buffer.from(pieces.join(""), "utf8"))).toBe(true);
  });

  it("keeps a surrogate pair whole when it is cut between two pieces, also where the buffer fills", async () => {
    // The high surrogate ends a piece that fills the first megabyte; the low one starts the next.
    for (const fill of [3, MiB / 3 - 1, MiB / 2 - 1, MiB - 1]) {
      const pieces = ["a".repeat(fill) + "\uD83D", "\uDE00b", "c\uD83D", "\uDE01"];
      const bytes = await written(pieces);
      expect(bytes.equals(Buffer.from(pieces.join(""), "utf8"))).toBe(true);
      expect(bytes.includes(Buffer.from("\uFFFD", "utf8"))).toBe(false);
    }
  });

  it("a lone surrogate at the very end is written as U+FFFD, as the whole text would be", async () => {
    const bytes = await written(["x", "\uD83D"]);
    expect(bytes.equals(Buffer.from("x\uD83D", "utf8"))).toBe(true);
  });

  it("writes byte pieces as they are, between text pieces, though the producer reuses their buffer", async () => {
    const file = join(scratch(), "bytes.txt");
    const encoder = new TextEncoder();
    const reused = new Uint8Array(2 * MiB);
    const expected: Uint8Array[] = [];
    // Small byte pieces (copied into the write buffer) and large ones (written directly), each in the
    // same buffer, overwritten as soon as the next piece is asked for; text pieces around them.
    async function* pieces(): AsyncGenerator<string | Uint8Array> {
      for (const [i, size] of [10, MiB - 3, 5, 2 * MiB, 1].entries()) {
        const text = `第${i}块\uD83D`;
        yield text;
        expected.push(encoder.encode(text));
        const bytes = encoder.encode(`段${i}`.repeat(size)).subarray(0, size);
        reused.set(bytes);
        yield reused.subarray(0, size);
        expected.push(bytes);
        reused.fill(0x21);
      }
      yield "\uDE00end";
      expected.push(encoder.encode("\uDE00end"));
    }
    await writeChunksAtomic(file, pieces());
    expect(readFileSync(file).equals(Buffer.concat(expected))).toBe(true);
  });
});
