export type XlsxErrorCode =
  | "not-zip"
  | "truncated"
  | "encrypted"
  | "unsupported"
  | "limit"
  | "malformed"
  | "encoding"
  | "no-sheets";

/** Where in the workbook a problem was found; every field is optional. */
export interface ErrorLocation {
  part?: string;
  sheet?: string;
  cell?: string;
}

export interface XlsxReadErrorDetails extends ErrorLocation {
  limit?: string;
  cause?: unknown;
}

/**
 * The only error type the reader throws. `message` is user-facing Simplified Chinese
 * (what is wrong + what to do); `code` and the optional fields are for programs.
 */
export class XlsxReadError extends Error {
  readonly code: XlsxErrorCode;
  readonly part?: string;
  readonly sheet?: string;
  readonly cell?: string;
  readonly limit?: string;

  constructor(code: XlsxErrorCode, message: string, details: XlsxReadErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = "XlsxReadError";
    this.code = code;
    if (details.part !== undefined) this.part = details.part;
    if (details.sheet !== undefined) this.sheet = details.sheet;
    if (details.cell !== undefined) this.cell = details.cell;
    if (details.limit !== undefined) this.limit = details.limit;
  }
}

const RESAVE = "请用 Excel 或 WPS 打开后另存为 .xlsx 再重试。";

/** "（工作表“社会救助”，单元格 C5）" — the sheet name means more to a person than the zip path. */
function describeLocation(loc: ErrorLocation): string {
  const parts: string[] = [];
  if (loc.sheet !== undefined) parts.push(`工作表“${loc.sheet}”`);
  else if (loc.part !== undefined) parts.push(`部件“${loc.part}”`);
  if (loc.cell !== undefined) parts.push(`单元格 ${loc.cell}`);
  return parts.length === 0 ? "" : `（${parts.join("，")}）`;
}

/** Byte limits read better as "1 GiB"; counts (rows, chars) stay plain numbers. */
function formatAmount(n: number, limitName: string): string {
  if (!limitName.endsWith("Bytes")) return String(n);
  if (n >= 1024 * 1024 * 1024 && n % (1024 * 1024 * 1024) === 0) return `${n / (1024 * 1024 * 1024)} GiB`;
  if (n >= 1024 * 1024 && n % (1024 * 1024) === 0) return `${n / (1024 * 1024)} MiB`;
  return `${n} 字节`;
}

export function notZipError(): XlsxReadError {
  return new XlsxReadError(
    "not-zip",
    "文件不是有效的 .xlsx 工作簿（不是 zip 压缩包）。请用 Excel 或 WPS 另存为 .xlsx 后重试。",
  );
}

export function legacyXlsError(): XlsxReadError {
  return new XlsxReadError(
    "unsupported",
    "文件是旧版 Excel 97-2003 工作簿（.xls），不是 .xlsx。请用 Excel 或 WPS 打开后另存为 .xlsx 再导入。",
  );
}

export function encryptedError(part?: string): XlsxReadError {
  return new XlsxReadError(
    "encrypted",
    "文件已加密（设置了打开密码），无法读取。请在 Excel 或 WPS 中取消密码后另存为 .xlsx 再导入。",
    part === undefined ? {} : { part },
  );
}

export function truncatedError(what: string, loc: ErrorLocation = {}, cause?: unknown): XlsxReadError {
  return new XlsxReadError(
    "truncated",
    `文件不完整${describeLocation(loc)}：${what}。可能是下载或上传中断，请重新获取完整的文件后重试。`,
    { ...loc, cause },
  );
}

export function malformedError(what: string, loc: ErrorLocation = {}, cause?: unknown): XlsxReadError {
  return new XlsxReadError("malformed", `工作簿内容已损坏${describeLocation(loc)}：${what}。${RESAVE}`, {
    ...loc,
    cause,
  });
}

export function unsupportedError(what: string, loc: ErrorLocation = {}): XlsxReadError {
  return new XlsxReadError("unsupported", `不支持的文件内容${describeLocation(loc)}：${what}。${RESAVE}`, loc);
}

export function doctypeError(loc: ErrorLocation): XlsxReadError {
  return new XlsxReadError(
    "malformed",
    `文件中包含 DOCTYPE 或实体声明${describeLocation(loc)}，正常的 Excel/WPS 文件不会包含这些内容，出于安全原因拒绝读取。${RESAVE}`,
    loc,
  );
}

/**
 * `what` names the quantity in Chinese ("解压后的大小"), `limitName` is the ReadLimits key so
 * the message tells a developer exactly which option to raise.
 */
export function limitError(
  what: string,
  limitName: string,
  limitValue: number,
  loc: ErrorLocation = {},
  hint = "",
): XlsxReadError {
  return new XlsxReadError(
    "limit",
    `${what}${describeLocation(loc)}超过上限 ${formatAmount(limitValue, limitName)}。${hint}` +
      `如确认文件可信，可通过选项 limits.${limitName} 调高上限后重试。`,
    { ...loc, limit: limitName },
  );
}

/**
 * Bytes in a part that are not UTF-8 (GBK text pasted by a tool that wrote raw bytes). Decoding them
 * would silently turn the text into U+FFFD, so the part is refused; `near` is the last row started.
 */
export function encodingError(loc: ErrorLocation, near?: number): XlsxReadError {
  const where = near ? `第 ${near} 行附近` : "";
  return new XlsxReadError(
    "encoding",
    `文件内容中有无效的 UTF-8 字节${describeLocation(loc)}${where ? `（${where}）` : ""}，可能是用 GBK 等其他编码写入的文字，` +
      `读取会变成乱码。${RESAVE}`,
    loc,
  );
}

export function noSheetsError(what = "工作簿中没有可读取的工作表"): XlsxReadError {
  return new XlsxReadError("no-sheets", `${what}。请确认文件内容，或用 Excel 或 WPS 另存为 .xlsx 后重试。`);
}

/** Anything unexpected (a bug, a RangeError deep in a parser) still reaches callers as XlsxReadError. */
export function asReadError(e: unknown, loc: ErrorLocation): XlsxReadError {
  if (e instanceof XlsxReadError) return e;
  const detail = e instanceof Error ? e.message : String(e);
  return malformedError(`无法解析（${detail}）`, loc, e);
}
