import { resolve } from "node:path";
import type { CatalogKind } from "@zwgk/catalog-schemas";
import { CATALOG_KINDS } from "@zwgk/catalog-schemas";
import { closestDomain, resolveDomain } from "@zwgk/catalog-core";
import { writeTemplate } from "@zwgk/catalog-xlsx";
import { oneOf, parse } from "../args.js";
import { EXIT, UsageError } from "../errors.js";
import { writeFileAtomic, type Io } from "../io.js";
import { defineCommand, shortUsage } from "../help.js";

export const help = defineCommand({
  name: "template",
  usage: ["zwgk template <standard|supplementary|power|service> --out <模板.xlsx> [选项]"],
  description:
    "生成官方版式的空白模板：每个表头单元格有填写提示，√ 列和权力类型、事项类型有下拉选项，表头受保护。\n" +
    "类型：standard 标准目录，supplementary 主动公开补充目录，power 权责清单，service 公共服务事项清单。",
  options: { out: { type: "string" }, domain: { type: "string" }, levels: { type: "string" } },
  describe: {
    out: "<文件.xlsx> 输出的模板文件",
    domain: "<领域> 标准目录的试点领域，如 社会救助（写入标题和工作表名）",
    levels: "<层级,...> 公开层级列，如 县级,乡级（默认 县级,乡级）",
  },
  examples: [
    ["zwgk template standard --domain 社会救助 --out 社会救助-模板.xlsx", "社会救助领域的标准目录模板"],
    ["zwgk template standard --domain 户籍管理 --levels 县级,乡级,村级 --out 户籍管理-模板.xlsx", "公开层级分到村级"],
    ["zwgk template power --out 权责清单-模板.xlsx", "权责清单模板"],
  ],
});

export async function template(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, help.options, shortUsage(help));
  if (positionals.length !== 1 || !values.out) throw new UsageError(`请给出目录类型和 --out 输出文件。\n${shortUsage(help)}`);
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

export const command = { help, run: template };
