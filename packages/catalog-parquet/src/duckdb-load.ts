// Loads @duckdb/node-api, an optional dependency: when it is missing or its native binding cannot load
// on this platform, callers get a DuckDBUnavailableError that says so in Chinese, never a stack trace.

/** The DuckDB module could not be loaded (not installed, or no binding for this platform). */
export class DuckDBUnavailableError extends Error {
  constructor(readonly detail: string) {
    super(
      `无法加载 DuckDB（@duckdb/node-api）：${detail}。` +
        "--engine duckdb 需要它：请在 zwgk 所在项目中运行 npm install @duckdb/node-api（它是可选依赖，当前平台可能没有预编译版本）；也可以不加 --engine，用默认的进程内分析。",
    );
    this.name = "DuckDBUnavailableError";
  }
}

type DuckDBModule = typeof import("@duckdb/node-api");

const loaded = new Map<string, Promise<DuckDBModule>>();

/**
 * The @duckdb/node-api module; rejects with {@link DuckDBUnavailableError} when it cannot load.
 * `ZWGK_DUCKDB_MODULE` names another module to load instead (for diagnosis and tests).
 */
export function loadDuckDB(): Promise<DuckDBModule> {
  const name = process.env["ZWGK_DUCKDB_MODULE"] || "@duckdb/node-api";
  let module = loaded.get(name);
  if (!module) {
    module = (import(/* @vite-ignore */ name) as Promise<DuckDBModule>).catch((e: unknown) => {
      loaded.delete(name);
      const message = e instanceof Error ? e.message.split("\n")[0]! : String(e);
      throw new DuckDBUnavailableError(message);
    });
    loaded.set(name, module);
  }
  return module;
}
