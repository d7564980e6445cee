// The fuzz contract, shared by the fuzz tests and the test that checks the harness itself.
import { expect } from "vitest";
import type { TextFormat } from "../errors.js";
import { readCatalogText } from "../read.js";
import { yamlWork } from "../yaml.js";
import { countStringWork } from "./string-work.js";

/** Codes of the readers' own errors: the input's fault, each with a place. `internal` is not among them. */
const INPUT_CODES = new Set(["syntax", "limit", "forbidden-key", "encoding", "entity", "not-a-catalog"]);
/** Codes that may concern the whole file rather than a line (its size, its encoding, its format). */
const WHOLE_FILE_CODES = new Set(["limit", "encoding", "not-a-catalog"]);

/** The most characters the readers may examine per input character (see `check`). */
export const WORK_PER_CHARACTER = 64;

// Small limits keep hostile cases fast; the same code paths run at the defaults.
export const LIMITS = { maxBytes: 256 * 1024, maxDepth: 32, maxAliases: 50 };

/**
 * Reads one input and checks the contract: a catalog, or one of the readers' own located errors.
 * An exception, or an error the reader did not produce on purpose (`internal`: readCatalogText caught
 * something unexpected), fails the test: a fuzz test must fail on an unexpected exception.
 */
export function check(input: string | Uint8Array, format: TextFormat | undefined) {
  const fastFailures = yamlWork.fastFailures;
  const { result, work } = countStringWork(() => readCatalogText(input, { file: "fuzz", limits: LIMITS, ...(format ? { format } : {}) }));
  // Work counted, not timed: the characters the readers examine stay in proportion to the input
  // (at most about 14 per character in 500 runs of each property; a search that runs on to the end of the text
  // for each scalar or line costs hundreds). The vitest timeout is only the hang guard.
  const size = typeof input === "string" ? input.length : input.byteLength;
  expect(work, "characters examined").toBeLessThanOrEqual(WORK_PER_CHARACTER * (size + 64));
  // The fast YAML reader falls back to the yaml package if it throws: a bug there must still fail.
  expect(yamlWork.fastFailures, "readYamlFast threw").toBe(fastFailures);
  expect(typeof result.ok).toBe("boolean");
  if (result.ok) {
    expect(typeof result.catalog).toBe("object");
    expect(Array.isArray(result.catalog)).toBe(false);
  } else {
    const { error } = result;
    expect(error.code, error.message).not.toBe("internal");
    expect(INPUT_CODES.has(error.code), error.message).toBe(true);
    expect(error.message.length).toBeGreaterThan(0);
    expect(error.message).not.toMatch(/缺陷/);
    if (!WHOLE_FILE_CODES.has(error.code)) expect(error.line, `${error.code} without a line: ${error.message}`).toBeDefined();
    if (error.line !== undefined) expect(Number.isInteger(error.line) && error.line >= 1).toBe(true);
    if (error.column !== undefined) expect(Number.isInteger(error.column) && error.column >= 1).toBe(true);
  }
  return result;
}
