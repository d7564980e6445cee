/**
 * @zwgk/catalog-cli — the `zwgk` command. Programmatic use runs the same code as the binary:
 *
 * @example
 * ```ts
 * import { run } from "@zwgk/catalog-cli";
 * const code = await run(["validate", "目录.xlsx", "--format", "json"], {
 *   stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t),
 *   isTTY: false, stderrTTY: false, cwd: process.cwd(), env: process.env,
 * });
 * ```
 * @packageDocumentation
 */
export { run, USAGE } from "./main.js";
export type { Io } from "./io.js";
export { loadConfig } from "./config.js";
export { configSchema, type Config } from "./config-schema.js";
export { EXIT, InputError, UsageError } from "./errors.js";
