import { describe, expect, it } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defaultConfig, loadConfig } from "./config.js";
import { configSchema } from "./config-schema.js";

describe("loadConfig", () => {
  it("without a config file gives what the schema gives for an empty one", async () => {
    // The default is written out so that zod is not loaded when there is no file; it must not drift.
    expect(defaultConfig()).toEqual(configSchema.parse({}));
    const dir = mkdtempSync(join(tmpdir(), "zwgk-noconfig-"));
    expect(await loadConfig(dir)).toEqual({ config: configSchema.parse({}) });
  });

  it("checks a config file that is found with the schema", async () => {
    const dir = mkdtempSync(join(tmpdir(), "zwgk-config-"));
    writeFileSync(join(dir, "zwgk.config.json"), JSON.stringify({ rules: { "no-such-rule": "off" } }));
    await expect(loadConfig(dir)).rejects.toThrow(/没有这条规则/);
    writeFileSync(join(dir, "zwgk.config.json"), JSON.stringify({ rules: {}, jurisdiction: { name: "广安区" } }));
    expect((await loadConfig(dir)).config.jurisdiction).toEqual({ name: "广安区" });
  });
});
