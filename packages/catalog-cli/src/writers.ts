import { extname } from "node:path";
import type { Catalog } from "@zwgk/catalog-schemas";
import { writeCatalogJson, writeCatalogXml, writeCatalogYaml } from "@zwgk/catalog-core";
import { writeCatalogXlsx } from "@zwgk/catalog-xlsx";

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

/** The writer for an output path, or undefined when its extension is not a catalog format. */
export function writerFor(path: string): Writer | undefined {
  return WRITERS[extname(path).toLowerCase()];
}
