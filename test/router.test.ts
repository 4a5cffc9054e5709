import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rate, readCases, scoreCase } from '../eval/routing-score.js';
import {
  createRuleRouter,
  describePlan,
  planSources,
  type Intent,
  type RoutePlan,
} from '../src/answer/router.js';

const router = createRuleRouter();
const route = (question: string) => router.route(question);
const of = <K extends Intent['kind']>(plan: RoutePlan, kind: K) =>
  plan.intents.filter((i): i is Extract<Intent, { kind: K }> => i.kind === kind);

describe('rule router: weather', () => {
  it('routes a place and a time, with the days the forecast needs', async () => {
    const plan = await route('will it rain in São Paulo tomorrow');
    assert.deepEqual(plan.intents, [
      { kind: 'weather', place: 'São Paulo', when: 'tomorrow', days: 2 },
    ]);
  });

  it('makes one intent per place, each with its own time when written', async () => {
    const both = await route('weather in Paris and Perth');
    assert.deepEqual(
      of(both, 'weather').map((w) => w.place),
      ['Paris', 'Perth'],
    );
    const split = await route('Weather in Paris today and Rome tomorrow');
    assert.deepEqual(
      of(split, 'weather').map((w) => [w.place, w.when]),
      [
        ['Paris', 'today'],
        ['Rome', 'tomorrow'],
      ],
    );
  });

  it('reads comparisons, N-day spans, weekdays and "forecast" alone', async () => {
    const warmer = await route('Is it warmer in Osaka than Tokyo right now?');
    assert.deepEqual(
      of(warmer, 'weather').map((w) => w.place),
      ['Osaka', 'Tokyo'],
    );
    assert.deepEqual(of(await route('5 day forecast Vancouver'), 'weather')[0], {
      kind: 'weather',
      place: 'Vancouver',
      when: 'days',
      days: 5,
    });
    const saturday = of(await route('How windy will it be in Wellington on Saturday?'), 'weather');
    assert.equal(saturday[0]?.when, 'weekday');
    assert.equal(saturday[0]?.weekday, 'saturday');
    assert.equal(of(await route('forecast for Lisbon'), 'weather')[0]?.days, 3);
  });

  it('corrects lower-case typos of cue words and places', async () => {
    const plan = await route('whats teh temprature in barcelonna tomorow');
    assert.deepEqual(plan.intents, [
      { kind: 'weather', place: 'Barcelona', when: 'tomorrow', days: 2 },
    ]);
  });

  it('needs a weather word: a place alone routes nowhere', async () => {
    assert.deepEqual((await route('What time is it in Sydney?')).intents, []);
    assert.deepEqual((await route('write a haiku about Tokyo')).intents, []);
    assert.deepEqual((await route('is it going to rain')).intents, []);
  });

  it('trusts a name after "in" without a geocoder, and asks the geocoder when given', async () => {
    assert.equal(of(await route('weather in kalgoorlie'), 'weather')[0]?.place, 'kalgoorlie');
    assert.deepEqual((await route('Kalgoorlie weather')).intents, []);
    const asked: string[] = [];
    const geocoded = createRuleRouter({
      isPlace: async (name) => {
        asked.push(name);
        return name === 'Kalgoorlie';
      },
    });
    assert.equal(of(await geocoded.route('Kalgoorlie weather'), 'weather')[0]?.place, 'Kalgoorlie');
    assert.deepEqual((await geocoded.route('weather in Atlantis')).intents, []);
    assert.ok(asked.includes('Atlantis'));
    // Gazetteer places are not asked about.
    asked.length = 0;
    await geocoded.route('weather in Paris');
    assert.deepEqual(asked, []);
  });

  it('treats a geocoder failure as "not a place"', async () => {
    const failing = createRuleRouter({ isPlace: async () => Promise.reject(new Error('down')) });
    assert.deepEqual((await failing.route('weather in Kalgoorlie')).intents, []);
  });
});

describe('rule router: places qualified by a region or country', () => {
  it('keeps "Paris, Texas" one place, not Paris plus a place named Texas', async () => {
    assert.deepEqual((await route("What's the weather in Paris, Texas?")).intents, [
      { kind: 'weather', place: 'Paris, Texas', when: 'now', days: 1 },
    ]);
    // The day's high and low are the weather's, next to a place.
    assert.deepEqual((await route("What's the high in Rome today?")).intents, [
      { kind: 'weather', place: 'Rome', when: 'today', days: 1 },
    ]);
    assert.deepEqual((await route('weather in Portland, Maine tomorrow')).intents, [
      { kind: 'weather', place: 'Portland, Maine', when: 'tomorrow', days: 2 },
    ]);
  });

  it('reads state codes in capitals and countries as qualifiers', async () => {
    const places = async (q: string) => of(await route(q), 'weather').map((w) => w.place);
    assert.deepEqual(await places('weather in Paris, TX'), ['Paris, TX']);
    assert.deepEqual(await places('Weather in Portland, OR this weekend'), ['Portland, OR']);
    assert.deepEqual(await places('Is it raining in London, UK?'), ['London, UK']);
    assert.deepEqual(await places('Is it hot in Rome, Italy and in Austin, TX?'), [
      'Rome, Italy',
      'Austin, TX',
    ]);
    // An unknown name keeps its qualifier for the geocoder to check.
    assert.deepEqual(await places('weather in Kalgoorlie, Western Australia'), [
      'Kalgoorlie, Western Australia',
    ]);
  });

  it('still reads a list of cities, or of countries, as several places', async () => {
    const places = async (q: string) => of(await route(q), 'weather').map((w) => w.place);
    assert.deepEqual(await places('weather in Paris, London and Rome'), [
      'Paris',
      'London',
      'Rome',
    ]);
    assert.deepEqual(await places('weather in France, Spain and Italy'), [
      'France',
      'Spain',
      'Italy',
    ]);
    assert.deepEqual(await places('weather in Paris, or Rome'), ['Paris', 'Rome']);
    // "or" in lower case is the word, not Oregon.
    assert.deepEqual(await places('weather in Paris, or Berlin tomorrow'), ['Paris', 'Berlin']);
  });
});

describe('rule router: quotes and rates', () => {
  it('maps company names, tickers and cashtags to symbols', async () => {
    assert.deepEqual(of(await route('Apple stock'), 'quote')[0]?.symbols, ['AAPL']);
    assert.deepEqual(of(await route('compare Tesla and Ford'), 'quote')[0]?.symbols, ['TSLA', 'F']);
    assert.deepEqual(of(await route('msft aapl googl quotes'), 'quote')[0]?.symbols, [
      'MSFT',
      'AAPL',
      'GOOGL',
    ]);
    assert.deepEqual(of(await route('where is $AMZN trading'), 'quote')[0]?.symbols, ['AMZN']);
    assert.deepEqual(of(await route('Toyota share price'), 'quote')[0]?.symbols, ['7203.T']);
    assert.deepEqual(of(await route('microsfot stock price'), 'quote')[0]?.symbols, ['MSFT']);
  });

  it('needs a capital or a market word for names that are ordinary words', async () => {
    assert.deepEqual((await route('I ate an apple and it was cold')).intents, []);
    assert.deepEqual(of(await route('apple stock'), 'quote')[0]?.symbols, ['AAPL']);
    assert.deepEqual((await route('tell me about Amazon rainforest weather')).intents, []);
  });

  it('prices coins as pairs, in the currency asked', async () => {
    assert.deepEqual((await route('price of bitcoin in euros')).intents, [
      { kind: 'quote', symbols: ['BTC-EUR'] },
    ]);
    assert.deepEqual(of(await route('solana vs ethereum price'), 'quote')[0]?.symbols, [
      'SOL-USD',
      'ETH-USD',
    ]);
    assert.deepEqual(of(await route("What's EURUSD=X at right now?"), 'quote')[0]?.symbols, [
      'EURUSD=X',
    ]);
  });

  it('adds a rate for an equity priced in another currency, not its own', async () => {
    const plan = await route('Apple stock price in euros');
    assert.deepEqual(planSources(plan), ['exchangeRate', 'quote']);
    assert.deepEqual(of(plan, 'exchangeRate')[0], {
      kind: 'exchangeRate',
      base: 'USD',
      target: 'EUR',
    });
    assert.deepEqual(planSources(await route('Nestle share price in Swiss francs')), ['quote']);
  });

  it('pairs currencies: the amount marks the base', async () => {
    assert.deepEqual((await route('how much is 100 dollars in yen')).intents, [
      { kind: 'exchangeRate', base: 'USD', target: 'JPY', amount: 100 },
    ]);
    assert.deepEqual((await route('how many rupees do I get for 1 euro')).intents, [
      { kind: 'exchangeRate', base: 'EUR', target: 'INR', amount: 1 },
    ]);
    assert.deepEqual((await route("What's 1 million won in dollars?")).intents, [
      { kind: 'exchangeRate', base: 'KRW', target: 'USD', amount: 1_000_000 },
    ]);
    assert.deepEqual((await route('£50 in dollars')).intents, [
      { kind: 'exchangeRate', base: 'GBP', target: 'USD', amount: 50 },
    ]);
    // What is counted is the target, whatever leads to the other currency.
    assert.deepEqual((await route('How many euros do I get for a pound?')).intents, [
      { kind: 'exchangeRate', base: 'GBP', target: 'EUR' },
    ]);
    assert.deepEqual((await route('How many yen to the dollar?')).intents, [
      { kind: 'exchangeRate', base: 'USD', target: 'JPY' },
    ]);
    const two = await route('dollar against the euro and the pound');
    assert.deepEqual(
      of(two, 'exchangeRate').map((r) => `${r.base}->${r.target}`),
      ['USD->EUR', 'USD->GBP'],
    );
  });

  it('does not read common words as currencies', async () => {
    assert.deepEqual((await route('who won the 2018 world cup')).intents, []);
    assert.deepEqual((await route("translate 'good morning' into French")).intents, []);
  });
});

describe('rule router: news, documentation, mixes', () => {
  it('reads news topics after or before the news word', async () => {
    assert.deepEqual((await route('any news about the Fed rate decision')).intents, [
      { kind: 'news', query: 'Fed rate decision' },
    ]);
    assert.deepEqual((await route('rust programming language news')).intents, [
      { kind: 'news', query: 'rust programming language' },
    ]);
    assert.deepEqual((await route('postgres stories on hacker news')).intents, [
      { kind: 'news', query: 'postgres' },
    ]);
    // A company named as a news topic is not priced.
    assert.deepEqual(planSources(await route('news about Apple')), ['news']);
  });

  it('resolves "it" and asks news for "why"', async () => {
    const plan = await route("what's NVIDIA doing and any news on it");
    assert.deepEqual(plan.intents, [
      { kind: 'quote', symbols: ['NVDA'] },
      { kind: 'news', query: 'NVIDIA' },
    ]);
    assert.deepEqual(planSources(await route('Why is Intel stock down today?')), ['news', 'quote']);
  });

  it('routes documentation questions to search, and only those clauses', async () => {
    for (const question of [
      'what does Sluice cache in Redis',
      'NewsAPI limits',
      'what does UPSTREAM_RATE_LIMITED mean',
      'How many days ahead can the weather query forecast?',
    ]) {
      assert.deepEqual(planSources(await route(question)), ['search'], question);
    }
    const mixed = await route(
      "What's the weather in Paris, and how long does Sluice cache forecasts?",
    );
    assert.deepEqual(mixed.intents, [
      { kind: 'weather', place: 'Paris', when: 'now', days: 1 },
      { kind: 'search', query: 'how long does Sluice cache forecasts' },
    ]);
  });

  it('routes three sources from one question, in the order asked', async () => {
    const plan = await route('weather in Toronto, news about the Raptors and the CAD to USD rate');
    assert.deepEqual(
      plan.intents.map((i) => i.kind),
      ['weather', 'news', 'exchangeRate'],
    );
  });

  it('routes questions no source can answer to no source', async () => {
    for (const question of ['tell me a joke', '', '???', 'Who founded Tesla?']) {
      assert.deepEqual((await route(question)).intents, [], question);
    }
  });
});

describe('describePlan', () => {
  it('describes each intent briefly', () => {
    const plan: RoutePlan = {
      intents: [
        { kind: 'weather', place: 'Paris', when: 'tomorrow', days: 2 },
        { kind: 'quote', symbols: ['AAPL', 'MSFT'] },
        { kind: 'exchangeRate', base: 'USD', target: 'JPY', amount: 100 },
        { kind: 'news', query: 'NVIDIA' },
        { kind: 'search', query: 'x'.repeat(80) },
      ],
    };
    const text = describePlan(plan);
    assert.match(text, /^weather\(Paris, tomorrow, 2d\) \+ quote\(AAPL, MSFT\) \+ /);
    assert.match(text, /exchangeRate\(100 USD->JPY\) \+ news\("NVIDIA"\) \+ search\("x{47}…"\)$/);
    assert.equal(describePlan({ intents: [] }), 'no source');
  });
});

describe('routing accuracy on the committed labelled sets', () => {
  for (const file of ['routing.jsonl', 'routing-fresh.jsonl']) {
    it(`${file}: full accuracy >= 0.95, several-source questions included`, async () => {
      const cases = readCases(new URL(`../eval/data/${file}`, import.meta.url));
      const results = await Promise.all(cases.map((item, i) => scoreCase(router, item, i)));
      const several = results.filter((r) => new Set(r.item.sources).size >= 2);
      assert.ok(several.length >= 15);
      assert.ok(rate(results.map((r) => r.fullyRight)).share >= 0.95);
      assert.ok(rate(several.map((r) => r.fullyRight)).share >= 0.95);
    });
  }
});
