/**
 * @zwgk/catalog-xlsx/node — Node-only helpers: `nodeInflate`, a node:zlib inflate that reads large
 * workbooks noticeably faster than the web-standard DecompressionStream.
 *
 * @example
 * ```ts
 * import { readCatalogs } from "@zwgk/catalog-xlsx";
 * import { nodeInflate } from "@zwgk/catalog-xlsx/node";
 * const catalogs = await readCatalogs(bytes, { file, inflate: nodeInflate });
 * ```
 * @packageDocumentation
 */
export { nodeInflate } from "./reader/inflate-node.js";
