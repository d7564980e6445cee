import type ExcelJS from "exceljs";
import { escapeXmlAttribute, escapeXmlText } from "@zwgk/catalog-core";

// exceljs 4.4 does not write docProps/custom.xml. It builds the package through per-instance
// methods (`addContentTypes`, `addOfficeRels`) that append parts to a zip writer; wrapping them on
// this one workbook's XLSX object adds the part, its content type and its relationship. The wrap
// fails loudly if exceljs changes, and a test reads the property back with two other readers.

interface ZipLike {
  append(data: string, options: { name: string }): void;
}
interface XlsxInternals {
  addContentTypes(zip: ZipLike, model: unknown): Promise<void>;
  addOfficeRels(zip: ZipLike, model: unknown): Promise<void>;
}

const FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}";
const CONTENT_TYPE =
  '<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/>';
const RELATIONSHIP =
  '<Relationship Id="rIdZwgkCustom" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties" Target="docProps/custom.xml"/>';

function customXml(properties: ReadonlyMap<string, string>): string {
  let pid = 2; // pids 0 and 1 are reserved
  let body = "";
  for (const [name, value] of properties) {
    body += `<property fmtid="${FMTID}" pid="${pid++}" name="${escapeXmlAttribute(name)}"><vt:lpwstr>${escapeXmlText(value)}</vt:lpwstr></property>`;
  }
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" ' +
    `xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">${body}</Properties>`
  );
}

/** Inserts `addition` before `closing` in the part named `name` as it passes to the zip. */
function patching(zip: ZipLike, name: string, closing: string, addition: string): ZipLike {
  return {
    append(data, options) {
      if (options.name === name) {
        if (!data.includes(closing)) throw new Error(`exceljs wrote ${name} without ${closing}; cannot add custom properties`);
        data = data.replace(closing, addition + closing);
      }
      zip.append(data, options);
    },
  };
}

/**
 * Makes the next `workbook.xlsx.writeBuffer()` include custom document properties (string values),
 * the place Excel shows under 文件 → 属性 → 自定义 and keeps when a user saves the file.
 */
export function setCustomProperties(workbook: ExcelJS.Workbook, properties: ReadonlyMap<string, string>): void {
  if (properties.size === 0) return;
  const xlsx = workbook.xlsx as unknown as XlsxInternals;
  if (typeof xlsx.addContentTypes !== "function" || typeof xlsx.addOfficeRels !== "function") {
    throw new Error("this exceljs version cannot be extended with custom document properties");
  }
  const addContentTypes = xlsx.addContentTypes.bind(xlsx);
  const addOfficeRels = xlsx.addOfficeRels.bind(xlsx);
  xlsx.addContentTypes = async (zip, model) => {
    await addContentTypes(patching(zip, "[Content_Types].xml", "</Types>", CONTENT_TYPE), model);
    zip.append(customXml(properties), { name: "docProps/custom.xml" });
  };
  xlsx.addOfficeRels = (zip, model) => addOfficeRels(patching(zip, "_rels/.rels", "</Relationships>", RELATIONSHIP), model);
}
