import { readFile, writeFile } from 'node:fs/promises';

/** One measured figure next to the baseline measured in the same run. */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  baseline: number;
  /** value / baseline */
  ratio: number;
}

const FILE = 'bench-results.json';

/** Appends results to bench-results.json (in the working directory), a JSON array across runs. */
export async function recordResults(results: readonly BenchResult[]): Promise<void> {
  const previous = await readFile(FILE, 'utf8').then((t) => JSON.parse(t) as BenchResult[], () => []);
  await writeFile(FILE, `${JSON.stringify([...previous, ...results], null, 2)}\n`);
}
