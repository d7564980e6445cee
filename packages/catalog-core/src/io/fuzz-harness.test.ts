// The fuzz harness must fail on an unexpected exception. Here the JSON reader is made to throw on
// every third input, as a bug would: before, readCatalogText turned the throw into a `syntax` error
// and three fuzz tests still passed.
import { describe, expect, it, vi } from "vitest";
import { check } from "./test-support/fuzz-check.js";

vi.mock("./json.js", async (importOriginal) => {
  const real = await importOriginal<typeof import("./json.js")>();
  let calls = 0;
  return {
    ...real,
    readJson: (...args: Parameters<typeof real.readJson>) => {
      if (++calls % 3 === 0) throw new TypeError("Cannot read properties of undefined (reading 'length')");
      return real.readJson(...args);
    },
  };
});

describe("fuzz harness", () => {
  it("fails when a reader throws, whatever the input", () => {
    const inputs = ['{"kind":"standard","entries":[]}', '{"kind": ', "[1, 2", '{"a":1}', '{"__proto__":{}}', "{}"];
    let failed = 0;
    for (const input of inputs) {
      try {
        check(input, "json");
      } catch {
        failed++;
      }
    }
    expect(failed).toBe(2);
  });
});
