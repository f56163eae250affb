/** One figure of `npm run bench`, against a baseline measured in the same run (ratios travel between machines; absolute numbers do not). */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  baseline: number;
  /** value / baseline; the name says which way is good and the target */
  ratio: number;
}

export function result(name: string, value: number, unit: string, baseline: number): BenchResult {
  return { name, value, unit, baseline, ratio: value / baseline };
}
