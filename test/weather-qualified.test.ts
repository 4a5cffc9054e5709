import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { createMemoryCache } from '../src/cache/memory.js';
import {
  EMULATED_PLACES,
  openMeteoGeocodingProvider,
} from '../src/emulator/providers/open-meteo.js';
import { startEmulator, type ProviderEmulator } from '../src/emulator/server.js';
import { ErrorCode, isGatewayError } from '../src/errors.js';
import { createSilentLogger } from '../src/logger.js';
import type { GeocodeResult, Place } from '../src/sources/model.js';
import { createOpenMeteoGeocodingSource } from '../src/sources/open-meteo-geocoding.js';
import {
  geocodeKey,
  matchesQualifier,
  pickQualified,
  splitQualifier,
} from '../src/sources/place-qualifier.js';
import { AnswerDocument, WeatherDocument } from '../src/client/index.js';
import { useGateways } from './support/gateway.js';

const place = (admin1: string | null, country: string | null, countryCode: string | null) =>
  ({
    name: 'X',
    admin1,
    country,
    countryCode,
    latitude: 0,
    longitude: 0,
    timezone: 'GMT',
    population: null,
  }) satisfies Place;

describe('place qualifiers', () => {
  it('splits a location at its first comma', () => {
    assert.deepEqual(splitQualifier(' Paris ,  Texas '), { name: 'Paris', qualifiers: ['Texas'] });
    assert.deepEqual(splitQualifier('Springfield, IL, USA'), {
      name: 'Springfield',
      qualifiers: ['IL', 'USA'],
    });
    assert.deepEqual(splitQualifier('New   York'), { name: 'New York', qualifiers: [] });
  });

  it('keys a qualified location apart from the bare name, spacing and case aside', () => {
    assert.equal(geocodeKey('Paris'), 'paris');
    assert.equal(geocodeKey('Paris, Texas'), 'paris|texas');
    assert.equal(geocodeKey('paris,TEXAS'), 'paris|texas');
    assert.notEqual(geocodeKey('Paris, TX'), geocodeKey('Paris'));
  });

  it('matches admin1 by name or code, and the country by name, alias or ISO code', () => {
    const texas = place('Texas', 'United States', 'US');
    for (const q of ['Texas', 'texas', 'TX', 'United States', 'USA', 'US', 'America'])
      assert.ok(matchesQualifier(texas, q), q);
    for (const q of ['Maine', 'ME', 'France', 'FR']) assert.ok(!matchesQualifier(texas, q), q);
    assert.ok(matchesQualifier(place('Québec', 'Canada', 'CA'), 'QC'));
    assert.ok(matchesQualifier(place('Western Australia', 'Australia', 'AU'), 'WA'));
    assert.ok(matchesQualifier(place('England', 'United Kingdom', 'GB'), 'UK'));
    assert.ok(!matchesQualifier(place(null, null, null), 'Texas'));
  });

  it('picks the first candidate matching every qualifier', () => {
    const france = place('Île-de-France', 'France', 'FR');
    const texas = place('Texas', 'United States', 'US');
    assert.equal(pickQualified([france, texas], ['TX']), texas);
    assert.equal(pickQualified([france, texas], ['Texas', 'US']), texas);
    assert.equal(pickQualified([france, texas], ['Ontario']), undefined);
  });

  it('the emulator knows Paris (Texas) and Portland (Maine, Oregon)', () => {
    const named = (name: string) =>
      EMULATED_PLACES.filter((p) => p.name === name).map((p) => `${p.admin1}, ${p.countryCode}`);
    assert.ok(named('Paris').includes('Texas, US'));
    assert.deepEqual(named('Portland').sort(), ['Maine, US', 'Oregon, US']);
  });
});

describe('open-meteo-geocoding source with a qualifier', () => {
  let emulator: ProviderEmulator;
  before(async () => {
    emulator = await startEmulator({ providers: [openMeteoGeocodingProvider()] });
  });
  after(() => emulator.close());
  beforeEach(() => emulator.resetCalls());
  const source = () =>
    createOpenMeteoGeocodingSource({
      fetch: globalThis.fetch,
      cache: createMemoryCache({ maxEntries: 100 }),
      logger: createSilentLogger(),
      baseUrl: emulator.baseUrl('open-meteo-geocoding'),
      timeoutMs: 2000,
    });

  it('asks for several candidates of the name and keeps the one in the region', async () => {
    const results = await source().loadMany([
      'Paris, Texas',
      'Paris, TX',
      'Portland, Maine',
      'Portland, OR',
      'Paris',
    ]);
    const [texas, tx, maine, oregon, bare] = results.map((r) => {
      assert.ok(!(r instanceof Error), String(r));
      return r;
    }) as GeocodeResult[] as [
      GeocodeResult,
      GeocodeResult,
      GeocodeResult,
      GeocodeResult,
      GeocodeResult,
    ];
    assert.equal(texas.place.admin1, 'Texas');
    assert.equal(texas.place.timezone, 'America/Chicago');
    assert.equal(tx.place.latitude, texas.place.latitude);
    assert.equal(maine.place.admin1, 'Maine');
    assert.equal(oregon.place.admin1, 'Oregon');
    assert.equal(bare.place.country, 'France');
    const requests = emulator.requests('open-meteo-geocoding');
    const paris = requests.find(
      (u) => u.searchParams.get('name') === 'Paris' && u.searchParams.get('count') !== '1',
    );
    assert.equal(paris?.searchParams.get('count'), '20');
    assert.equal(requests.filter((u) => u.searchParams.get('count') === '1').length, 1);
  });

  it('answers NOT_FOUND naming the place and the qualifier when no candidate matches', async () => {
    const [value] = await source().loadMany(['Paris, Ontario']);
    assert.ok(isGatewayError(value));
    assert.equal(value.code, ErrorCode.NOT_FOUND);
    assert.match(value.message, /^No place named Paris in Ontario \(the geocoder knows Paris \(/);
  });
});

describe('weather(location) with a qualifier, through the gateway', () => {
  // No OpenAI-compatible server: answers are extractive.
  const fixture = useGateways({ env: { OPENAI_BASE_URL: undefined } });

  it('"Paris, Texas" answers for Paris in Texas, United States', async () => {
    const { data, errors } = await fixture.gateway.execute(WeatherDocument, {
      location: 'Paris, Texas',
      days: 1,
    });
    assert.equal(errors, undefined);
    assert.equal(data?.weather?.location.name, 'Paris');
    assert.equal(data?.weather?.location.region, 'Texas');
    assert.equal(data?.weather?.location.country, 'United States');
    assert.equal(data?.weather?.location.timezone, 'America/Chicago');
  });

  it('"Paris" alone is still Paris, France, and has a region too', async () => {
    const { data } = await fixture.gateway.execute(WeatherDocument, { location: 'Paris', days: 1 });
    assert.equal(data?.weather?.location.country, 'France');
    assert.equal(data?.weather?.location.region, 'Île-de-France');
  });

  it('"Paris, TX" is found; "Portland, Narnia" is NOT_FOUND', async () => {
    const tx = await fixture.gateway.execute(WeatherDocument, { location: 'Paris, TX', days: 1 });
    assert.equal(tx.data?.weather?.location.region, 'Texas');
    const none = await fixture.gateway.execute(WeatherDocument, {
      location: 'Portland, Narnia',
      days: 1,
    });
    assert.equal(none.errors?.[0]?.extensions?.code, 'NOT_FOUND');
    assert.match(none.errors?.[0]?.message ?? '', /Portland in Narnia/);
  });

  it('answer("What\'s the weather in Paris, Texas?") uses one weather source, in Texas', async () => {
    const { data, errors } = await fixture.gateway.execute(AnswerDocument, {
      question: "What's the weather in Paris, Texas?",
    });
    assert.equal(errors, undefined, JSON.stringify(errors));
    const answer = data?.answer;
    assert.equal(answer?.status, 'ANSWERED', answer?.text);
    assert.deepEqual(
      answer?.sources.map((s) => s.name),
      ['weather:Paris, Texas'],
    );
    // The citation names the place the geocoder picked.
    assert.match(answer?.citations[0]?.snippet ?? '', /Paris, Texas, United States/);
  });
});
