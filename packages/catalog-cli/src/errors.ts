/**
 * The three ways a command can fail, mapped to exit codes in one place (changesets' `errors` idea):
 * misuse and unreadable input exit 2 with a message a person can act on; anything else is a bug.
 */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

/** An input that cannot be read: names the file (and sheet/cell/line when known) and what to do. */
export class InputError extends Error {
  override readonly name = "InputError";
  constructor(
    message: string,
    readonly details: {
      file?: string;
      sheet?: string;
      cell?: string;
      line?: number;
      column?: number;
      hint?: string;
      code?: string;
      /** The message already says where in the file (the readers' messages do): only the file is named before it, when the message does not. */
      placed?: boolean;
    } = {},
  ) {
    super(message);
  }
}

/**
 * Exit codes, documented in `zwgk --help` and the README: 0 nothing wrong; 1 findings (or, for
 * `diff`, differences); 2 the user can fix it (usage, unreadable input, an output that cannot be
 * written); 70 an internal error, a bug in zwgk (EX_SOFTWARE of sysexits.h), so CI can tell
 * "your file is bad" from "zwgk is broken".
 */
export const EXIT = { ok: 0, findings: 1, error: 2, internal: 70 } as const;

/** One line that says where: `文件 a.xlsx，工作表 社会救助，单元格 G7`. */
export function describeInputError(e: InputError): string {
  const d = e.details;
  const where = d.placed
    ? [d.file && !e.message.includes(`“${d.file}”`) && `文件 ${d.file}`].filter(Boolean)
    : [
        d.file && `文件 ${d.file}`,
        d.sheet && `工作表「${d.sheet}」`,
        d.cell && `单元格 ${d.cell}`,
        d.line && `第 ${d.line} 行${d.column ? `第 ${d.column} 列` : ""}`,
      ].filter(Boolean);
  return `${where.length ? `${where.join("，")}：` : ""}${e.message}${d.hint ? `\n建议：${d.hint}` : ""}`;
}
