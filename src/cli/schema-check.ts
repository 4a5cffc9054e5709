/**
 * `npm run schema:check`: diffs `schema.graphql` against the released contract
 * `schema.released.graphql` (GraphQL Inspector, offline) and fails on a breaking change that
 * `schema.breaks.json` does not list, on removing what was not deprecated first, and on a stale
 * listing. Exit 0 passed, 1 failed, 2 an input file is missing or malformed.
 */
import { readFile } from 'node:fs/promises';
import { findProjectRoot } from '../paths.js';
import { checkSchema, formatSchemaCheck, parseBreaks } from '../schema-guard.js';

async function main(): Promise<number> {
  const root = findProjectRoot();
  const read = async (name: string) => {
    try {
      return await readFile(new URL(name, root), 'utf8');
    } catch {
      throw new Error(`${name}: cannot be read`);
    }
  };
  const [released, current, breaksText] = await Promise.all([
    read('schema.released.graphql'),
    read('schema.graphql'),
    read('schema.breaks.json'),
  ]);
  let breaks;
  try {
    breaks = parseBreaks(JSON.parse(breaksText));
  } catch (error) {
    throw new Error(`schema.breaks.json: ${(error as Error).message}`);
  }
  const check = await checkSchema(released, current, breaks);
  const report = formatSchemaCheck(check);
  if (check.ok) console.log(report);
  else console.error(report);
  return check.ok ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 2;
  },
);
