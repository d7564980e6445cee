import type { Rule } from "../rule.js";

/** Every built-in rule, in the order the docs list them. */
export const builtinRules: readonly Rule[] = [];
