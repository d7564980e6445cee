// `npm run eval`: precision and recall of the cross-catalog analysis on the labelled cases
// (packages/catalog-diff/src/analysis/eval/cases.json), and the cases it gets wrong.
import { evaluate, formatEvaluation, loadCases } from "../packages/catalog-diff/src/analysis/eval/evaluate.ts";

const cases = loadCases();
const result = evaluate(cases);
console.log(formatEvaluation(result, cases));
const targets = { precision: 0.95, recall: 0.9 };
const failed = [result.duplicates, result.gaps].some((s) => s.precision < targets.precision || s.recall < targets.recall);
console.log(`\n目标：precision ≥ ${targets.precision}，recall ≥ ${targets.recall}：${failed ? "未达到" : "达到"}`);
process.exitCode = failed ? 1 : 0;
