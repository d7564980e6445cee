import type { Catalog } from "@zwgk/catalog-schemas";
import { type RuleSetting, type ValidateOptions, validationLimits } from "@zwgk/catalog-core";
import { catalogFormatOf, unsupportedFormatError, validateCatalogBytes } from "@zwgk/catalog-xlsx";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { createProgress, type Io } from "./io.js";
import { asInputError, type LoadOptions, readInputBytes, workbookOptions } from "./load.js";
import type { FileReport } from "./report.js";

/**
 * Validates one input with the library's `validateCatalogBytes` (shared with the browser page, so
 * both report the same findings): a workbook is checked while it streams, with Node's inflate and
 * progress on a terminal. Reader errors become input errors.
 */
export async function validateInput(
  spec: string,
  io: Io,
  options: LoadOptions & { severities?: Readonly<Record<string, RuleSetting>>; jurisdiction?: Catalog["jurisdiction"] } & Pick<ValidateOptions, "maxFindingsPerRule" | "maxDuplicateKeys">,
): Promise<FileReport[]> {
  const path = spec.includes(":") && !existsSync(resolve(io.cwd, spec)) ? spec.slice(spec.indexOf(":") + 1) : spec;
  const format = catalogFormatOf(path);
  if (!format) throw asInputError(unsupportedFormatError(spec), spec);
  const bytes = readInputBytes(spec, io, options.limits?.["maxFileBytes"]);
  const progress = createProgress(io, spec);
  try {
    return await validateCatalogBytes(bytes, {
      ...workbookOptions(spec, options, progress),
      file: spec,
      format,
      ...(options.limits ? { limits: options.limits } : {}),
      ...(options.severities ? { severities: options.severities } : {}),
      ...(options.jurisdiction ? { jurisdiction: options.jurisdiction } : {}),
      ...validationLimits(options),
    });
  } catch (e) {
    throw asInputError(e, spec);
  } finally {
    progress.done();
  }
}
