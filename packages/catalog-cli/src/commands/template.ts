import { resolve } from "node:path";
import type { CatalogKind } from "@zwgk/catalog-schemas";
import { CATALOG_KINDS } from "@zwgk/catalog-schemas";
import { closestDomain, resolveDomain } from "@zwgk/catalog-core";
import { writeTemplate } from "@zwgk/catalog-xlsx";
import { oneOf, parse } from "../args.js";
import { EXIT, UsageError } from "../errors.js";
import { writeFileAtomic, type Io } from "../io.js";

const USAGE = `用法：zwgk template <standard|supplementary|power|service> --out 模板.xlsx [--domain 社会救助] [--levels 县级,乡级]`;

export async function template(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(
    argv,
    { out: { type: "string" }, domain: { type: "string" }, levels: { type: "string" } },
    USAGE,
  );
  if (positionals.length !== 1 || !values.out) throw new UsageError(`请给出目录类型和 --out 输出文件。\n${USAGE}`);
  const kind = oneOf<CatalogKind>("kind", positionals[0], CATALOG_KINDS, "standard");
  if (!values.out.toLowerCase().endsWith(".xlsx")) throw new UsageError("模板只能输出为 .xlsx 文件。");
  if (values.domain) {
    const domain = values.domain.trim().replace(/领域$/, "");
    const match = resolveDomain(domain);
    if (!match || (match.name !== domain && match.alias !== domain && !match.local)) {
      const closest = closestDomain(domain) ?? (match ? match.name : undefined);
      io.stderr(`zwgk：警告：领域「${domain}」不是26个试点领域之一${closest ? `，是否应为「${closest}」？` : "。"}模板仍按「${domain}」生成。\n`);
    }
  }
  const bytes = await writeTemplate(kind, {
    ...(values.domain ? { domain: values.domain } : {}),
    ...(values.levels ? { levels: values.levels.split(/[,，、]/).filter(Boolean) } : {}),
  });
  await writeFileAtomic(resolve(io.cwd, values.out), bytes);
  io.stderr(`已写出模板 ${values.out}\n`);
  return EXIT.ok;
}
