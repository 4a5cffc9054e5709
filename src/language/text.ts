/**
 * Shared text utilities for the output gates: normalisation, sentences, tokens, stems, content
 * words, capitalised names, and numbers with their units and formats normalised. The single place
 * for these, so every gate reads text the same way.
 */

/** The form text is matched in: diacritics stripped; quotes, dashes and minus signs unified. */
export function normalise(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\u2018\u2019\u02bc´]/g, "'")
    .replace(/[\u201c\u201d\u00ab\u00bb]/g, '"')
    .replace(/[\u2010\u2011\u2012\u2013\u2014\u2212]/g, '-')
    .replace(/\u00a0|\u202f/g, ' ');
}

const ABBREVIATIONS = new Set(
  'mr mrs ms dr prof st jr sr vs etc inc ltd co corp mt gen col lt sgt capt rev no fig approx est dept univ jan feb mar apr jun jul aug sep sept oct nov dec e.g i.e u.s u.k a.m p.m'.split(
    ' ',
  ),
);

/** Splits prose into sentences; abbreviations, initials and decimals do not end a sentence. */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  // Knowledge pasted from several pages often glues paragraphs: "in India.India, officially".
  const src = normalise(text).replace(/([a-z][a-z)"'\]][.!?]["')\]]?)(?=["']?[A-Z][a-z])/g, '$1 ');
  let start = 0;
  const boundary = /[.!?]+["')\]]*(?=\s+["'([]?[A-Z0-9])|\n\s*\n|\n(?=\s*(?:[-*#>]|\d+\.)\s)/g;
  for (let m = boundary.exec(src); m; m = boundary.exec(src)) {
    const end = m.index + m[0].length;
    const before = src.slice(start, m.index);
    const lastWord = /(?:^|[\s("'])([A-Za-z.]+)$/.exec(before)?.[1]?.toLowerCase() ?? '';
    if (
      m[0].startsWith('.') &&
      (ABBREVIATIONS.has(lastWord) || /^[a-z]$|^([a-z]\.)+[a-z]$/.test(lastWord))
    )
      continue;
    pushTrimmed(out, src.slice(start, end));
    start = end;
  }
  pushTrimmed(out, src.slice(start));
  return out;
}

function pushTrimmed(out: string[], s: string): void {
  const t = s.trim();
  if (t) out.push(t);
}

/** Lower-case word tokens (letters and digits of any script); possessive "'s" is dropped. */
export function tokenize(text: string): string[] {
  return rawWords(text).map(lowerWord);
}

/**
 * The tokens of `tokenize`, plus the parts of identifiers: a camel-case word also yields its
 * parts (`exchangeRate` gives exchangerate, exchange, rate; `OpenAI` gives openai, open, ai), and
 * digit groups are one number (10,000 is 10000), so identifiers in documentation and brand names
 * in headlines match plain-English questions.
 */
export function tokenizeWithParts(text: string): string[] {
  const tokens: string[] = [];
  for (const word of rawWords(text.replace(/(\d)[,_'](?=\d{3}\b)/g, '$1'))) {
    tokens.push(lowerWord(word));
    const parts = word.match(/\p{Lu}+(?!\p{Ll})|\p{Lu}?\p{Ll}+|\p{N}+/gu);
    if (parts && parts.length > 1) tokens.push(...parts.map((part) => part.toLowerCase()));
  }
  return tokens;
}

/** Words as written (case kept): letters and digits, an apostrophe inside; initialisms joined. */
function rawWords(text: string): string[] {
  // Initialisms read as one word: U.S. -> us, D.C. -> dc.
  const joined = normalise(text).replace(/\b(?:[A-Za-z]\.)+[A-Za-z]\b\.?/g, (m) =>
    m.replace(/\./g, ''),
  );
  return joined.match(/[\p{L}\p{N}]+(?:'\p{L}+)?/gu) ?? [];
}

const lowerWord = (word: string) =>
  word
    .toLowerCase()
    .replace(/'s$|'$/, '')
    .replace(/'/g, '');

/**
 * The one stemmer of every text reader (gates, semantic cache, hashing embedder, guards): a light
 * suffix stripper (plurals, -ation, -ing, -ed, -ly, -er, a doubled final consonant, final -e,
 * -y as -i), enough to match "directed" with "direct" and "titles" with "title" without a
 * dictionary. Chosen among the three the project had by measuring all of them in each place.
 */
export function stem(word: string): string {
  const token = word.toLowerCase();
  if (token.length <= 3 || /\d/.test(token)) return token;
  let w = token;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (/(?:[sxz]|ch|sh)es$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(?:ss|us|is)$/.test(w)) w = w.slice(0, -1);
  for (const suffix of ['ation', 'ing', 'ed', 'ly', 'er']) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 4) {
      w = w.slice(0, -suffix.length);
      break;
    }
  }
  if (/([^aeiou])\1$/.test(w) && !/(?:ll|ss|zz)$/.test(w)) w = w.slice(0, -1);
  if (w.endsWith('e') && w.length > 3) w = w.slice(0, -1);
  if (w.endsWith('y') && w.length > 3) w = `${w.slice(0, -1)}i`;
  return w;
}

/** Function words ignored when comparing meaning. */
export const STOPWORDS: ReadonlySet<string> = new Set(
  (
    'a an the and or but nor so yet if then than that this these those there here of in on at to for from by with ' +
    'about as into onto over under after before during between through per via within without against among ' +
    'is am are was were be been being has have had having do does did done can could will would shall should may ' +
    "might must it its it's he him his she her hers they them their theirs we us our you your i me my mine who whom " +
    'whose which what when where why how also too very just only both either neither each every all any some such ' +
    'own same other another more most much many few several one ones not no yes well s t d ll re ve ' +
    'although though however while whereas because since unless until whether'
  ).split(' '),
);

/** Stems of the words that carry meaning: stopwords and bare numbers removed. */
export function contentWords(text: string): string[] {
  return tokenize(text)
    .filter((t) => t.length > 1 && !STOPWORDS.has(t) && !/\d/.test(t))
    .map(stem);
}

/** A set of stems supporting lookups that tolerate derivation ("Canadian" ~ "Canada"). */
export interface Vocabulary {
  has(stemmed: string): boolean;
}

/** Builds a vocabulary from the content words of some texts. */
export function vocabulary(texts: readonly string[]): Vocabulary {
  const stems = new Set<string>();
  const byPrefix = new Map<string, string[]>();
  for (const text of texts) {
    for (const t of tokenize(text)) {
      const s = stem(t);
      if (stems.has(s)) continue;
      stems.add(s);
      const p = s.slice(0, 5);
      byPrefix.set(p, [...(byPrefix.get(p) ?? []), s]);
    }
  }
  return {
    has(s: string): boolean {
      if (stems.has(s)) return true;
      if (s.length < 5) return false;
      // Derivations share all but their last letter or so: canad(a|ian), direct(ed|or).
      return (byPrefix.get(s.slice(0, 5)) ?? []).some(
        (o) => commonPrefix(o, s) >= Math.max(5, Math.min(o.length, s.length) - 1),
      );
    },
  };
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

const CAP_WORD = "\\p{Lu}[\\p{L}\\p{N}'&.-]*";
const CONNECTOR = '(?:of|the|de|la|le|del|della|di|da|du|des|van|von|der|den|y|&)';
// A capital inside a word (`apiKeyInvalid`, `iPhone`) does not start a name.
const NAME_RE = new RegExp(
  `(?<![\\p{L}\\p{N}])${CAP_WORD}(?:\\s+(?:${CONNECTOR}\\s+)*${CAP_WORD})*`,
  'gu',
);

/**
 * Capitalised names in a text, e.g. "Province of Buenos Aires". Leading function words ("The",
 * "Both") are dropped, so a capitalised sentence opener alone is not a name; acronyms are kept.
 */
export function names(text: string): string[] {
  const out: string[] = [];
  for (const m of normalise(text).matchAll(NAME_RE)) {
    const words = m[0].replace(/[.'-]+$/, '').split(/\s+/);
    while (words.length && isFunctionWord(words[0] ?? '')) words.shift();
    while (words.length && isFunctionWord(words[words.length - 1] ?? '')) words.pop();
    // Month and day names open dates, which extractNumbers reads.
    if (words.length && !(words.length === 1 && DATE_WORD.test(words[0] ?? '')))
      out.push(words.join(' '));
  }
  return out;
}

const DATE_WORD =
  /^(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\.?$/i;

function isFunctionWord(word: string): boolean {
  const acronym = word.length > 1 && word === word.toUpperCase() && /[A-Z]/.test(word);
  return !acronym && STOPWORDS.has(word.toLowerCase());
}

const MONTH_NAMES =
  'january february march april may june july august september october november december'.split(
    ' ',
  );
const MONTHS: Record<string, number> = Object.fromEntries(
  MONTH_NAMES.flatMap((name, i) => [
    [name, i + 1],
    [name.slice(0, 3), i + 1],
  ]).concat([['sept', 9]]),
);
const NUMBER_WORDS: Record<string, number> = Object.fromEntries(
  (
    'two 2 three 3 four 4 five 5 six 6 seven 7 eight 8 nine 9 ten 10 eleven 11 twelve 12 thirteen 13 ' +
    'fourteen 14 fifteen 15 sixteen 16 seventeen 17 eighteen 18 nineteen 19 twenty 20 thirty 30 forty 40 ' +
    'fifty 50 sixty 60 seventy 70 eighty 80 ninety 90 hundred 100 dozen 12'
  )
    .split(' ')
    .flatMap((w, i, all) => (i % 2 ? [] : [[w, Number(all[i + 1])]])),
);
const SCALES: Record<string, number> = { k: 1e3, thousand: 1e3, m: 1e6, mn: 1e6, million: 1e6 };
Object.assign(SCALES, { b: 1e9, bn: 1e9, billion: 1e9, trillion: 1e12 });

/**
 * A number found in text, normalised: "$1,234.5" is money 1234.5 shown to 1 decimal; `signed`
 * when the text gives a sign, by "-"/"+" or by a word such as "down 0.59%".
 */
export type NumberMention =
  | {
      kind: 'number' | 'percent' | 'money' | 'temperature';
      raw: string;
      value: number;
      decimals: number;
      signed: boolean;
    }
  | { kind: 'year' | 'decade' | 'time'; raw: string; value: number }
  | { kind: 'date'; raw: string; year?: number; month: number; day?: number };

const MONTH_RE = `(${Object.keys(MONTHS).join('|')})\\.?`;
type DateParts = [year: number | undefined, month: number, day: number | undefined];
const DATE_PATTERNS: Array<[RegExp, (m: RegExpMatchArray) => DateParts]> = [
  [/\b(\d{4})-(\d{2})-(\d{2})/g, (m) => [Number(m[1]), Number(m[2]), Number(m[3])]],
  [
    new RegExp(`\\b${MONTH_RE}\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b(?:,?\\s+(\\d{4})\\b)?`, 'gi'),
    (m) => [m[3] ? Number(m[3]) : undefined, month(m[1]), Number(m[2])],
  ],
  [
    new RegExp(
      `\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH_RE}(?:,?\\s+(\\d{4})\\b)?`,
      'gi',
    ),
    (m) => [m[3] ? Number(m[3]) : undefined, month(m[2]), Number(m[1])],
  ],
  [
    new RegExp(`\\b${MONTH_RE},?\\s+(\\d{4})\\b`, 'gi'),
    (m) => [Number(m[2]), month(m[1]), undefined],
  ],
];
const UNIT =
  '%|percent\\b|per cent\\b|[°º]\\s?[cf]\\b|°|degrees?\\b(?:\\s(?:celsius|fahrenheit|c|f)\\b)?|' +
  'k\\b|thousand\\b|mn?\\b|million\\b|bn?\\b|billion\\b|trillion\\b';
// Optional direction word ("down 0.59%"), sign, currency, digits with thousands separators, unit.
const NUMBER_RE = new RegExp(
  `(?:\\b(up|rose|risen|gained|added|climbed|jumped|increased|down|fell|fallen|dropped|declined|` +
    `decreased|slipped|lost|shed)\\s+(?:by\\s+)?)?(?<![\\w.,])([-+]\\s?)?([$€£¥])?\\s?` +
    `(\\d{1,3}(?:,\\d{3})+|\\d+)(\\.\\d+)?(?:st|nd|rd|th)?(s\\b)?(?:\\s?(${UNIT}))?`,
  'gi',
);
const FALLING = /^(?:down|fell|fallen|dropped|declined|decreased|slipped|lost|shed)$/i;

function month(name: string | undefined): number {
  return MONTHS[(name ?? '').toLowerCase()] ?? 0;
}

interface Scan {
  mentions: NumberMention[];
  /** The normalised text with every mention overwritten by "|", which breaks names apart. */
  rest: string;
}

function scan(text: string): Scan {
  let rest = normalise(text);
  const mentions: NumberMention[] = [];
  const blank = (m: RegExpMatchArray): void => {
    const at = m.index ?? 0;
    rest = rest.slice(0, at) + '|'.repeat(m[0].length) + rest.slice(at + m[0].length);
  };
  for (const [re, read] of DATE_PATTERNS) {
    for (const m of [...rest.matchAll(re)]) {
      const [year, mon, day] = read(m);
      if (mon < 1 || mon > 12 || (day !== undefined && (day < 1 || day > 31))) continue;
      mentions.push({
        kind: 'date',
        raw: m[0],
        month: mon,
        ...(year ? { year } : {}),
        ...(day ? { day } : {}),
      });
      blank(m);
    }
  }
  for (const m of [...rest.matchAll(/\b(\d{1,2}):(\d{2})\b/g)]) {
    mentions.push({ kind: 'time', raw: m[0], value: Number(m[1]) * 60 + Number(m[2]) });
    blank(m);
  }
  for (const m of [...rest.matchAll(NUMBER_RE)]) {
    const [raw, direction, sign, currency, int = '', frac = '', plural, unitRaw] = m;
    const digits = Number(int.replace(/,/g, '') + frac);
    const unit = (unitRaw ?? '').toLowerCase().replace(/\s/g, '');
    if (plural) {
      if (/^\d{3}0$/.test(int)) mentions.push({ kind: 'decade', raw, value: digits });
    } else if (!direction && !sign && !currency && !unit && !frac && /^(1\d|20)\d\d$/.test(int)) {
      mentions.push({ kind: 'year', raw, value: digits });
    } else {
      const scale = SCALES[unit] ?? 1;
      const negative =
        sign?.startsWith('-') || (direction !== undefined && FALLING.test(direction));
      mentions.push({
        kind: currency
          ? 'money'
          : /^(?:%|per)/.test(unit)
            ? 'percent'
            : /^[°º]|^degree/.test(unit)
              ? 'temperature'
              : 'number',
        raw: raw.trim(),
        value: (negative ? -1 : 1) * digits * scale,
        decimals: (frac ? frac.length - 1 : 0) - Math.round(Math.log10(scale)),
        signed: Boolean(sign || direction),
      });
    }
    blank(m);
  }
  for (const m of [...rest.matchAll(/\b[A-Za-z]+\b/g)]) {
    const value = NUMBER_WORDS[m[0].toLowerCase()];
    if (value === undefined) continue;
    mentions.push({ kind: 'number', raw: m[0], value, decimals: 0, signed: false });
    blank(m);
  }
  return { mentions, rest };
}

/** Every number, date, year, time and percentage in a text, with units and formatting normalised. */
export function extractNumbers(text: string): NumberMention[] {
  return scan(text).mentions;
}

/** The text with its numbers, dates and their sign words blanked, for word-level checks. */
export function withoutNumbers(text: string): string {
  return scan(text).rest;
}

/**
 * Whether a number stated in an answer is backed by one in the context. Values may be rounded to
 * the precision the answer shows (context 11.63 backs 11.6, not 11.7); an unsigned answer may drop
 * the sign ("a 0.59% move"), a signed one must match it ("down 0.59%" needs -0.59%); a date backs
 * every coarser form of itself (2026-11-25 backs "25 Nov", "November 2026" and 2026).
 */
export function numberSupported(n: NumberMention, context: readonly NumberMention[]): boolean {
  return context.some((c) => numberMatches(n, c));
}

function numberMatches(a: NumberMention, c: NumberMention): boolean {
  switch (a.kind) {
    case 'date':
      return (
        c.kind === 'date' &&
        c.month === a.month &&
        (a.day === undefined || c.day === a.day) &&
        (a.year === undefined || c.year === a.year)
      );
    case 'year':
      return c.kind === 'date'
        ? c.year === a.value
        : c.kind !== 'decade' && c.kind !== 'time' && c.value === a.value;
    case 'decade':
      return c.kind === 'decade'
        ? c.value === a.value
        : c.kind === 'year'
          ? c.value - (c.value % 10) === a.value
          : c.kind === 'date' && c.year !== undefined && c.year - (c.year % 10) === a.value;
    case 'time':
      return c.kind === 'time' && c.value === a.value;
    case 'number':
    case 'percent':
    case 'money':
    case 'temperature': {
      if (c.kind === 'date' || c.kind === 'decade' || c.kind === 'time') return false;
      const [x, y] = a.signed ? [a.value, c.value] : [Math.abs(a.value), Math.abs(c.value)];
      // Half a unit of the answer's last shown digit, plus float slack.
      return Math.abs(x - y) <= 0.5 * 10 ** -a.decimals + 1e-9;
    }
    default: {
      const never: never = a;
      return never;
    }
  }
}
