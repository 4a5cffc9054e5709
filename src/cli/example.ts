/**
 * `npm run example -- "<question>"`: asks a running gateway through the typed client and prints the
 * answer, its citations and its cost. `SLUICE_URL` (default http://localhost:4000/graphql) and
 * `SLUICE_API_KEY` (when the gateway has keys) say where and as whom.
 */
import { AnswerDocument, createSluiceClient, type AnswerQuery } from '../client/index.js';

type Answer = NonNullable<AnswerQuery['answer']>;

/** The answer as the example prints it: text, numbered citations, sources, gates that did not pass, cost. */
function formatAnswer(answer: Answer): string {
  const lines = [`${answer.status} (${answer.model})`, '', answer.text, ''];
  if (answer.citations.length > 0) {
    lines.push('Citations:');
    for (const c of answer.citations)
      lines.push(`  [${c.index}] ${c.title ?? c.source}${c.url ? ` <${c.url}>` : ''}`);
    lines.push('');
  }
  lines.push('Sources:');
  for (const s of answer.sources) {
    const args = s.args.map((a) => `${a.key}=${a.value}`).join(' ');
    lines.push(
      `  ${s.name} ${s.status}${s.provider ? ` via ${s.provider}` : ''} ${s.latencyMs} ms${args ? ` (${args})` : ''}`,
    );
  }
  const notPassed = answer.gates.filter((g) => g.status !== 'PASSED');
  if (notPassed.length > 0) {
    lines.push('', 'Gates not passed:');
    for (const g of notPassed)
      lines.push(`  ${g.name} ${g.status}${g.message ? `: ${g.message}` : ''}`);
  }
  const cache = answer.cache.hit === 'NONE' ? 'no cache hit' : `${answer.cache.hit} cache hit`;
  lines.push(
    '',
    `Cost: $${answer.cost.totalUsd.toFixed(6)} (saved $${answer.cost.savedUsd.toFixed(6)}, ${cache})`,
  );
  for (const item of answer.cost.items)
    lines.push(
      `  ${item.kind} ${item.model}: ${item.calls} call(s), ${item.inputTokens} in / ${item.outputTokens} out tokens, $${item.usd.toFixed(6)}`,
    );
  return lines.join('\n');
}

async function main(): Promise<number> {
  const question = process.argv.slice(2).join(' ').trim();
  if (!question) {
    console.error('usage: npm run example -- "<question>"');
    return 2;
  }
  const url = process.env.SLUICE_URL ?? 'http://localhost:4000/graphql';
  const client = createSluiceClient({ url, apiKey: process.env.SLUICE_API_KEY || undefined });
  let result;
  try {
    result = await client.request(AnswerDocument, { question });
  } catch (error) {
    console.error(
      `could not reach ${url}: ${error instanceof Error ? error.message : String(error)} (is the gateway running? npm start)`,
    );
    return 1;
  }
  for (const e of result.errors) console.error(`${e.extensions?.code ?? 'ERROR'}: ${e.message}`);
  const answer = result.data?.answer;
  if (!answer) return 1;
  console.log(formatAnswer(answer));
  return 0;
}

process.exitCode = await main();
