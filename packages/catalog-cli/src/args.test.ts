import { afterEach, describe, expect, it, vi } from "vitest";

// parseArgs' English messages are not an interface: the errors are told apart by their `code`. To prove
// it, a wrapped parseArgs throws the same codes with different wording (as another Node version might).
const reword = vi.hoisted(() => ({ on: false }));
vi.mock("node:util", async (importOriginal) => {
  const util = await importOriginal<typeof import("node:util")>();
  return {
    ...util,
    parseArgs: ((config: Parameters<typeof util.parseArgs>[0]) => {
      try {
        return util.parseArgs(config);
      } catch (e) {
        if (reword.on) throw Object.assign(new TypeError("参数错误（另一种措辞）"), { code: (e as { code: string }).code });
        throw e;
      }
    }) as typeof util.parseArgs,
  };
});

const { parse, findCulprit } = await import("./args.js");
const { UsageError } = await import("./errors.js");

const OPTIONS = { out: { type: "string", short: "o" }, json: { type: "boolean" }, quiet: { type: "boolean", short: "q" } } as const;

function usageMessage(argv: string[]): string {
  try {
    parse(argv, OPTIONS, "用法：zwgk test");
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return (e as Error).message;
  }
  throw new Error("expected a usage error");
}

describe("parse: usage errors by code, not by Node's wording", () => {
  afterEach(() => {
    reword.on = false;
  });

  for (const wording of ["node", "reworded"] as const) {
    it(`names the unknown option and the option missing its value (${wording} messages)`, () => {
      reword.on = wording === "reworded";
      expect(usageMessage(["a.xlsx", "--bogus"])).toMatch(/^未知选项 --bogus。\n用法：zwgk test$/);
      expect(usageMessage(["--bogus=1"])).toMatch(/^未知选项 --bogus。/);
      expect(usageMessage(["-qz"])).toMatch(/^未知选项 -z。/);
      expect(usageMessage(["a.xlsx", "--out"])).toMatch(/^选项 --out 需要一个值/);
      expect(usageMessage(["-o"])).toMatch(/^选项 -o 需要一个值/);
      expect(usageMessage(["--out", "--json"])).toMatch(/^选项 --out 需要一个值（以 - 开头的值请写成 --out=值）/);
      expect(usageMessage(["--json=yes"])).toMatch(/^选项 --json 不带值。/);
    });
  }

  it("finds nothing wrong in a valid command line", () => {
    expect(findCulprit(["a.xlsx", "--out", "b.json", "-qo", "c", "--json", "--", "--bogus"], OPTIONS)).toBeUndefined();
    expect(parse(["a.xlsx", "-o", "-"], OPTIONS, "").values.out).toBe("-");
  });
});
