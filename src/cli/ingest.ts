/**
 * `npm run ingest -- <folder>`: adds every .md/.txt file under a folder to the vector index, with
 * the same embedder and document store the server would use (OpenAI when OPENAI_API_KEY is set,
 * else the local embedder; PostgreSQL when DATABASE_URL is set, else files under DATA_DIR). Running
 * servers on PostgreSQL see the documents within seconds; on the file store, at their next start.
 */
import { ConfigError, loadConfig } from '../config.js';
import { isGatewayError } from '../errors.js';
import { createLogger } from '../logger.js';
import { createVectorIndexFromConfig } from '../vector/create.js';
import { FolderNotFoundError, readDocumentsFromFolder } from '../vector/read-folder.js';
import { vectorLimits } from '../vector/validation.js';

async function main(args: string[]): Promise<number> {
  const folder = args.find((arg) => arg !== '--');
  if (!folder || args.includes('--help') || args.includes('-h')) {
    console.error('usage: npm run ingest -- <folder of .md/.txt files>');
    return 2;
  }
  const started = performance.now();
  const config = loadConfig();
  // Info lines would bury the summary; warnings (e.g. re-embedding) still show.
  const logger = createLogger(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL);
  const documents = await readDocumentsFromFolder(folder);
  const tooLarge = documents.filter(
    (doc) => Buffer.byteLength(doc.text) > vectorLimits.maxTextBytes,
  );
  for (const doc of tooLarge) console.error(`skipped ${doc.id}: larger than 1 MiB`);
  const accepted = documents.filter((doc) => !tooLarge.includes(doc));

  const index = createVectorIndexFromConfig(config, { fetch: globalThis.fetch, logger });
  let chunks = 0;
  try {
    await index.ready();
    for (let i = 0; i < accepted.length; i += vectorLimits.maxDocumentsPerCall) {
      const result = await index.ingest(accepted.slice(i, i + vectorLimits.maxDocumentsPerCall));
      chunks += result.chunks;
    }
  } finally {
    // A PostgreSQL store holds a pool and a LISTEN client that would keep the process alive.
    await index.close();
  }
  const stats = index.stats();
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `ingested ${plural(accepted.length, 'document')} (${plural(chunks, 'chunk')}) from ${folder} with ${stats.embedder} ` +
      `(${stats.dimension} dimensions) into the ${stats.documentStore} store in ${seconds} s; the index now holds ${stats.documents} documents, ${stats.chunks} chunks`,
  );
  return tooLarge.length > 0 ? 1 : 0;
}

const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (
      error instanceof FolderNotFoundError ||
      error instanceof ConfigError ||
      isGatewayError(error)
    ) {
      console.error(`error: ${error.message}`);
    } else console.error('error:', error);
    process.exitCode = 1;
  },
);
