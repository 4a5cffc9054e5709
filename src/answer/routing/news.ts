import {
  FUNCTION_WORDS,
  NEWS_NOUNS,
  NEWS_OPENERS,
  PRICE_WORDS,
  TIME_WORDS,
  TOPIC_PREPOSITIONS,
} from './lexicon.js';
import type { Segment, Token } from './text.js';

/** A request for news: the cue's position and its topic, tokens `[from, to)` (may be empty). */
export interface NewsSpan {
  cue: number;
  from: number;
  to: number;
}

// News sites named as where to look ("on hacker news"), not what to look for.
const SITES: readonly (readonly string[])[] = [['hacker', 'news'], ['hn']];
const LOOKAHEAD = 4;

function siteAt(tokens: readonly Token[], i: number): number {
  for (const site of SITES) {
    if (site.every((word, k) => tokens[i + k]?.norm === word)) return site.length;
  }
  return 0;
}

/** Whether tokens[i..] start one of the phrases; returns its length or 0. */
function phraseAt(
  tokens: readonly Token[],
  i: number,
  phrases: readonly (readonly string[])[],
): number {
  for (const phrase of phrases) {
    if (phrase.every((word, k) => tokens[i + k]?.norm === word)) return phrase.length;
  }
  return 0;
}

/**
 * Where a topic after a cue ends: at the end of its clause, or at "and"/a comma followed closely
 * by a cue of another kind ("news about the Bears and the CAD to USD rate").
 */
function topicEnd(
  tokens: readonly Token[],
  from: number,
  end: number,
  otherCue: (i: number) => boolean,
): number {
  for (let i = from; i < end; i++) {
    const word = (tokens[i] as Token).norm;
    if (word !== 'and' && word !== ',' && word !== 'plus' && word !== 'also') continue;
    for (let j = i + 1; j < Math.min(end, i + 1 + LOOKAHEAD); j++) if (otherCue(j)) return i;
  }
  return end;
}

/** The words before a news noun that name its topic ("Tesla headlines", "chip industry news"). */
function topicBefore(tokens: readonly Token[], cue: number, start: number): number {
  let i = cue;
  while (i > start) {
    const t = tokens[i - 1] as Token;
    if (t.kind === 'punct' || FUNCTION_WORDS.has(t.norm) || NEWS_NOUNS.has(t.norm)) break;
    if (PRICE_WORDS.has(t.norm)) break;
    i--;
  }
  return i;
}

/**
 * Finds the news requests of each clause where `usable(i)`: a news noun with its topic after a
 * preposition ("news about X") or before it ("X news"), or an opener ("the latest on X",
 * "what's happening with X"). `otherCue(i)` says whether token i asks for another source.
 */
export function findNewsSpans(
  tokens: readonly Token[],
  segments: readonly Segment[],
  usable: (i: number) => boolean,
  otherCue: (i: number) => boolean,
): NewsSpan[] {
  const spans: NewsSpan[] = [];
  for (const seg of segments) {
    for (let i = seg.from; i < seg.to; i++) {
      if (!usable(i)) continue;
      const site = siteAt(tokens, i);
      if (site > 0) {
        i += site - 1;
        continue;
      }
      const opener = phraseAt(tokens, i, NEWS_OPENERS);
      const noun = NEWS_NOUNS.has((tokens[i] as Token).norm);
      if (!opener && !noun) continue;
      let from = i + (opener || 1);
      if (noun && !opener && !TOPIC_PREPOSITIONS.has(tokens[from]?.norm ?? '')) {
        spans.push({ cue: i, from: topicBefore(tokens, i, seg.from), to: i });
        continue;
      }
      if (noun && !opener) from++;
      // "stories on hacker news": the site is not the topic; look before the noun instead.
      const siteAfter = siteAt(tokens, from);
      if (siteAfter > 0 && from + siteAfter >= seg.to) {
        spans.push({ cue: i, from: topicBefore(tokens, i, seg.from), to: i });
        i = from + siteAfter - 1;
        continue;
      }
      const to = topicEnd(tokens, from, seg.to, otherCue);
      spans.push({ cue: i, from, to });
      i = to - 1;
    }
  }
  return spans;
}

/** Length of a closing "in the news" / "on the headlines" of tokens [from, to), else 0. */
function inTheNews(tokens: readonly Token[], from: number, to: number): number {
  if (to - from < 3 || !NEWS_NOUNS.has((tokens[to - 1] as Token).norm)) return 0;
  const the = tokens[to - 2]?.norm === 'the' ? 1 : 0;
  const preposition = tokens[to - 2 - the]?.norm ?? '';
  return preposition === 'in' || preposition === 'on' ? 2 + the : 0;
}

const PRONOUNS = new Set(['it', 'its', 'their', 'them', 'they', 'theirs']);
const TRIM = new Set([...FUNCTION_WORDS, ...TIME_WORDS]);

/**
 * The query of a news span: its words without leading or trailing function words, time words and
 * price words, a pronoun replaced by `antecedent` ("news on it" about NVIDIA gives `NVIDIA`).
 */
export function topicText(
  tokens: readonly Token[],
  span: NewsSpan,
  antecedent: string | null,
): string {
  let from = span.from;
  let to = span.to;
  const skip = (t: Token) => t.kind === 'punct' || (TRIM.has(t.norm) && !PRONOUNS.has(t.norm));
  while (from < to && skip(tokens[from] as Token)) from++;
  while (to > from && skip(tokens[to - 1] as Token)) to--;
  // "the World Cup in the news": where to look, not what to look for.
  const tail = inTheNews(tokens, from, to);
  if (tail > 0) {
    to -= tail;
    while (to > from && skip(tokens[to - 1] as Token)) to--;
  }
  const words: string[] = [];
  for (let i = from; i < to; i++) {
    const t = tokens[i] as Token;
    if (PRICE_WORDS.has(t.norm) || siteAt(tokens, i) > 0) continue;
    if (PRONOUNS.has(t.norm)) {
      if (antecedent !== null) words.push(antecedent);
      continue;
    }
    if (t.norm === 'and' && (i === to - 1 || words.length === 0)) continue;
    words.push(t.text.replace(/['’]s$/, ''));
  }
  return words.join(' ').trim();
}
