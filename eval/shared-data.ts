import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * A public data set of the workplace's `shared/eval/` folder beside the repository (its README names
 * the sources and licences; it is not vendored). Prints where the data comes from and, when it is
 * absent (a clone without `../shared`), says so in one line and exits with code 2.
 */
export function sharedEvalData(file: string, source: string): URL {
  const url = new URL(`../../shared/eval/${file}`, import.meta.url);
  const path = fileURLToPath(url);
  if (!existsSync(path)) {
    process.stderr.write(
      `eval data not found: ${path} (${source}; this evaluation needs the shared/eval folder beside the repository)\n`,
    );
    process.exit(2);
  }
  console.log(`data: ${path} (${source})`);
  return url;
}
