/*
 * Closed word classes the question matcher reads: function words, negation cues, time
 * expressions, degree words, question words, written numbers and currencies. Stated as linguistic
 * classes of English, not as strings seen in any evaluation set.
 */

const words = (list: string): Set<string> => new Set(list.split(/\s+/).filter(Boolean));

/** Words that carry grammar rather than topic (pronouns, auxiliaries, determiners, prepositions). */
export const FUNCTION_WORDS = words(`
a an the and or but nor of to in on at by for from with about into onto over under between through
during before after above below up down out off than then so as if because while though although
is are was were be been being am do does did doing done have has had having will would shall should
can could may might must need ought get got getting go going
i me my mine myself you your yours yourself yourselves we us our ours ourselves he him his himself
she her hers herself it its itself they them their theirs themselves one ones someone somebody
something anyone anybody anything everyone everybody everything
this that these those there here what which who whom whose when where why how whether
some any all each every both either other another such same own very really just also too only
even still yet ever already again much many more most lot lots few little less least
way ways thing things kind sort type like please tell know want`);

/**
 * Function words whose change never changes the question asked: articles, the auxiliaries of
 * question syntax ("how do I" / "how can I"), generic pronouns and fillers. They weigh least.
 */
export const LIGHT_WORDS = words(`
a an the do does did can could should would shall may might must is are was were be been being am
i you we me us one ones some any all way ways thing things kind sort type please really just very
also there here what which how of to in on at for from with about into during inside within by`);

/** Possessives that make a question personal ("your happiness" is not "happiness"). */
export const POSSESSIVES = words('my your our his her their');

/** Words and contracted forms that negate what they attach to. */
export const NEGATION_CUES = words(
  'not no never none nobody nothing nowhere neither nor without cannot unable lacks lacking',
);

/** Words for the present moment: a question with no time words is asked about now. */
export const NOW_WORDS = words('now currently current presently nowadays');
/** Times that name themselves (a weekday, a month, a season, a relative day). */
export const TIME_WORDS = words(`
tomorrow yesterday tonight today morning afternoon evening night noon midnight weekend weekday
monday tuesday wednesday thursday friday saturday sunday
january february april june july august september october november december
spring summer autumn winter christmas easter`);
/** Months that are also common words: a time only when capitalised mid-sentence. */
export const CAPITALISED_MONTHS = words('march may');
/** Units that `this`, `next`, `last`, `past` and `coming` turn into a time expression. */
export const TIME_UNITS = words(`
week weekend month year quarter season decade century day morning afternoon evening night
monday tuesday wednesday thursday friday saturday sunday spring summer autumn winter fall`);
/** Relative markers before a time unit ("next week", "last year"). */
export const TIME_MODIFIERS = words('this next last past coming previous upcoming following');
/** Multi-word phrases for the present moment, matched before single words. */
export const NOW_PHRASES: readonly string[] = [
  'right now',
  'at the moment',
  'at present',
  'as of now',
  'these days',
  'this moment',
];

/** Question words, as classes of the thing asked for. */
export type WhClass =
  'person' | 'time' | 'place' | 'reason' | 'quantity' | 'duration' | 'manner' | 'degree' | 'open';
export const WH_WORDS: Record<string, WhClass> = {
  who: 'person',
  whom: 'person',
  whose: 'person',
  when: 'time',
  where: 'place',
  why: 'reason',
  how: 'manner',
  what: 'open',
  which: 'open',
};
/** Two-word question openers that ask for something more specific than their first word. */
export const WH_PHRASES: Record<string, WhClass> = {
  'how many': 'quantity',
  'how much': 'quantity',
  'how long': 'duration',
  'how old': 'quantity',
  'how far': 'quantity',
  'what time': 'time',
  'what year': 'time',
  'what date': 'time',
  'which year': 'time',
  'what day': 'time',
  'which country': 'place',
  'which city': 'place',
  'what country': 'place',
  'what city': 'place',
  'what place': 'place',
  'which place': 'place',
};
/** Auxiliaries that open a yes/no question ("Is it…", "Can I…"). */
export const AUXILIARIES = words(
  'is are was were am do does did have has had will would shall should can could may might must',
);
export const FUTURE_AUXILIARIES = words('will shall');
export const PAST_AUXILIARIES = words('was were did had');

/** Written numbers; `one` is left out on purpose (mostly a pronoun: "no one", "the one thing"). */
export const NUMBER_WORDS: Record<string, number> = Object.fromEntries([
  ...'zero _ two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen'
    .split(' ')
    .map((word, value) => [word, value]),
  ...'twenty thirty forty fifty sixty seventy eighty ninety'
    .split(' ')
    .map((word, i) => [word, (i + 2) * 10]),
  ['dozen', 12],
  ['hundred', 100],
  ['thousand', 1e3],
  ['million', 1e6],
  ['billion', 1e9],
  ['trillion', 1e12],
]);
/** Ordinal words, as the number they rank. */
export const ORDINAL_WORDS: Record<string, number> = Object.fromEntries(
  'first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth'
    .split(' ')
    .map((word, i) => [word, i + 1]),
);

/**
 * Degree words as scale and direction: "best" and "worst" are opposite ends of one scale. A word
 * may sit on several scales ("shortest" is length and height).
 */
const degrees: Record<string, Array<readonly [string, 1 | -1]>> = {};
export const DEGREE_WORDS: Readonly<Record<string, ReadonlyArray<readonly [string, 1 | -1]>>> =
  degrees;
const scale = (name: string, up: string, down: string) => {
  for (const [list, sign] of [
    [up, 1],
    [down, -1],
  ] as const)
    for (const word of list.split(' ')) (degrees[word] ??= []).push([name, sign]);
};
scale('good', 'best better greatest finest top', 'worst worse');
scale('amount', 'most more maximum max', 'least less fewer fewest minimum min');
scale('size', 'biggest bigger largest larger', 'smallest smaller tiniest');
scale('height', 'highest higher tallest taller', 'lowest lower shortest shorter');
scale('length', 'longest longer', 'shortest shorter');
scale('price', 'costliest priciest', 'cheapest cheaper');
scale('speed', 'fastest faster quickest quicker', 'slowest slower');
scale('age', 'oldest older eldest elder', 'youngest younger newest newer latest');
scale('difficulty', 'hardest harder toughest tougher', 'easiest easier simplest simpler');
scale('strength', 'strongest stronger', 'weakest weaker');
scale('wealth', 'richest richer', 'poorest poorer');
scale('temperature', 'hottest hotter warmest warmer', 'coldest colder coolest cooler');
scale('time', 'latest later after', 'earliest earlier before');
scale('bound', 'above over beyond exceeding', 'below under beneath');
scale(
  'movement',
  'rise rises rose risen rising increase increases increased gain gains gained up',
  'fall falls fell fallen falling decrease decreases decreased drop drops dropped decline declined lose loses lost down',
);

/** Currency words and signs, as ISO 4217 (or common crypto) codes. */
export const CURRENCY_WORDS: Record<string, string> = {
  $: 'USD',
  dollar: 'USD',
  dollars: 'USD',
  usd: 'USD',
  '€': 'EUR',
  euro: 'EUR',
  euros: 'EUR',
  '£': 'GBP',
  sterling: 'GBP',
  '¥': 'JPY',
  yen: 'JPY',
  yuan: 'CNY',
  renminbi: 'CNY',
  rmb: 'CNY',
  '₹': 'INR',
  rupee: 'INR',
  rupees: 'INR',
  rs: 'INR',
  ruble: 'RUB',
  rubles: 'RUB',
  rouble: 'RUB',
  peso: 'MXN',
  pesos: 'MXN',
  franc: 'CHF',
  francs: 'CHF',
  '₿': 'BTC',
  bitcoin: 'BTC',
  bitcoins: 'BTC',
  ethereum: 'ETH',
  ether: 'ETH',
  dogecoin: 'DOGE',
  litecoin: 'LTC',
};
/** Currency codes written in capitals ("EUR", "BTC"). */
export const CURRENCY_CODES = words(`
USD EUR GBP JPY CNY INR AUD CAD CHF HKD SGD NZD KRW SEK NOK DKK PLN CZK HUF RUB BRL MXN ARS ZAR TRY
AED SAR ILS THB IDR MYR VND PKR BDT NGN EGP KES BTC ETH XRP LTC DOGE USDT USDC BNB`);

/**
 * The part of the weather a question asks about, by the words that name it ("umbrella" asks
 * about rain, "sunscreen" about the sun). A forecast answers all of them, but an answer written
 * for one ("yes, take an umbrella") does not answer another ("do I need sunscreen?").
 */
export const WEATHER_ASPECTS: Readonly<Record<string, string>> = Object.fromEntries(
  (
    [
      [
        'rain',
        'rain raining rainy rains rainfall showers shower drizzle umbrella raincoat wet precipitation',
      ],
      ['snow', 'snow snowing snowy snowfall sleet blizzard'],
      [
        'temperature',
        'temperature temperatures temp hot hotter hottest cold colder coldest warm warmer warmest chilly freezing frost frosty heat heatwave degrees celsius fahrenheit jacket coat gloves scarf high low highs lows',
      ],
      ['wind', 'wind windy winds gusts gusty breeze breezy gale'],
      ['sun', 'sun sunny sunshine sunscreen uv sunburn'],
      ['cloud', 'cloud cloudy clouds overcast'],
      ['humidity', 'humid humidity muggy'],
      ['storm', 'storm storms stormy thunderstorm thunderstorms thunder lightning hail'],
      ['fog', 'fog foggy mist misty'],
    ] as const
  ).flatMap(([aspect, list]) => [...words(list)].map((word) => [word, aspect])),
);
