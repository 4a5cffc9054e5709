/** One token of a question. Compounds (`BRK-B`, `usd/cad`, `7-day`) are split on `-` and `/`. */
export interface Token {
  /** As written. */
  text: string;
  /** Lower case, accents folded, apostrophes and a possessive `'s` removed. */
  norm: string;
  /** The whitespace-free compound the token belongs to, as written (`EURUSD=X`, `BTC-USD`). */
  compound: string;
  /** First part of its compound: symbol-like compounds are read there, once. */
  first: boolean;
  kind: 'word' | 'number' | 'sign' | 'cashtag' | 'punct';
  /** Written with an initial capital. */
  capital: boolean;
  /** Written all in capitals (and at least two letters): `AAPL`, `TRY`, `US`. */
  upper: boolean;
  /** Offsets of the token in the question (NFC). */
  start: number;
  end: number;
}

/** A clause: tokens `[from, to)`. */
export interface Segment {
  from: number;
  to: number;
}

const FOLD_EXTRA: Readonly<Record<string, string>> = { ß: 'ss', ø: 'o', æ: 'ae', œ: 'oe', ł: 'l' };

/** Lower case without accents: `São Paulo` gives `sao paulo`. */
export function fold(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[ßøæœł]/g, (ch) => FOLD_EXTRA[ch] ?? ch);
}

const PART = String.raw`[\p{L}\p{N}]+(?:['’]\p{L}+)?`;
const TOKEN = new RegExp(
  [
    String.raw`\$[A-Za-z][A-Za-z.]{0,9}(?![\p{L}\p{N}])`, // cashtag
    String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\p{L}\p{N}])`, // 5,000
    `${PART}(?:[-/.=&_]${PART})*`, // words and compounds
    String.raw`\p{Sc}`, // currency signs
    String.raw`[?!;:,()]|[—–]|(?<=\s)-(?=\s)|\.(?=\s|$)`, // clause punctuation
  ].join('|'),
  'gu',
);

// An elided article or preposition before a word of two letters or more ("I'm", "o'clock" are
// not elisions: their heads are not French or Italian).
const ELISION = /^(l|d|qu|dell|all|nell|sull|dall)['’](\p{L}{2,})$/iu;

function wordToken(text: string, compound: string, first: boolean, start: number): Token {
  const norm = fold(text)
    .replace(/['’]s$/, '')
    .replace(/['’]/g, '');
  const kind = /^\d+(?:\.\d+)?$/.test(text) ? 'number' : 'word';
  const capital = /^\p{Lu}/u.test(text);
  const upper = /\p{L}.*\p{L}/u.test(text) && text === text.toUpperCase() && /\p{Lu}/u.test(text);
  return { text, norm, compound, first, kind, capital, upper, start, end: start + text.length };
}

/** Splits a question into tokens; see Token. */
export function tokenize(question: string): Token[] {
  const tokens: Token[] = [];
  for (const match of question.normalize('NFC').matchAll(TOKEN)) {
    const raw = match[0];
    const start = match.index;
    const base = { compound: raw, first: true, capital: false, upper: false, start };
    const end = start + raw.length;
    if (raw.startsWith('$') && raw.length > 1) {
      tokens.push({
        ...base,
        end,
        text: raw,
        norm: fold(raw.slice(1)),
        kind: 'cashtag',
        upper: true,
      });
    } else if (/^\d{1,3},/.test(raw)) {
      tokens.push({ ...base, end, text: raw, norm: raw.replace(/,/g, ''), kind: 'number' });
    } else if (/^\p{Sc}$/u.test(raw)) {
      tokens.push({ ...base, end, text: raw, norm: raw, kind: 'sign' });
    } else if (/^[\p{L}\p{N}]/u.test(raw)) {
      let offset = start;
      raw.split(/[-/]/).forEach((part, i) => {
        // French and Italian elision: "l'action", "d'Apple", "dell'euro" are two words.
        const elided = ELISION.exec(part);
        if (elided) {
          const [, head = '', rest = ''] = elided;
          tokens.push(wordToken(head, raw, i === 0, offset));
          tokens.push(wordToken(rest, raw, false, offset + head.length + 1));
        } else {
          tokens.push(wordToken(part, raw, i === 0, offset));
        }
        offset += part.length + 1;
      });
    } else {
      tokens.push({ ...base, end, text: raw, norm: raw, kind: 'punct' });
    }
  }
  return tokens;
}

/** Normalised words of a dictionary phrase, joined by one space (the key phrase indexes use). */
export function phraseKey(phrase: string): string {
  return tokenize(phrase)
    .filter((t) => t.kind !== 'punct')
    .map((t) => t.norm)
    .join(' ');
}

const HARD_BREAKS = new Set(['?', '!', ';', ':', '.', '—', '–', '-', '(', ')']);
const COORDINATORS = new Set(['and', 'also', 'plus', 'but', 'then']);
// Words that open a new clause after "and" or a comma ("..., and what's", "and how").
const CLAUSE_OPENERS = new Set(
  (
    'what whats how hows is are was were does do did can could will would should which why where ' +
    'when who whos any anything show give tell get find please i im ive id also'
  ).split(' '),
);

/**
 * Splits tokens into clauses: at sentence punctuation and dashes always, and at "and" or a comma
 * only when a new clause opens there ("Paris and Perth" stays one clause, "..., and what's" does
 * not). Leading coordinators are dropped from a clause.
 */
export function segment(tokens: readonly Token[]): Segment[] {
  const segments: Segment[] = [];
  let from = 0;
  const close = (to: number) => {
    while (from < to && COORDINATORS.has((tokens[from] as Token).norm)) from++;
    if (from < to) segments.push({ from, to });
  };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    if (token.kind === 'punct' && HARD_BREAKS.has(token.norm)) {
      close(i);
      from = i + 1;
      continue;
    }
    const soft = token.norm === ',' || COORDINATORS.has(token.norm);
    if (!soft || i === from) continue;
    let j = i + 1;
    while (j < tokens.length && COORDINATORS.has((tokens[j] as Token).norm)) j++;
    if (j < tokens.length && CLAUSE_OPENERS.has((tokens[j] as Token).norm)) {
      close(i);
      from = token.norm === ',' ? i + 1 : i;
    }
  }
  close(tokens.length);
  return segments;
}
