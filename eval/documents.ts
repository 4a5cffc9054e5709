/*
 * Questions about documents through `answer` (issue 7): ten questions written before any change
 * was measured against them, eight over Sluice's bundled documentation and two over a document
 * ingested first (eval/data/documents.jsonl, each with a pattern the right answer contains). Run
 * keyless (extractive) and with a model (the emulated OpenAI-compatible server), over the
 * emulated providers. Prints, per question and mode, the status and whether the answer holds the
 * expected fact. Run: npm run eval:documents
 */
import { readFileSync } from 'node:fs';
import { machineLine } from '../bench/machine.js';
import { AnswerDocument, IngestDocument } from '../src/client/index.js';
import { startTestEmulator } from '../test/support/emulator.js';
import { startTestGateway } from '../test/support/gateway.js';

interface Case {
  question: string;
  expect: string;
  ingested?: boolean;
}

const cases = readFileSync(new URL('./data/documents.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((line) => line.trim())
  .map((line) => JSON.parse(line) as Case);

const FAQ = {
  id: 'office-faq',
  title: 'Office FAQ',
  text: '# Office FAQ\n\nThe Zurich office coffee machine is descaled by Maria every Friday morning.\n\nVisitors sign in at the front desk on the ground floor.',
};

const MODES = [
  { name: 'extractive', env: { OPENAI_BASE_URL: undefined } },
  { name: 'model', env: { OPENAI_API_KEY: 'sk-eval', EMBEDDER: 'local' } },
];

const emulator = await startTestEmulator();
console.log('# answer over documents: status, and whether the answer holds the expected fact');
console.log(machineLine());
const results = new Map<string, string[]>();
const totals: string[] = [];
for (const mode of MODES) {
  const gateway = await startTestGateway(emulator, mode.env);
  await gateway.execute(IngestDocument, { documents: [FAQ] });
  let answered = 0;
  let right = 0;
  for (const c of cases) {
    const { data, errors } = await gateway.execute(AnswerDocument, {
      question: c.question,
      options: { noCache: true },
    });
    const answer = data?.answer;
    const ok = answer?.status === 'ANSWERED';
    const holds = ok && new RegExp(c.expect, 'i').test(answer.text);
    answered += ok ? 1 : 0;
    right += holds ? 1 : 0;
    const cell = errors ? 'ERROR' : `${answer?.status ?? '-'}${holds ? ' +' : ok ? ' -' : ''}`;
    results.set(c.question, [...(results.get(c.question) ?? []), cell]);
  }
  totals.push(`${mode.name}: ${answered}/${cases.length} answered, ${right} with the fact`);
  await gateway.close();
}
await emulator.close();

const width = Math.max(...cases.map((c) => c.question.length));
console.log(`\n${'question'.padEnd(width)}  ${MODES.map((m) => m.name.padEnd(12)).join('  ')}`);
for (const c of cases) {
  const cells = results.get(c.question) ?? [];
  console.log(`${c.question.padEnd(width)}  ${cells.map((x) => x.padEnd(12)).join('  ')}`);
}
console.log(`\n${totals.join('\n')}`);
console.log('(+: the answer holds the expected fact; -: answered without it)');
