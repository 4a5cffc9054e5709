import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rate, readCases, scoreCase } from '../eval/routing-score.js';
import { createRuleRouter, type Intent, type RoutePlan } from '../src/answer/router.js';
import { LANGUAGES } from '../src/answer/routing/languages.js';
import { tokenize } from '../src/answer/routing/text.js';

const router = createRuleRouter();
const route = (question: string) => router.route(question);
const of = <K extends Intent['kind']>(plan: RoutePlan, kind: K) =>
  plan.intents.filter((i): i is Extract<Intent, { kind: K }> => i.kind === kind);
const weather = async (question: string) =>
  of(await route(question), 'weather').map((w) => [w.place, w.weekday ?? w.when, w.days]);

describe('rule router in Spanish, French, German, Portuguese and Italian', () => {
  it('covers the five languages', () => {
    assert.deepEqual(
      LANGUAGES.map((l) => l.code),
      ['es', 'fr', 'de', 'pt', 'it'],
    );
  });

  it('routes weather questions, with exonyms mapped to the gazetteer name', async () => {
    assert.deepEqual(await weather('¿Qué tiempo hace en Londres?'), [['London', 'now', 1]]);
    assert.deepEqual(await weather('Est-ce qu’il va pleuvoir demain à Lyon ?'), [
      ['Lyon', 'tomorrow', 2],
    ]);
    assert.deepEqual(await weather('Wird es morgen in Köln regnen?'), [['Cologne', 'tomorrow', 2]]);
    assert.deepEqual(await weather('Vai chover amanhã em São Paulo?'), [
      ['São Paulo', 'tomorrow', 2],
    ]);
    assert.deepEqual(await weather('Che tempo fa a Roma?'), [['Rome', 'now', 1]]);
  });

  it('reads time words and phrases: weekends, weekdays, day counts', async () => {
    // A spelling that folds to the gazetteer name is kept as written.
    assert.deepEqual(await weather('el tiempo en Múnich este fin de semana'), [
      ['Múnich', 'weekend', 7],
    ]);
    assert.deepEqual(await weather('la pluie à Vienne ce week-end'), [['Vienna', 'weekend', 7]]);
    assert.deepEqual(await weather('¿Qué tiempo hará en Colonia el sábado?'), [
      ['Cologne', 'saturday', 7],
    ]);
    assert.deepEqual(await weather('Wetter in Hamburg für die nächsten 5 Tage'), [
      ['Hamburg', 'days', 5],
    ]);
    assert.deepEqual(await weather('Wetter in Berlin und Lissabon morgen'), [
      ['Berlin', 'tomorrow', 2],
      ['Lisbon', 'tomorrow', 2],
    ]);
  });

  it('keeps an unknown place after a preposition, stopping at function and time words', async () => {
    assert.deepEqual(await weather('¿Va a llover en Kalgoorlie mañana?'), [
      ['Kalgoorlie', 'tomorrow', 2],
    ]);
  });

  it('routes prices and exchange rates', async () => {
    assert.deepEqual(of(await route('Quel est le prix du bitcoin ?'), 'quote')[0]?.symbols, [
      'BTC-USD',
    ]);
    assert.deepEqual(of(await route("prix de l'action Apple"), 'quote')[0]?.symbols, ['AAPL']);
    assert.deepEqual(of(await route('Aktienkurs von Apple'), 'quote')[0]?.symbols, ['AAPL']);
    assert.deepEqual(of(await route('precio del bitcoin en euros'), 'quote')[0]?.symbols, [
      'BTC-EUR',
    ]);
    const rates = async (q: string) =>
      of(await route(q), 'exchangeRate').map(({ base, target, amount }) => ({
        base,
        target,
        ...(amount === undefined ? {} : { amount }),
      }));
    assert.deepEqual(await rates('cambio euro dólar'), [{ base: 'EUR', target: 'USD' }]);
    assert.deepEqual(await rates('Wechselkurs Pfund Euro'), [{ base: 'GBP', target: 'EUR' }]);
    assert.deepEqual(await rates('convertir 100 euros a dólares'), [
      { base: 'EUR', target: 'USD', amount: 100 },
    ]);
    assert.deepEqual(await rates('tasso di cambio euro dollaro'), [{ base: 'EUR', target: 'USD' }]);
  });

  it('splits French and Italian elisions, and leaves English contractions alone', () => {
    assert.deepEqual(
      tokenize("prix de l'action d'Apple").map((t) => t.norm),
      ['prix', 'de', 'l', 'action', 'd', 'apple'],
    );
    assert.equal(tokenize("d'Apple")[1]?.capital, true);
    assert.deepEqual(
      tokenize("I'm sure it's five o'clock").map((t) => t.norm),
      ['im', 'sure', 'it', 'five', 'oclock'],
    );
  });

  it('does not turn English questions into weather through foreign words', async () => {
    assert.deepEqual((await route("Apple's sole supplier in China")).intents, []);
    assert.deepEqual(of(await route('take action on the Apple stock'), 'quote')[0]?.symbols, [
      'AAPL',
    ]);
  });

  it('eval/data/routing-multilingual.jsonl: full accuracy >= 0.95', async () => {
    const cases = readCases(new URL('../eval/data/routing-multilingual.jsonl', import.meta.url));
    assert.ok(cases.length >= 30);
    const results = await Promise.all(cases.map((item, i) => scoreCase(router, item, i)));
    assert.ok(rate(results.map((r) => r.fullyRight)).share >= 0.95);
  });
});
