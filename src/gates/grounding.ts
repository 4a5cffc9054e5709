import { verdict } from './types.js';
import type { Gate, GateResult } from './types.js';
import {
  STOPWORDS,
  contentWords,
  extractNumbers,
  names,
  numberSupported,
  splitSentences,
  stem,
  withoutNumbers,
  tokenize,
  vocabulary,
} from '../language/text.js';
import type { NumberMention, Vocabulary } from '../language/text.js';

/** What the grounding gate reads: the user's question, the answer given, the passages used. */
export interface GroundingInput {
  question: string;
  answer: string;
  context: string[];
}

/** Why a claim is unsupported: the rule it breaks. */
export type UnsupportedKind =
  'number' | 'name' | 'words' | 'attribution' | 'negation' | 'reply' | 'choice';

/** A claim of the answer the context does not support, and why. */
export interface UnsupportedClaim {
  claim: string;
  kind: UnsupportedKind;
  reason: string;
}

type Problem = Omit<UnsupportedClaim, 'claim'>;

/**
 * The grounding verdict: grounded when nothing is unsupported. `score` is the mean share of each
 * claim's content words found in the context, halved for a claim with any other problem and
 * halved again when the answer does not reply to the question.
 */
export interface GroundingAssessment {
  grounded: boolean;
  score: number;
  unsupported: UnsupportedClaim[];
}

/** Tuning of the grounding check. */
export interface GroundingOptions {
  /** Share of a claim's content words that must occur in the context (default 1). */
  threshold?: number;
}

/** One context sentence, prepared for matching. */
interface Sentence {
  text: string;
  /** Stems of its non-function words, space-padded, for phrase lookups. */
  keys: string;
  /** Starts with a pronoun, so it continues the previous sentence's subject. */
  continues: boolean;
}

interface Context {
  sentences: Sentence[];
  vocab: Vocabulary;
  numbers: NumberMention[];
}

/** Words that frame a stated fact in time or as a report, and state nothing checkable themselves. */
const FRAMING = new Set(
  'current currentli now today tonight present presentli latest recent recentli accord report reportedli approximat roughli around nearli almost'
    .split(' ')
    .map(stem),
);
const NEGATION = /\b(?:not|never|neither|nor|none|no longer|cannot)\b|n't\b/i;
const PRONOUN_START =
  /^(?:[^,.]{0,40},\s*)?["']?(?:he|she|it|they|his|her|its|their|this|these|the (?:film|band|album|song|company|group|series|show|book|city|town|team|club|mall|university|college|documentary|species|genus|family|building|station|player))\b/i;

function keys(text: string): string[] {
  return tokenize(text)
    .filter((t) => !STOPWORDS.has(t))
    .map(stem);
}

function phrase(text: string): string {
  const k = keys(text);
  return k.length ? ` ${k.join(' ')} ` : '';
}

function prepare(passages: readonly string[]): Context {
  const sentences = passages.flatMap(splitSentences).map((text) => ({
    text,
    keys: ` ${keys(text).join(' ')} `,
    continues: PRONOUN_START.test(text),
  }));
  return {
    sentences,
    vocab: vocabulary(passages),
    numbers: passages.flatMap(extractNumbers),
  };
}

/** Sentences about an entity: those naming it, and the pronoun-led sentences that follow them. */
function segmentOf(name: string, ctx: Context): Sentence[] {
  const p = phrase(name);
  if (!p) return [];
  const out: Sentence[] = [];
  let inside = false;
  for (const s of ctx.sentences) {
    inside = s.keys.includes(p) || (inside && s.continues);
    if (inside) out.push(s);
  }
  return out;
}

/** The name as the context spells it, dropping leading words ("Massachusetts Boston College"). */
function locate(name: string, ctx: Context): string | null {
  const words = name.split(/\s+/);
  for (let i = 0; i < words.length; i++) {
    const candidate = words.slice(i).join(' ');
    const p = phrase(candidate);
    if (p && ctx.sentences.some((s) => s.keys.includes(p))) return candidate;
  }
  return null;
}

// The question: what kind of answer it asks for, and for "A or B?" which option the context backs.

type Expectation = 'yesno' | 'number' | 'name' | 'other';

const CATEGORY_NOUN =
  /^(?:type|kind|sort|form|genre|style|profession|occupation|job|career|species|nationality|language|religion|skills?|instruments?|sports?|positions?|roles?|colou?r|material|field|subject|gender|shape|class|things?|meaning|number|difference|connection|relationship|purpose|reason|animal|plant|food|dish|drink|disease|element|organ|substance)$/;
const AUXILIARY =
  /^(?:is|was|are|were|do|does|did|has|have|had|can|could|will|would|should|may|might)$/;

/**
 * The question word that asks (not a relative "who" after a noun): the first wh-word that opens
 * the question or a clause, follows a preposition, or ends the question.
 */
function askingPhrase(question: string): string {
  const q = question.toLowerCase().replace(/\s+/g, ' ').trim();
  for (const m of q.matchAll(/\b(?:who|whom|whose|which|what|when|where|how)\b/g)) {
    const before = q.slice(0, m.index).trimEnd();
    const after = q.slice(m.index + m[0].length);
    const opens =
      !before ||
      /[,:;"(]$/.test(before) ||
      /\b(?:by|of|for|to|in|on|at|with|from|about|into|after|during|as)$/.test(before);
    if (opens || /^\s*[?.]?\s*$/.test(after)) return q.slice(m.index);
  }
  return q;
}

/** What kind of answer the question asks for, read from the phrase that asks. */
function expectation(question: string): Expectation {
  const q = question.trim().toLowerCase();
  if (
    /^(?:are|is|was|were|do|does|did|has|have|had|can|could|will|would|should)\b/.test(q) &&
    !/\bor\b/.test(q)
  )
    return 'yesno';
  const asking = askingPhrase(q);
  if (
    /^(?:when|how (?:many|much|old|long|far)|(?:what|which)(?: \w+){0,3}? (?:year|date|population|age))\b/.test(
      asking,
    )
  )
    return 'number';
  if (/^(?:who|whom|whose)\b/.test(asking)) return 'name';
  const m = /^(?:which|what)((?:\s+[\w-]+){0,3})/.exec(asking);
  if (!m) return 'other';
  const following = (m[1] ?? '').trim().split(/\s+/);
  // "What do they share?" names no noun; "What is the name of ...?" does.
  if (AUXILIARY.test(following[0] ?? ''))
    return /\b(?:name|title)\b/.test(asking) ? 'name' : 'other';
  return following.some((w) => CATEGORY_NOUN.test(w)) || !following[0] ? 'other' : 'name';
}

/** The two options of an "A or B?" question, as written. */
function choiceOptions(question: string): [string, string] | null {
  const q = question.trim().replace(/\s*\?+\s*$/, '');
  const at = q.lastIndexOf(' or ');
  if (at < 0) return null;
  const b = (q.slice(at + 4).split(/[,:;]/)[0] ?? '').trim();
  const head = q.slice(0, at);
  const delim = Math.max(head.lastIndexOf(','), head.lastIndexOf(':'));
  let a = delim >= 0 ? head.slice(delim + 1).trim() : '';
  if (!a) {
    // No comma: the option is the run of capitalised words before "or" ("born first George Marshall or ...").
    const words = head.split(/\s+/);
    let i = words.length;
    while (i > 0 && /^[A-Z0-9"]/.test(words[i - 1] ?? '')) i--;
    a = words.slice(i === words.length ? -1 : i).join(' ');
  }
  const short = (s: string) => s.split(/\s+/).length <= 7;
  return a && b && short(a) && short(b) ? [a, b] : null;
}

type Direction = 'earlier' | 'later' | 'more' | 'fewer';

function direction(question: string): Direction | null {
  const q = question.toLowerCase();
  if (/\b(?:first|earlier|earliest|older|oldest|before|sooner)\b/.test(q)) return 'earlier';
  if (/\b(?:later|latest|younger|youngest|newer|newest|more recent|most recent)\b/.test(q))
    return 'later';
  if (/\b(?:fewer|less|least|smaller|smallest|lower|lowest|shorter|shortest)\b/.test(q))
    return 'fewer';
  if (
    /\b(?:more|most|larger|largest|bigger|biggest|higher|highest|longer|longest|taller|tallest|greater|greatest)\b/.test(
      q,
    )
  )
    return 'more';
  return null;
}

/** An option's value to compare: its first date for time questions, else a count near a question word. */
function optionValue(
  segment: Sentence[],
  dir: Direction,
  questionKeys: Set<string>,
): number | null {
  for (const s of segment) {
    const found = extractNumbers(s.text);
    if (dir === 'earlier' || dir === 'later') {
      for (const n of found) {
        if (n.kind === 'date' && n.year) return n.year * 10000 + n.month * 100 + (n.day ?? 0);
        if (n.kind === 'year') return n.value * 10000;
      }
      continue;
    }
    for (const n of found) {
      if (n.kind === 'date' || n.kind === 'year' || n.kind === 'decade' || n.kind === 'time')
        continue;
      const after = s.text
        .slice(s.text.indexOf(n.raw) + n.raw.length)
        .split(/\s+/)
        .slice(0, 5)
        .join(' ');
      if (keys(after).some((k) => questionKeys.has(k))) return n.value;
    }
  }
  return null;
}

/** Which option of a choice question the context backs, or null when it cannot tell. */
function backedOption(question: string, options: [string, string], ctx: Context): 0 | 1 | null {
  const located = options.map((o) => locate(o, ctx));
  const segments = located.map((o) => (o ? segmentOf(o, ctx) : []));
  const optionKeys = new Set(options.flatMap(keys));
  const predicate = keys(question).filter((k) => !optionKeys.has(k));
  const dir = direction(question);
  if (dir) {
    const v = segments.map((seg) => optionValue(seg, dir, new Set(predicate)));
    if (v[0] != null && v[1] != null && v[0] !== v[1]) {
      const firstSmaller = v[0] < v[1];
      return (dir === 'earlier' || dir === 'fewer') === firstSmaller ? 0 : 1;
    }
    // Both options have the compared property; only the values can tell them apart.
    return null;
  }
  if (!predicate.length) return null;
  const score = segments.map((seg) => {
    const v = vocabulary(seg.map((s) => s.text));
    return predicate.filter((k) => v.has(k)).length / predicate.length;
  });
  const [s0 = 0, s1 = 0] = score;
  if (Math.abs(s0 - s1) < 0.2) return null;
  return s0 > s1 ? 0 : 1;
}

/** The option an answer picks: the one it names, or the subject of its last clause naming one. */
function pickedOption(
  answer: string,
  options: [string, string],
  ctx: Context,
): 0 | 1 | 'both' | null {
  const phrases = options.map((o) => phrase(locate(o, ctx) ?? o));
  const named = phrases.map((p) => Boolean(p) && phrase(answer).includes(p));
  if (named[0] && named[1]) {
    if (/\b(?:both|neither|nor)\b/i.test(answer)) return 'both';
    const clauses = answer.split(/;|,?\s+but\s+|,\s+(?:while|whereas)\s+/i).reverse();
    for (const c of clauses) {
      const at = phrases.map((p) => phrase(c).indexOf(p));
      const [a0 = -1, a1 = -1] = at;
      if (a0 >= 0 && (a1 < 0 || a0 < a1)) return 0;
      if (a1 >= 0) return 1;
    }
  }
  if (named[0]) return 0;
  if (named[1]) return 1;
  return null;
}

// The answer: each claim against the context, then the answer as a reply to the question.

interface ClaimCheck {
  ratio: number;
  problems: Problem[];
}

/** Checks one claim: numbers, names and words against the context, then its subject's passage and denials. */
function checkClaim(claim: string, ctx: Context, threshold: number): ClaimCheck {
  const problems: Problem[] = [];
  const claimNumbers = extractNumbers(claim);
  const prose = withoutNumbers(claim);
  for (const n of claimNumbers) {
    if (!numberSupported(n, ctx.numbers))
      problems.push({ kind: 'number', reason: `the number "${n.raw}" is not in the context` });
  }
  const claimNames = names(prose);
  const reported = new Set<string>();
  for (const name of claimNames) {
    const p = phrase(name);
    if (!p || ctx.sentences.some((s) => s.keys.includes(p))) continue;
    problems.push({ kind: 'name', reason: `the name "${name}" is not in the context` });
    for (const k of keys(name)) reported.add(k);
  }
  const words = contentWords(prose).filter((w) => !FRAMING.has(w));
  const said = surfaceForms(prose);
  const missing = words.filter((w) => !ctx.vocab.has(w));
  const ratio = words.length ? (words.length - missing.length) / words.length : 1;
  const unnamed = missing.filter((w) => !reported.has(w));
  if (ratio < threshold && unnamed.length) {
    problems.push({ kind: 'words', reason: `words not in the context: ${said(unnamed)}` });
  }
  if (problems.length) return { ratio, problems };

  // Words the context does hold, but about another subject: "Stanford is in Chestnut Hill".
  const located = claimNames.map((n) => locate(n, ctx)).filter((n): n is string => n !== null);
  const subjects = /\bboth\b/i.test(claim) ? located.slice(0, 2) : located.slice(0, 1);
  const subjectKeys = new Set(subjects.flatMap(keys));
  const predicate = [...new Set(words.filter((w) => !subjectKeys.has(w)))];
  for (const subject of subjects) {
    const segment = segmentOf(subject, ctx).map((s) => s.text);
    const own = vocabulary(segment);
    const ownNumbers = segment.flatMap(extractNumbers);
    const words = said(predicate.filter((w) => ctx.vocab.has(w) && !own.has(w)));
    const numbers = claimNumbers.filter((n) => !numberSupported(n, ownNumbers)).map((n) => n.raw);
    const elsewhere = [words, ...numbers].filter(Boolean).join(', ');
    if (elsewhere) {
      const reason = `the context does not say "${elsewhere}" about ${subject}`;
      problems.push({ kind: 'attribution', reason });
    }
  }
  const body = claim.replace(/^\s*(?:yes|no)\b[,.!]?\s*/i, '');
  if (NEGATION.test(body) && !negationBacked(body, ctx)) {
    problems.push({ kind: 'negation', reason: 'it denies something the context does not deny' });
  }
  return { ratio, problems };
}

/** Maps stems back to the words the claim used, for readable reasons. */
function surfaceForms(text: string): (stems: string[]) => string {
  const forms = new Map<string, string>();
  for (const t of tokenize(text)) if (!forms.has(stem(t))) forms.set(stem(t), t);
  return (stems) => [...new Set(stems.map((s) => forms.get(s) ?? s))].join(', ');
}

function negationBacked(claim: string, ctx: Context): boolean {
  const words = new Set(contentWords(claim));
  const need = Math.min(2, words.size);
  return ctx.sentences.some(
    (s) => NEGATION.test(s.text) && contentWords(s.text).filter((w) => words.has(w)).length >= need,
  );
}

/** Problems with the answer as a reply to the question: wrong kind of answer, wrong option picked. */
function checkReply(question: string, answer: string, ctx: Context): Problem[] {
  const body = answer.replace(/^\s*(?:yes|no)\b[,.!]?\s*/i, '');
  const expects = expectation(question);
  const qKeys = new Set(keys(question));
  const numbers = extractNumbers(body);
  const newNames = names(body).filter((n) => keys(n).some((k) => !qKeys.has(k)) || !phrase(n));
  const newWords = contentWords(body).filter((w) => !qKeys.has(w));
  const problems: Problem[] = [];
  const reply = (reason: string) => problems.push({ kind: 'reply', reason });
  const options = expects === 'yesno' ? null : choiceOptions(question);
  const picked = options ? pickedOption(answer, options, ctx) : null;
  if (picked !== null) {
    // Naming one of the offered options is a reply; whether it is the right one is checked below.
  } else if (expects === 'number' && !numbers.length)
    reply('it does not give the number or date asked for');
  else if (expects === 'name' && !numbers.length && !newNames.length)
    reply('it does not name what was asked for');
  else if (expects !== 'yesno' && !numbers.length && !newNames.length && !newWords.length)
    reply('it only repeats the question');
  if (options && picked !== null) {
    const backed = backedOption(question, options, ctx);
    if (picked === 'both') {
      problems.push({
        kind: 'choice',
        reason: `the question asks for one of ${options.join(' or ')}`,
      });
    } else if (picked !== null && backed !== null && picked !== backed)
      problems.push({
        kind: 'choice',
        reason: `the context points to ${options[backed]}, not ${options[picked]}`,
      });
  }
  return problems;
}

/**
 * Whether an answer is supported by its context: every number (rounding to the shown precision
 * allowed), every name and the content words of every claim occur in the context, claims about a
 * subject are backed by what the context says about that subject, denials are backed by a denial,
 * and the answer replies to the question (the kind of value asked for, the option the context backs).
 */
export function assessGrounding(
  input: GroundingInput,
  options: GroundingOptions = {},
): GroundingAssessment {
  const threshold = options.threshold ?? 1;
  const ctx = prepare(input.context);
  // Citation markers ("[2]") are the citations gate's business, not numbers to ground.
  const answer = input.answer.replace(/\[\d+(?:\s*[,;–-]\s*\d+)*\]/g, '');
  const claims = splitSentences(answer).flatMap((s) =>
    s
      .split(/;\s+|,\s+but\s+|,\s+(?:while|whereas)\s+|,\s+and\s+(?=[A-Z])/i)
      .filter((c) => c.trim()),
  );
  const unsupported: UnsupportedClaim[] = [];
  let total = 0;
  for (const claim of claims) {
    const { ratio, problems } = checkClaim(claim, ctx, threshold);
    total += problems.length ? ratio / 2 : ratio;
    for (const p of problems) unsupported.push({ claim: claim.trim(), ...p });
  }
  const reply = checkReply(input.question, answer, ctx);
  for (const p of reply) unsupported.push({ claim: answer.trim(), ...p });
  const score = (claims.length ? total / claims.length : 1) * (reply.length ? 0.5 : 1);
  return { grounded: unsupported.length === 0, score, unsupported };
}

const KIND_MESSAGES: Record<UnsupportedKind, string> = {
  number: 'a number it does not contain',
  name: 'a name it does not contain',
  words: 'words it does not contain',
  attribution: 'a statement it makes about something else',
  negation: 'a denial it does not make',
  reply: 'the answer does not reply to the question',
  choice: 'the answer picks an option the context does not back',
};

/** The grounding gate (OUTPUT, ERROR): FAILED when any claim of the answer lacks support in the context. */
export function createGroundingGate(options: GroundingOptions = {}): Gate<GroundingInput> {
  const gate = { name: 'grounding', stage: 'OUTPUT', severity: 'ERROR' } as const;
  return {
    ...gate,
    check: function checkGrounding(input: GroundingInput): GateResult {
      if (!input.answer.trim()) return verdict(gate, 'SKIPPED', 'No answer to check.');
      if (!input.context.some((c) => c.trim())) {
        return verdict(gate, 'FAILED', 'The answer has no context to be grounded in.', 0);
      }
      const a = assessGrounding(input, options);
      if (a.grounded) {
        return verdict(gate, 'PASSED', 'Every claim is supported by the context.', a.score);
      }
      // Kinds, not quotes: the message goes to clients and must not echo the answer's text.
      const kinds = [...new Set(a.unsupported.map((u) => KIND_MESSAGES[u.kind]))].join('; ');
      return verdict(gate, 'FAILED', `Not supported by the context: ${kinds}.`, a.score);
    },
  };
}
