import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkCitations, createCitationsGate } from '../src/gates/citations.js';

const citations = [
  { index: 1, snippet: 'Paris: 11.6 °C, light rain, wind 14 km/h' },
  { index: 2, snippet: 'London: 9.1 °C, overcast, wind 20 km/h' },
];

function check(answer: string) {
  return checkCitations({ answer, citations });
}

describe('checkCitations', () => {
  it('passes a sentence its cited snippet supports', () => {
    const a = check('Paris 11.6 °C [1]');
    assert.deepEqual([a.valid, a.score, a.problems, a.warnings], [true, 1, [], []]);
    assert.ok(
      check('Paris is 11.6 °C with light rain [1]. London is overcast at 9.1 °C [2].').valid,
    );
  });

  it('fails a marker that names no citation', () => {
    const a = check('Paris is 11.6 °C [3].');
    assert.equal(a.valid, false);
    assert.match(a.problems[0] ?? '', /\[3\].*not a citation/);
  });

  it('fails a cited number the snippet does not hold, allowing rounding to the shown precision', () => {
    assert.ok(!check('Paris is 11.6 °C [2].').valid);
    assert.ok(!check('Paris is 11.7 °C [1].').valid);
    assert.ok(check('Paris is 12 °C [1].').valid);
  });

  it('fails a cited sentence whose words the snippet does not support', () => {
    const a = check('Tokyo has sunshine and clear skies [1].');
    assert.equal(a.valid, false);
    assert.match(a.problems[0] ?? '', /not supported by \[1\]/);
  });

  it('reads grouped and ranged markers and markers after the full stop', () => {
    assert.ok(check('Paris has light rain and London is overcast [1, 2].').valid);
    assert.ok(check('Paris has light rain and London is overcast [1-2].').valid);
    assert.ok(check('Paris has light rain and London is overcast [1][2].').valid);
    assert.ok(check('Paris is 11.6 °C. [1] London is 9.1 °C. [2]').valid);
    assert.ok(!check('Paris has light rain and London is overcast [1-3].').valid);
  });

  it('warns, without failing, on a number stated without a citation', () => {
    const a = check('Paris is 11.6 °C. London is 9.1 °C [2].');
    assert.equal(a.valid, true);
    assert.equal(a.warnings.length, 1);
    assert.equal(a.score, 0.5);
    assert.deepEqual(check('Paris is rainy today.').warnings, []);
  });
});

describe('createCitationsGate', () => {
  const gate = createCitationsGate();

  it('is the OUTPUT citations gate with severity ERROR', () => {
    assert.deepEqual([gate.name, gate.stage, gate.severity], ['citations', 'OUTPUT', 'ERROR']);
  });

  it('maps problems to FAILED, warnings to WARNING and a clean answer to PASSED', async () => {
    assert.equal(
      (await gate.check({ answer: 'Paris is 11.6 °C [1].', citations })).status,
      'PASSED',
    );
    const failed = await gate.check({ answer: 'Paris is 11.6 °C [3].', citations });
    assert.equal(failed.status, 'FAILED');
    assert.ok(!failed.message.includes('Paris'), 'messages do not echo the answer');
    const warned = await gate.check({ answer: 'Paris is 11.6 °C.', citations });
    assert.equal(warned.status, 'WARNING');
    assert.equal(warned.score, 0);
    assert.equal((await gate.check({ answer: '', citations })).status, 'SKIPPED');
  });
});
