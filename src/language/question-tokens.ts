import { stem } from './text.js';
/** One token of a question, after contractions are expanded ("isn't" gives `is`, `not`). */
export interface QuestionToken {
  /** As written (an expanded contraction is written out: `not`, `will`). */
  text: string;
  /** Lower case, accents removed. */
  lower: string;
  kind: 'word' | 'number' | 'symbol';
  /** First token of a sentence (so its capital says nothing about being a name). */
  initial: boolean;
}

// "can't" splits as "ca" + "n't": these bases are not the word itself.
const NOT_BASES: Record<string, string> = { ca: 'can', wo: 'will', sha: 'shall', ai: 'is' };
const SUFFIXES: Record<string, string> = { re: 'are', ve: 'have', ll: 'will', d: 'would', m: 'am' };
// Quora spelling drops the apostrophe: "dont", "cant", "isnt".
const BARE_NOT =
  /^(do|does|did|is|are|was|were|ca|could|should|would|wo|have|has|had|ai|need|must)nt$/;
// Contractions written without the apostrophe that are no other word ("its" is, so it stays).
const JOINED: Record<string, string[]> = {
  whats: ['what', 'is'],
  hows: ['how', 'is'],
  whos: ['who', 'is'],
  wheres: ['where', 'is'],
  whys: ['why', 'is'],
  thats: ['that', 'is'],
  im: ['i', 'am'],
  ive: ['i', 'have'],
  youre: ['you', 'are'],
  theyre: ['they', 'are'],
};
const IS_BEFORE = new Set([
  'what',
  'who',
  'where',
  'when',
  'why',
  'how',
  'it',
  'that',
  'there',
  'here',
  'he',
  'she',
]);

const PATTERN =
  /(?:\p{L}\.){2,}|\p{N}+(?:[.,:]\p{N}+)*(?:%|\p{L}+)?|\p{L}[\p{L}\p{N}]*(?:['’]\p{L}+)?|[$€£¥₹₿]|[^\s\p{L}\p{N}]+/gu;

/**
 * Splits a question into words, numbers (any token starting with a digit: `2.5`, `5s`, `10%`) and
 * symbol runs (`==`, `@`, `++`), expanding contractions and joining dotted abbreviations (`U.S.`
 * gives `US`). Sentence punctuation stays as symbol tokens; it also marks the next word `initial`.
 */
export function tokenizeQuestion(text: string): QuestionToken[] {
  const folded = text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[‘’ʼ`]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/(\d),(?=\d{3}\b)/g, '$1');
  const tokens: QuestionToken[] = [];
  let initial = true;
  const push = (written: string, kind: QuestionToken['kind']) => {
    tokens.push({ text: written, lower: written.toLowerCase(), kind, initial });
    if (kind !== 'symbol') initial = false;
  };
  for (const raw of folded.match(PATTERN) ?? []) {
    if (/^(?:\p{L}\.){2,}$/u.test(raw)) push(raw.replace(/\./g, ''), 'word');
    else if (/^\p{N}/u.test(raw)) push(raw, 'number');
    else if (/^\p{L}/u.test(raw)) for (const part of expand(raw)) push(part, 'word');
    else {
      push(raw, 'symbol');
      if (/[.?!:;]/.test(raw)) initial = true;
    }
  }
  return tokens;
}

/** The words a written word stands for, contractions expanded. */
function expand(word: string): string[] {
  const lower = word.toLowerCase();
  const apostrophe = word.indexOf("'");
  if (apostrophe < 0) {
    const bare = BARE_NOT.exec(lower);
    if (bare) return [NOT_BASES[bare[1] as string] ?? (bare[1] as string), 'not'];
    if (lower === 'cannot') return ['can', 'not'];
    const joined = JOINED[lower];
    if (joined) return joined;
    return [word];
  }
  const base = word.slice(0, apostrophe);
  const suffix = lower.slice(apostrophe + 1);
  if (suffix === 't' && /n$/i.test(base)) {
    const stem = base.slice(0, -1);
    return [NOT_BASES[stem.toLowerCase()] ?? stem, 'not'];
  }
  if (suffix === 's') return IS_BEFORE.has(base.toLowerCase()) ? [base, 'is'] : [base];
  const full = SUFFIXES[suffix];
  // O'Neill, rock'n'roll: not a contraction, keep the letters together.
  return full ? [base, full] : [word.replace(/'/g, '')];
}

/** The stemmer of question words: the toolkit's one (`stem` in ./text.ts). */
export const stemWord = (word: string): string => stem(word);
