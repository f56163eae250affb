import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Fact tables the schema files define: discovery only points feeds at tables that will exist. */
export async function factTablesDefined(sqlDir: string): Promise<Set<string>> {
  const facts = new Set<string>();
  for (const file of (await readdir(sqlDir)).filter((f) => /^\d+_create_.*\.sql$/.test(f))) {
    const text = await readFile(join(sqlDir, file), 'utf8');
    for (const match of text.matchAll(/CREATE TABLE IF NOT EXISTS\s+`?(fact_[a-z0-9_]+)`?/gi)) facts.add(match[1]!.toLowerCase());
  }
  return facts;
}
