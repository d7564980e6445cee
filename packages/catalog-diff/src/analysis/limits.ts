import { DEFAULT_MAX_COMPARISONS, DEFAULT_MAX_REFUSED } from "../similarity-join.js";
import type { AnalysisLimits } from "./types.js";

/** The default of each {@link AnalysisLimits} bound (the `--limit` defaults of `zwgk check`). */
export const DEFAULT_ANALYSIS_LIMITS: Readonly<AnalysisLimits> = Object.freeze({
  maxNearDuplicates: 5_000,
  maxSimilarNamePairs: 50_000,
  maxNameComparisons: DEFAULT_MAX_COMPARISONS,
  maxRejectedNamePairs: DEFAULT_MAX_REFUSED,
});

/**
 * The bounds in force: the defaults with the ones `set` gives. Only the known names are read (an
 * options object parsed from JSON cannot add any); a bound that is not a non-negative integer is the
 * caller's bug and throws a RangeError.
 */
export function analysisLimits(set: Partial<AnalysisLimits> | undefined): AnalysisLimits {
  const out: AnalysisLimits = { ...DEFAULT_ANALYSIS_LIMITS };
  if (!set) return out;
  for (const name of Object.keys(DEFAULT_ANALYSIS_LIMITS) as Array<keyof AnalysisLimits>) {
    const value = set[name];
    if (value === undefined) continue;
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`analysis limit ${name} must be a non-negative integer, not ${String(value)}`);
    out[name] = value;
  }
  return out;
}
