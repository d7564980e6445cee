import type { RuleSetting } from "@zwgk/catalog-core";
import { validateWorkbook } from "@zwgk/catalog-xlsx";
import { createProgress, type Io } from "./io.js";
import { asInputError, type LoadOptions, workbookOptions } from "./load.js";
import type { FileReport } from "./report.js";

/**
 * Validates a workbook while it streams (the library's `validateWorkbook`, shared with the browser
 * page), with Node's inflate and progress on a terminal; reader errors become input errors.
 */
export async function validateWorkbookStreaming(
  spec: string,
  bytes: Uint8Array,
  io: Io,
  options: LoadOptions & { severities?: Readonly<Record<string, RuleSetting>> },
): Promise<FileReport[]> {
  const progress = createProgress(io, spec);
  try {
    return await validateWorkbook(bytes, { ...workbookOptions(spec, options, progress), ...(options.severities ? { severities: options.severities } : {}) });
  } catch (e) {
    throw asInputError(e, spec);
  } finally {
    progress.done();
  }
}
