/*
 * The router's vocabulary: words that signal an intent, stated as general English, never copied
 * from the labelled questions, plus the same kinds of words in the languages of languages.ts
 * (Spanish, French, German, Portuguese, Italian), merged in below. Every entry is a normalised
 * token (lower case, no accents, no apostrophes: "what's" is `what`).
 */
import { LANGUAGES, phrasesOf, wordsOf, type Language, type LanguageTimes } from './languages.js';

const words = (list: string): ReadonlySet<string> => new Set(list.trim().split(/\s+/));
/** An English set plus one field of every other language. */
const withLanguages = (english: ReadonlySet<string>, field: (l: Language) => string) =>
  new Set([...english, ...LANGUAGES.flatMap((l) => wordsOf(field(l)))]);

/** Weather conditions and things people check the weather for, in every language. */
export const WEATHER_WORDS = withLanguages(
  words(`
weather wetter meteo forecast forecasts forecasted rain raining rainy rains rainfall showers
snow snowing snowy snowfall sunny sunshine cloudy clouds overcast temperature temperatures temp
hot hotter hottest cold colder coldest warm warmer warmest chilly freezing frost frosty humid
humidity muggy wind windy winds gusts gusty storm storms stormy thunderstorm thunderstorms thunder
lightning hail fog foggy drizzle precipitation umbrella sunscreen uv degrees celsius fahrenheit
heatwave outside conditions jacket coat raincoat gloves scarf high low highs lows`),
  (l) => l.weather,
);

/** Words about prices and market moves: a company or coin near one of them is being priced. */
export const MARKET_WORDS = withLanguages(
  words(`
stock stocks share shares price prices priced quote quotes ticker trading trade trades traded
market cap capitalization valuation worth value doing performing performance up down rally
rallying crash crashed close closed closing opened gain gained gains fell falling drop dropped
rise rising rose compare comparison vs versus against earnings dividend chart investors`),
  (l) => l.prices,
);

/** Market words that ask for a price by themselves ("stock price", "shares"): they claim entities. */
export const PRICE_WORDS = withLanguages(
  words(`
stock stocks share shares price prices quote quotes ticker trading traded worth valuation cap`),
  (l) => l.prices,
);

/** Nouns that ask for news. */
export const NEWS_NOUNS = words(`
news headline headlines stories story articles article coverage updates update announcements`);

/** Phrases that open a news topic ("the latest on X", "what's happening with X"). */
export const NEWS_OPENERS: readonly (readonly string[])[] = [
  'latest on',
  'latest in',
  'latest about',
  'latest with',
  'latest from',
  'happening with',
  'happening in',
  'happening at',
  'happening to',
  'happened to',
  'happened with',
  'going on with',
  'going on in',
  'going on at',
  'saying about',
  'say about',
  'new in',
  'new with',
  'new at',
].map((phrase) => phrase.split(' '));

/** Prepositions that join a news noun to its topic ("news about X", "headlines on X"). */
export const TOPIC_PREPOSITIONS = words(
  'about on regarding concerning from for of around re with in',
);

/** Words that ask why something moved: a reason is news. */
export const WHY_WORDS = words('why');

/** Words that ask to convert or compare currencies. */
export const RATE_WORDS = withLanguages(
  words(`
rate rates exchange convert conversion converted fx forex worth strong stronger weak weaker
falling rising against vs versus per`),
  (l) => l.rates,
);

/** Prepositions that put a price or an amount in a currency ("in euros", "to USD"). */
export const INTO_WORDS = withLanguages(
  words('in into to per vs versus against than'),
  (l) => l.into,
);

/** Prepositions before a place name ("in X", "en X", "à X"): a name after one may be a place. */
export const PLACE_PREPOSITIONS = withLanguages(
  words('in at for to near around'),
  (l) => l.placePrepositions,
);

/** Words that name a time in a weather question; see `readWhen`. */
export const TIME_WORDS = new Set([
  ...words(`
now currently presently rn today tonight tomorrow tmrw tmr weekend week weekly morning afternoon
evening night days day monday tuesday wednesday thursday friday saturday sunday moment later`),
  ...LANGUAGES.flatMap(({ times }) =>
    (['now', 'today', 'tomorrow', 'weekend', 'week', 'days'] as const).flatMap((k) =>
      wordsOf(times[k]),
    ),
  ),
  ...LANGUAGES.flatMap(({ times }) => times.weekdays.split(/[\s/]+/)),
]);

/** What a time word of another language asks about (English ones are read in places.ts). */
export type TimeKind = 'now' | 'today' | 'tomorrow' | 'weekend' | 'week';
const TIME_KINDS_LIST: readonly TimeKind[] = ['now', 'today', 'tomorrow', 'weekend', 'week'];
const timesOfAll = <T>(read: (times: LanguageTimes) => T[]): T[] =>
  LANGUAGES.flatMap((l) => read(l.times));

/** Single time words of other languages -> what they ask about (`manana` -> tomorrow). */
export const FOREIGN_TIME_WORDS: ReadonlyMap<string, TimeKind> = new Map(
  timesOfAll((t) =>
    TIME_KINDS_LIST.flatMap((kind) => wordsOf(t[kind]).map((w): [string, TimeKind] => [w, kind])),
  ),
);

/** Time phrases of other languages, longest first (`fin de semana` -> weekend). */
export const FOREIGN_TIME_PHRASES: ReadonlyArray<readonly [readonly string[], TimeKind]> =
  timesOfAll((t) =>
    TIME_KINDS_LIST.flatMap((kind) =>
      phrasesOf(t[kind]).map((p): [string[], TimeKind] => [p, kind]),
    ),
  ).sort((a, b) => b[0].length - a[0].length);

/** English weekday names, Monday first (the order of every language's weekday list). */
export const ENGLISH_WEEKDAYS: readonly string[] = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
];
/** Weekday names of other languages -> the English name (`sabado` -> saturday). */
export const FOREIGN_WEEKDAYS: ReadonlyMap<string, string> = new Map(
  timesOfAll((t) =>
    t.weekdays
      .split(/\s+/)
      .flatMap((slot, i) =>
        slot.split('/').map((w): [string, string] => [w, ENGLISH_WEEKDAYS[i] as string]),
      ),
  ),
);

/** Nouns for "day(s)" after a count, in every language. */
export const DAY_NOUNS = withLanguages(words('day days'), (l) => l.times.days);

/** Number words of other languages (`tres` -> 3), for "los próximos tres días". */
export const FOREIGN_COUNTS: ReadonlyMap<string, number> = new Map(
  timesOfAll((t) =>
    wordsOf(t.counts).map((pair): [string, number] => {
      const [word = '', n = ''] = pair.split('=');
      return [word, Number(n)];
    }),
  ),
);

/** Determiners, pronouns and other words that never start or end a topic or a place name. */
export const FUNCTION_WORDS = words(`
a an the any some this that these those my your our their its it them they there here me i you
we us he she is are was were be been being am do does did have has had will would can could
should may might must shall to of in on at for from with about by as and or but if then than so
not no what which who whom whose when where why how whats hows whos please tell show give get
find let lets know any anything something everything latest recent recently new breaking top
today todays now currently right just also more most much many very really like going gonna
want need see look`);

/** FUNCTION_WORDS plus those of other languages: words that never start or end a place name. */
export const PLACE_STOP_WORDS = withLanguages(FUNCTION_WORDS, (l) => l.functionWords);

/** Every word of the other languages' vocabulary: known words, never corrected as English typos. */
export const FOREIGN_WORDS: ReadonlySet<string> = new Set(
  LANGUAGES.flatMap((l) => [
    ...[l.weather, l.placePrepositions, l.prices, l.rates, l.into, l.functionWords].flatMap(
      wordsOf,
    ),
    ...Object.values(l.times).flatMap((field) => [
      ...wordsOf(field).map((w) => w.split('=')[0] as string),
      ...phrasesOf(field).flat(),
    ]),
    ...l.times.weekdays.split(/[\s/]+/),
  ]),
);

/** Questions about a company that no market source answers ("who is the CEO of ..."). */
export const KNOWLEDGE_WORDS = words(`
ceo founder founders founded headquarters headquartered employees history invented owns owner
who`);

/** The gateway's own vocabulary: a clause that uses it is a documentation question. */
export const DOC_WORDS = words(`
sluice gateway graphql redis ttl ttls cache cached caches caching stale fallback fallbacks provider
providers emulator ingest ingested ingesting embedding embeddings embedder embedders chunk chunks
chunked chunking hnsw readyz healthz endpoint endpoints env config configuration configure
configured licence license licensing attribution quota quotas resolver resolvers schema mutation
dataloader batching newsapi openweathermap finnhub coingecko frankfurter stooq
algolia selfhost`);

/** Multi-word documentation phrases. */
export const DOC_PHRASES: readonly (readonly string[])[] = [
  'rate limit',
  'rate limits',
  'rate limited',
  'rate limiting',
  'api key',
  'api keys',
  'fall back',
  'falls back',
  'search index',
  'vector index',
  'vector search',
  'grace period',
  'env var',
  'env vars',
  'environment variable',
  'environment variables',
  'error code',
  'error codes',
  'free tier',
  'free plan',
  'offline demo',
  'terms of use',
  'terms of service',
  'open meteo',
  'yahoo finance',
  'news api',
  'self host',
].map((phrase) => phrase.split(' '));

/** GraphQL fields of the gateway: "the weather query" is about the API, not the weather. */
export const API_FIELDS = words('weather news quote quotes exchangerate search answer');
/** Nouns that, after an API field, make it a documentation question. */
export const API_NOUNS = words('query queries field fields resolver argument arguments mutation');
