import { createReadStream } from "node:fs";
import type { Catalog, CatalogKind, Entry } from "@zwgk/catalog-schemas";
import { CATALOG_KINDS, validateCatalogShape, validateEntryShape } from "@zwgk/catalog-schemas";
import { createCatalogByteWriter, readCatalogJsonStream, type CatalogHeader } from "@zwgk/catalog-core";
import { OUTPUT_CHUNK, writeChunksAtomic, type Io } from "./io.js";
import { inputFile } from "./load.js";

/** Bytes read from the input at a time. */
const CHUNK = 1 << 20;

/** The streaming pass cannot finish this input; the whole-catalog path takes over. */
class NotStreamable extends Error {}

/** Members of the header came after `entries`: the writer, which needs them first, must start again. */
class HeaderAfterEntries extends Error {
  constructor(readonly header: Record<string, unknown>) {
    super("header after entries");
  }
}

/**
 * Converts a JSON catalog file to JSON/YAML/XML while it is read: each entry is parsed, checked
 * against its schema and written as it comes, so memory stays flat in the entry count (bounded by
 * a read chunk and the largest entry). Returns the number of entries written, or undefined when the
 * whole-catalog path must convert it — a `REV:path` input, a file that is not a readable catalog or
 * does not fit the schema (that path reports it, with the same message and exit code as always),
 * or a file without an `entries` array. Nothing is left at `target` unless it is complete.
 *
 * A header member after `entries` (the writer puts known members before the entries) is found at
 * the end of the pass; the file is then read a second time with the whole header known.
 */
export async function convertJsonStreaming(
  input: string,
  target: string,
  format: "json" | "yaml" | "xml",
  io: Io,
  options: { limits?: Record<string, number>; jurisdiction?: Catalog["jurisdiction"] },
): Promise<number | undefined> {
  const path = inputFile(input, io, options.limits?.["maxFileBytes"]);
  if (path === undefined) return undefined;
  // As the whole-catalog path does: the configured 行政区划 for a catalog that names none.
  const complete = (header: Record<string, unknown>) =>
    options.jurisdiction && !("jurisdiction" in header) ? { ...header, jurisdiction: options.jurisdiction } : header;

  let written = 0;
  async function* text(known: Record<string, unknown> | undefined): AsyncGenerator<Uint8Array> {
    let writer: ReturnType<typeof createCatalogByteWriter> | undefined;
    let used = "";
    let kind: CatalogKind = "standard";
    // The header read before the entries is not a whole one: wait for the end to see the rest.
    let deferred = false;
    const chunks = createReadStream(path as string, { highWaterMark: CHUNK });
    try {
      yield* entries();
    } catch (e) {
      // Anything else (a read error, a value the XML form cannot hold) the whole-catalog path meets
      // again and reports as it always has.
      throw e instanceof HeaderAfterEntries ? e : new NotStreamable();
    } finally {
      chunks.destroy();
    }
    async function* entries(): AsyncGenerator<Uint8Array> {
      for await (const event of readCatalogJsonStream(chunks, { file: input, ...(options.limits ? { limits: options.limits } : {}) })) {
        if (event.type === "header") {
          const header = known ?? complete(event.header);
          used = JSON.stringify(header);
          if (!(CATALOG_KINDS as readonly unknown[]).includes(header["kind"]) || !validateCatalogShape({ ...header, entries: [] }).ok) {
            if (known !== undefined) throw new NotStreamable();
            deferred = true;
            continue;
          }
          kind = header["kind"] as CatalogKind;
          writer = createCatalogByteWriter(format, header as unknown as CatalogHeader);
          writer.begin();
        } else if (event.type === "entry") {
          if (deferred) continue;
          if (!validateEntryShape(kind, event.entry).ok) throw new NotStreamable();
          const out = writer as NonNullable<typeof writer>;
          out.entry(event.entry as Entry);
          if (out.size >= OUTPUT_CHUNK) yield out.drain();
        } else if (event.type === "end") {
          if (!event.hasEntries) throw new NotStreamable();
          const header = complete(event.header);
          if (JSON.stringify(header) !== used) throw new HeaderAfterEntries(header);
          if (writer === undefined) throw new NotStreamable();
          written = event.entryCount;
          writer.end();
          yield writer.drain();
        } else throw new NotStreamable();
      }
    }
  }

  try {
    await writeChunksAtomic(target, text(undefined));
  } catch (e) {
    if (e instanceof NotStreamable) return undefined;
    if (!(e instanceof HeaderAfterEntries)) throw e;
    try {
      await writeChunksAtomic(target, text(e.header));
    } catch (again) {
      if (again instanceof NotStreamable || again instanceof HeaderAfterEntries) return undefined;
      throw again;
    }
  }
  return written;
}
