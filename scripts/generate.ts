// `npm run generate`: writes every derived file. The drift tests call the same functions.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { DERIVATION_DOC_PATH, generateDerivationDoc } from "./generate/derivation-doc.ts";
import { generateParquetDoc, PARQUET_DOC_PATH } from "./generate/parquet-doc.ts";
import { generateRulesDoc, RULES_DOC_PATH } from "./generate/rules-doc.ts";
import { ROOT, generateSchemaArtifacts } from "./generate/schemas.ts";

const outputs = new Map<string, string>([
  ...(await generateSchemaArtifacts()),
  [RULES_DOC_PATH, generateRulesDoc()],
  [DERIVATION_DOC_PATH, generateDerivationDoc()],
  [PARQUET_DOC_PATH, generateParquetDoc()],
]);
for (const [rel, content] of outputs) {
  const path = join(ROOT, rel);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
  console.log(`wrote ${rel}`);
}
