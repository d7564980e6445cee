/** Why derivation could not start: the inputs are of the wrong kind. */
export type DeriveErrorCode = "no-input" | "not-a-list" | "into-not-disclosure" | "not-a-disclosure-catalog";

/** Bad input to {@link draftCatalog} or {@link villageList}: a Chinese message and, when known, the file. */
export class DeriveError extends Error {
  override name = "DeriveError";
  constructor(
    readonly code: DeriveErrorCode,
    message: string,
    readonly file?: string,
  ) {
    super(message);
  }
}
