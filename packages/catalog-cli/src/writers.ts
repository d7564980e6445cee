import { extname } from "node:path";
import type { Catalog } from "@zwgk/catalog-schemas";
import { writeCatalogJson, writeCatalogXml, writeCatalogYaml } from "@zwgk/catalog-core";
import { CatalogWriteError, writeCatalogXlsx } from "@zwgk/catalog-xlsx";
import { InputError } from "./errors.js";

type Writer = (c: Catalog) => Promise<Uint8Array | string>;

/** Catalog writers by output extension; every pair of formats converts losslessly. */
const WRITERS: Record<string, Writer> = {
  ".json": async (c) => writeCatalogJson(c),
  ".yaml": async (c) => writeCatalogYaml(c),
  ".yml": async (c) => writeCatalogYaml(c),
  ".xml": async (c) => writeCatalogXml(c),
  ".xlsx": (c) => writeCatalogXlsx(c),
};

const TEXT_FORMATS: Record<string, "json" | "yaml" | "xml"> = { ".json": "json", ".yaml": "yaml", ".yml": "yaml", ".xml": "xml" };

/** The text format of an output path (written streaming, entry by entry), or undefined. */
export function textFormatFor(path: string): "json" | "yaml" | "xml" | undefined {
  return TEXT_FORMATS[extname(path).toLowerCase()];
}

/**
 * The writer for an output path, or undefined when its extension is not a catalog format. What the
 * format cannot hold (a cell over 32,767 characters, too many entries for .xlsx) is an input error
 * naming that output, so the message says which file could not be written and what to use instead.
 */
export function writerFor(path: string): Writer | undefined {
  const write = WRITERS[extname(path).toLowerCase()];
  return write && (async (c) => {
    try {
      return await write(c);
    } catch (e) {
      throw asWriteError(e, path);
    }
  });
}

/** A `CatalogWriteError` as an input error naming the output `path`; anything else unchanged. */
export function asWriteError(e: unknown, path: string): unknown {
  if (!(e instanceof CatalogWriteError)) return e;
  return new InputError(`无法写出：${e.message}`, { file: path, code: e.details.limit ?? "write-limit" });
}
