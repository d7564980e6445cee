// Utf8Sink writes exactly the bytes TextEncoder writes for a string, and the bytes of JSON.stringify
// for a quoted one — for any UTF-16, lone surrogates and control characters included, in the loop
// (short strings) and natively (long ones), across buffer growth.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FUZZ_RUNS } from "./test-support/arbitraries.js";
import { concatBytes } from "./test-support/bytes.js";
import { Utf8Sink } from "./utf8-sink.js";

const encoder = new TextEncoder();

// Code units that need care: ASCII escapes, controls, the UTF-8 length boundaries, both surrogate halves.
const unit = fc.oneof(
  fc.constantFrom(0, 8, 9, 10, 12, 13, 0x1f, 0x20, 0x22, 0x5c, 0x7f, 0x80, 0x7ff, 0x800, 0xd7ff, 0xd800, 0xdbff, 0xdc00, 0xdfff, 0xe000, 0xfeff, 0xfffd, 0xffff),
  fc.integer({ min: 0, max: 0xffff }),
);
const anyString = fc.oneof(
  fc.string({ unit: "binary" }),
  fc.array(unit, { maxLength: 300 }).map((units) => String.fromCharCode(...units)),
  fc.string({ unit: "grapheme", maxLength: 200 }),
);

describe("Utf8Sink", () => {
  it("text() writes what TextEncoder writes (a lone surrogate as U+FFFD)", () => {
    fc.assert(
      fc.property(fc.array(anyString, { maxLength: 8 }), (strings) => {
        const sink = new Utf8Sink(4);
        for (const s of strings) sink.text(s);
        // Each piece on its own: a piece must not end between the halves of a pair (the sink's
        // contract), so a half at a piece's end is lone, as TextEncoder writes it alone.
        expect(sink.drain()).toStrictEqual(concatBytes(strings.map((s) => encoder.encode(s))));
      }),
      { numRuns: FUZZ_RUNS * 5 },
    );
    // The halves of one pair in two pieces are two lone surrogates (fast-check found this case).
    const split = new Utf8Sink(4);
    split.text("\uDBFF");
    split.text("\uDC00");
    expect(split.drain()).toStrictEqual(encoder.encode("\uFFFD\uFFFD"));
  });

  it("jsonString() writes the UTF-8 of JSON.stringify(s)", () => {
    fc.assert(
      fc.property(fc.array(anyString, { maxLength: 8 }), (strings) => {
        const sink = new Utf8Sink(4);
        for (const s of strings) sink.jsonString(s);
        expect(sink.drain()).toStrictEqual(encoder.encode(strings.map((s) => JSON.stringify(s)).join("")));
      }),
      { numRuns: FUZZ_RUNS * 5 },
    );
    const odd = ["", "\uD800", "a\uDC00b", "\uDBFF\uDFFF", "\uDFFF\uDBFF", "\u0000\u001f\u007f", '"\\/', "\b\f\n\r\t", "😀".repeat(60), "政".repeat(97)];
    for (const s of odd) {
      const sink = new Utf8Sink(1);
      sink.jsonString(s);
      expect(sink.drain()).toStrictEqual(encoder.encode(JSON.stringify(s)));
    }
  });

  it("keeps what was written when it grows, copies bytes from an offset, and starts over after drain", () => {
    const sink = new Utf8Sink(2);
    const parts: Uint8Array[] = [];
    for (let i = 0; i < 200; i++) {
      sink.text(`第${i}行 `);
      sink.bytes(encoder.encode(`,${"x".repeat(i % 40)}`), 1);
      sink.newline(i % 7);
      sink.byte(0x7d);
      if (i % 50 === 49) parts.push(sink.drain().slice());
    }
    let expected = "";
    for (let i = 0; i < 200; i++) expected += `第${i}行 ${"x".repeat(i % 40)}\n${" ".repeat(i % 7)}}`;
    expect(concatBytes(parts)).toStrictEqual(encoder.encode(expected));
    expect(sink.pos).toBe(0);
  });
});
