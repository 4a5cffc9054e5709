import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { askedDays, weatherEvidence, weekdayOf } from '../src/answer/evidence.js';
import type { WeatherModel } from '../src/sources/model.js';
import { splitChunk } from '../src/vector/chunker.js';
import {
  AnswerDocument,
  IngestDocument,
  SearchDocument,
  WeatherDocument,
} from '../src/client/index.js';
import { useGateways, type TestGateway } from './support/gateway.js';

/**
 * The document and forecast paths of `answer` (issue 7): answers written from a passage's
 * sentences (the title only in the citation) and from the forecast day asked about, on the bundled
 * corpus and on ingested documents, with the extractive synthesiser and with a model.
 */
const MODES = [
  {
    name: 'extractive (no key)',
    env: { OPENAI_BASE_URL: undefined },
    model: /^extractive$/,
  },
  {
    // The emulator's embeddings are hashing vectors, not OpenAI's: the local embedder keeps the
    // retrieval (and its relevance threshold) the same as the keyless run, so only synthesis differs.
    name: 'with a model (OpenAI-compatible emulator)',
    env: { OPENAI_API_KEY: 'sk-test-docs', EMBEDDER: 'local' },
    model: /^gpt-/,
  },
];

const FAQ = {
  id: 'office-faq',
  title: 'Office FAQ',
  text: '# Office FAQ\n\nThe Zurich office coffee machine is descaled by Maria every Friday morning.\n\nVisitors sign in at the front desk on the ground floor.',
};

for (const mode of MODES) {
  describe(`answer over documents and forecasts, ${mode.name}`, () => {
    const fixture = useGateways({ env: mode.env });
    const ask = async (question: string) => {
      const { data, errors } = await fixture.gateway.execute(AnswerDocument, { question });
      assert.equal(errors, undefined, JSON.stringify(errors));
      assert.ok(data?.answer);
      assert.match(data.answer.model, mode.model);
      return data.answer;
    };
    const forecast = async (gateway: TestGateway, location: string, days: number) => {
      const { data } = await gateway.execute(WeatherDocument, { location, days });
      assert.ok(data?.weather);
      return data.weather.daily;
    };

    /** No retrieved passage's heading is glued onto the sentence after it ("FAQ The office…"). */
    const assertNoHeadings = async (gateway: TestGateway, question: string, text: string) => {
      const { data } = await gateway.execute(SearchDocument, { query: question, k: 4 });
      for (const passage of data?.search ?? []) {
        const { heading } = splitChunk(passage.text);
        if (heading) assert.ok(!text.includes(`${heading} `), `"${heading}" glued in: ${text}`);
      }
    };

    it('answers from the bundled documentation', async () => {
      const limit = await ask('What is the NewsAPI rate limit?');
      assert.equal(limit.status, 'ANSWERED', limit.text);
      assert.match(limit.text, /100 requests per 24 hours/);
      assert.ok(
        limit.citations.some((c) => /news/i.test(c.title ?? '')),
        JSON.stringify(limit.citations),
      );
      await assertNoHeadings(fixture.gateway, 'What is the NewsAPI rate limit?', limit.text);

      const about = await ask('What does Sluice do?');
      assert.equal(about.status, 'ANSWERED', about.text);
      // One content word ("Sluice") is all the question has: any passage about Sluice answers it.
      assert.match(about.text, /Sluice/);
      await assertNoHeadings(fixture.gateway, 'What does Sluice do?', about.text);
    });

    it('answers an ingested FAQ from its sentence, the title only in the citation', async () => {
      const ingested = await fixture.gateway.execute(IngestDocument, { documents: [FAQ] });
      assert.equal(ingested.errors, undefined, JSON.stringify(ingested.errors));
      const answer = await ask('Who descales the coffee machine?');
      assert.equal(answer.status, 'ANSWERED', answer.text);
      assert.match(answer.text, /The Zurich office coffee machine is descaled by Maria/);
      assert.doesNotMatch(answer.text, /Office FAQ/);
      assert.ok(answer.citations.some((c) => c.title === 'Office FAQ'));
    });

    it('answers "tomorrow" from tomorrow\'s forecast, not current conditions', async () => {
      const answer = await ask('Will it rain in London tomorrow?');
      assert.equal(answer.status, 'ANSWERED', answer.text);
      const tomorrow = (await forecast(fixture.gateway, 'London', 3))[1];
      assert.ok(tomorrow);
      assert.match(answer.text, new RegExp(`London on \\w+ ${tomorrow.date} \\(tomorrow[,)]`));
      assert.doesNotMatch(answer.text, /London now/);
    });

    it('answers "this weekend" from the Saturday and Sunday of the forecast', async () => {
      const answer = await ask('Will it rain in Tokyo this weekend?');
      assert.equal(answer.status, 'ANSWERED', answer.text);
      const weekend = (await forecast(fixture.gateway, 'Tokyo', 7)).filter((d) =>
        /^S/.test(weekdayOf(d.date)),
      );
      const first = weekend[0];
      assert.ok(first);
      assert.match(answer.text, new RegExp(`${weekdayOf(first.date)} ${first.date}`));
      const dates = answer.text.match(/\d{4}-\d{2}-\d{2}/g) ?? [];
      assert.ok(dates.length > 0);
      for (const date of dates) assert.match(weekdayOf(date), /^S/, `${date} is not a weekend day`);
      assert.doesNotMatch(answer.text, /Tokyo now/);
    });
  });
}

describe('the forecast day a question names', () => {
  const fixture = useGateways({ env: { OPENAI_BASE_URL: undefined } });

  it('answers a weekday from that day of the forecast', async () => {
    const { data: week } = await fixture.gateway.execute(WeatherDocument, {
      location: 'Paris',
      days: 7,
    });
    const day = week?.weather?.daily[3];
    assert.ok(day);
    const weekday = weekdayOf(day.date);
    const { data } = await fixture.gateway.execute(AnswerDocument, {
      question: `What's the weather in Paris on ${weekday}?`,
    });
    assert.equal(data?.answer?.status, 'ANSWERED', data?.answer?.text);
    assert.deepEqual(data.answer.text.match(/\d{4}-\d{2}-\d{2}/g), [day.date]);
  });
});

describe('weather evidence', () => {
  const day = (date: string) => ({
    date,
    minC: 8,
    maxC: 14,
    precipitationMm: 0.4,
    weatherCode: 61,
  });
  // Thursday 2026-12-03 to Wednesday 2026-12-09.
  const daily = [3, 4, 5, 6, 7, 8, 9].map((d) => day(`2026-12-0${d}`));
  const osaka: WeatherModel = {
    place: {
      name: 'Osaka',
      admin1: 'Osaka',
      country: 'Japan',
      countryCode: 'JP',
      latitude: 34.69,
      longitude: 135.5,
      timezone: 'Asia/Tokyo',
      population: 2_592_413,
    },
    forecast: {
      current: null,
      daily,
      provider: 'open-meteo',
      attribution: 'Weather data by Open-Meteo.com (CC BY 4.0)',
      fetchedAt: '2026-12-03T00:00:00.000Z',
      ttlSeconds: 600,
      stale: false,
    } as WeatherModel['forecast'],
  };

  it('names the place once, its source, and each day by weekday and relative day', () => {
    const { text } = weatherEvidence(osaka, { when: 'days' });
    assert.match(text, /^Weather in Osaka, Japan \(source: open-meteo\)\. /);
    assert.match(text, /Osaka on Thursday 2026-12-03 \(today\): min 8\.0 °C/);
    assert.match(text, /Osaka on Friday 2026-12-04 \(tomorrow\)/);
    assert.match(
      text,
      /Osaka on Saturday 2026-12-05 \(this weekend\).*Osaka on Sunday 2026-12-06 \(this weekend\)/,
    );
    assert.match(text, /Osaka on Monday 2026-12-07: /);
  });

  it('names a day both tomorrow and this weekend when it is both', () => {
    // From Friday: Saturday is tomorrow and the weekend (a weekend question must find it).
    const { text } = weatherEvidence(
      { ...osaka, forecast: { ...osaka.forecast, daily: daily.slice(1) } },
      { when: 'weekend' },
    );
    assert.match(text, /Osaka on Saturday 2026-12-05 \(tomorrow, this weekend\)/);
    assert.match(text, /Osaka on Sunday 2026-12-06 \(this weekend\)/);
  });

  it('picks the days a question asks about', () => {
    assert.deepEqual(askedDays(daily, { when: 'now' }), []);
    assert.deepEqual(askedDays(daily, { when: 'today' }), [0]);
    assert.deepEqual(askedDays(daily, { when: 'tomorrow' }), [1]);
    assert.deepEqual(askedDays(daily, { when: 'weekend' }), [2, 3]);
    assert.deepEqual(askedDays(daily, { when: 'weekday', weekday: 'tuesday' }), [5]);
    assert.deepEqual(askedDays(daily, { when: 'week' }), [0, 1, 2, 3, 4, 5, 6]);
    // On a Sunday "this weekend" is today; a day beyond the forecast is none of its days.
    assert.deepEqual(askedDays(daily.slice(3), { when: 'weekend' }), [0]);
    assert.deepEqual(askedDays(daily.slice(0, 2), { when: 'weekday', weekday: 'monday' }), []);
  });

  it('reads the weekday of a calendar date', () => {
    assert.equal(weekdayOf('2026-12-05'), 'Saturday');
    assert.equal(weekdayOf('2026-12-07'), 'Monday');
  });
});
