import { verdict } from './types.js';
import type { Gate, GateResult } from './types.js';
import {
  extractNumbers,
  names,
  normalise,
  splitSentences,
  stem,
  tokenize,
} from '../language/text.js';

/** The kinds of phrase that signal a model making things up or answering beyond its context. */
export type MarkerKind =
  | 'ai-disclaimer'
  | 'knowledge-cutoff'
  | 'no-access-but-states'
  | 'hedged-fact'
  | 'invented-reference'
  | 'fake-url'
  | 'citation-needed'
  | 'placeholder';

/** One marker found, with the phrase that triggered it. */
export interface HallucinationMarker {
  kind: MarkerKind;
  text: string;
}

/** Optional context: a reference or URL that occurs in it is not invented. */
export interface MarkerOptions {
  context?: readonly string[];
}

/** What the gate reads: the answer, and the context it was built from when there is one. */
export interface HallucinationMarkersInput {
  answer: string;
  context?: readonly string[];
}

// Each family is written as a small grammar (subject, verb, object slots) rather than a list of
// sentences, so paraphrases of the same move are caught.
const AI_DISCLAIMER = [
  /\b(?:as|being|since I(?:'m| am)|because I(?:'m| am)|I(?:'m| am)) (?:just |only |merely )?an? (?:ai(?: (?:language )?model| assistant| chatbot| system)?|artificial intelligence|(?:large )?language model|virtual assistant|chatbot)\b/i,
];
const KNOWLEDGE_CUTOFF = [
  /\b(?:as of|up to|until|since|according to|based on) my (?:last |latest |most recent )?(?:knowledge|training|update|information)\b/i,
  /\bmy (?:knowledge|training|information)(?: data)? (?:cut-?off|only goes|goes|extends|ends|stops|is limited)\b/i,
  /\bas far as my (?:training|knowledge|data) goes\b/i,
  /\b(?:my|the) training data (?:only )?(?:goes |runs |extends )?(?:up to|until|through)\b/i,
  /\b(?:last|when) I was (?:last )?(?:updated|trained)\b|\bI was (?:last )?trained (?:on data )?(?:up to|until|through|in)\b/i,
  /\b(?:knowledge|training) cut-?off\b/i,
];
const NO_ACCESS = new RegExp(
  [
    // "I don't have (the ability to check) real-time ...", "I can't browse the web"
    "\\bI (?:do not|don't|cannot|can't|am unable to|am not able to|have no (?:way|means) to)(?: have)?(?: the (?:ability|means) to)?(?: (?:access|check|see|look up|browse|search|verify|retrieve|get)(?: to)?)?(?: the)? (?:real-time|live|current|up-to-date|latest|internet|web|browsing)\\b",
    // "Without live market access ..."
    '\\bwithout (?:any )?(?:real-time|live|current|internet|web)(?: \\w+)? (?:access|data)\\b',
  ].join('|'),
  'i',
);
const FIRST_PERSON_HEDGE =
  /\b(?:I(?:'d| would)? (?:believe|think|guess|assume|suppose|recall|reckon|imagine|suspect|estimate|say|expect)|if I (?:recall|remember)(?: correctly| right)?|to the best of my (?:knowledge|recollection)|I(?:'m| am) (?:not (?:entirely |completely |100% |quite )?(?:sure|certain)|(?:fairly|pretty|quite) (?:sure|confident)|guessing)|from what I (?:remember|recall)|my best guess|off the top of my head)\b/i;
const IMPERSONAL_HEDGE =
  /\b(?:probably|likely|possibly|presumably|perhaps|maybe|conceivably|it(?: is|'s) (?:likely|possible|probable|conceivable) that)\b/i;
const REFERENCE = [
  // "according to (a 2019) study / experts / sources"
  /\b(?:according to|per|as per|citing) (?:(?:an?|one|some|several|many|various|multiple) )?(?:recent |new |widely cited )?(?:\d{4} )?(?:[A-Z][\w&.-]* )?(?:study|studies|survey|report|reports|paper|analysis|research|experts?|sources?|scientists?|researchers?|analysts?)\b/,
  /\b(?:According to|Per|As per|Citing) (?:(?:an?|one|some|several|many|various|multiple) )?(?:recent |new )?(?:\d{4} )?(?:[A-Z][\w&.-]* )?(?:study|studies|survey|report|reports|paper|analysis|research|experts?|sources?|scientists?|researchers?|analysts?)\b/,
  // "a (2021 Harvard) study found / by / published ..."
  /\b(?:[Aa]n?|[Oo]ne|[Tt]he latest) (?:(?:recent|new|\d{4}|[A-Z][\w&.-]*) ){0,3}(?:study|survey|paper|meta-analysis|poll|analysis|report) (?:by|from|in|published|conducted|at|found|finds|shows?|showed|says|said|suggests?|suggested|concluded|revealed|confirms?|confirmed)\b/,
  // "studies have shown", "analysts widely report", "experts agree"
  /\b(?:studies|research|experts|scientists|researchers|analysts|economists|observers|insiders)(?: \w+ly)? (?:have |has )?(?:shown?|show|suggests?|found|agree|indicate|report(?:ed)?|say|said|believe|estimate)\b/i,
  /\bpublished in (?:the )?journal of\b/i,
];
const CITATION_NEEDED =
  /\[(?:citation|source|reference)s? needed\]|\((?:citation|source) needed\)|\[(?:source|citation)\?\]|\[\?\]/i;
const PLACEHOLDER = [
  // "XX.X", "$XXX.XX", "XX%"
  /(?<![A-Za-z0-9])\$?\s?X{1,4}[.,]X{1,3}(?![A-Za-z0-9])|(?<![A-Za-z0-9])(?:\$\s?X{2,}|X{2,}\s?%)/,
  // "[insert value]", "<insert price>", "{{date}}", "[PRICE]", "<TITLE>", "{NAME}"
  /\[(?:insert|add|enter|your|placeholder)\b[^\]]*\]|<(?:insert|add|enter|your)\b[^>]*>|\{\{\s*\w+\s*\}\}/i,
  /\[[A-Z][A-Z_ ]{1,24}\]|<[A-Z][A-Z_]{1,24}>|\{[A-Z][A-Z_]{1,24}\}/,
  // A bare letter where a value belongs: "humidity is N%", "the UV index is X."
  /\b(?:is|was|at|of|to|be) [NX](?:\s?%|(?=[.,;]?(?:\s|$)))/,
  /\bTB[DA]\b/,
  /\blorem ipsum\b/i,
];
const URL_RE = /\bhttps?:\/\/[^\s)<>"'\]]+|\bwww\.[a-z0-9-]+\.[a-z]{2,}[^\s)<>"'\]]*/gi;
const PLACEHOLDER_HOST =
  /(?:^|\.)(?:example\.(?:com|org|net)|(?:your|my)-?(?:site|website|domain|company|blog)\.\w+|domain\.com|website\.com|placeholder\.\w+|fake[\w-]*\.\w+)$|x{3,}/i;

/**
 * Text that is quoted rather than said: code, block quotes, and quoted spans. "As an AI language
 * model" inside a quotation of the user, or in documentation about this gate, is not a marker.
 */
function unquoted(text: string): string {
  return (
    normalise(text)
      .replace(/```[\s\S]*?```/g, ' ')
      .replace(/`[^`\n]*`/g, ' ')
      .replace(/^\s*>.*$/gm, ' ')
      .replace(/"[^"\n]{1,300}"/g, ' ')
      // Single quotes: an apostrophe inside a word ("it's") does not close the quotation.
      .replace(/(^|[\s(])'(?:[^'\n]|'(?=[A-Za-z])){1,200}'(?![A-Za-z])/g, '$1 ')
  );
}

/** States a fact worth checking: a number, or a name other than the speaker. */
function statesFact(sentence: string): boolean {
  return (
    extractNumbers(sentence).some((n) => /\d/.test(n.raw)) ||
    names(sentence).some((n) => !/^(?:I|I'm|AI)$/.test(n))
  );
}

/** A value whose hedging matters: a measurement, price, share, date or decimal, not a plain count. */
function statesValue(sentence: string): boolean {
  // A physical measurement ("40 mm", "12 km/h"); latencies and counts are not hedged facts.
  if (/\d\s?(?:°|mm|cm|km|km\/h|mph|m\/s|kg|hpa|kwh|gw|mw)(?![a-z])/i.test(sentence)) return true;
  return extractNumbers(sentence).some(
    (n) => /\d/.test(n.raw) && (n.kind !== 'number' || n.decimals > 0 || n.signed),
  );
}

const SOURCE_NOUN =
  /^(?:stud|survey|report|paper|analys|research|expert|source|scientist|analyst|economist|observer|insider|journal|poll)/;

/** A reference the context itself makes: its year, source noun and names all occur there. */
function inContext(phrase: string, context: ReadonlySet<string>): boolean {
  const named = new Set(names(phrase).flatMap((n) => tokenize(n)));
  const words = tokenize(phrase)
    .map(stem)
    .filter((w) => /^\d{4}$/.test(w) || SOURCE_NOUN.test(w) || named.has(w));
  return words.length > 0 && words.every((w) => context.has(w));
}

/**
 * Finds phrases that signal a made-up or out-of-context answer: AI disclaimers, knowledge-cutoff
 * talk, "no real-time access" followed by a value anyway, first-person hedges around a fact,
 * impersonal hedges around a measured value, references to studies or sources the context does
 * not hold, placeholder or unknown URLs, "[citation needed]" and unfilled placeholders.
 */
export function detectHallucinationMarkers(
  text: string,
  options: MarkerOptions = {},
): { markers: HallucinationMarker[] } {
  const markers: HallucinationMarker[] = [];
  const add = (kind: MarkerKind, m: RegExpExecArray | null) => {
    if (m) markers.push({ kind, text: m[0].trim() });
  };
  const context = options.context ? new Set(tokenize(options.context.join(' ')).map(stem)) : null;
  const rawContext = options.context ? normalise(options.context.join(' ')).toLowerCase() : '';
  const said = unquoted(text);
  const statesAnyValue = extractNumbers(said).some((n) => /\d/.test(n.raw));
  for (const sentence of splitSentences(said)) {
    for (const re of AI_DISCLAIMER) add('ai-disclaimer', re.exec(sentence));
    for (const re of KNOWLEDGE_CUTOFF) add('knowledge-cutoff', re.exec(sentence));
    if (statesAnyValue) add('no-access-but-states', NO_ACCESS.exec(sentence));
    if (statesFact(sentence)) add('hedged-fact', FIRST_PERSON_HEDGE.exec(sentence));
    if (statesValue(sentence)) add('hedged-fact', IMPERSONAL_HEDGE.exec(sentence));
    for (const re of REFERENCE) {
      const m = re.exec(sentence);
      if (m && !(context !== null && inContext(m[0], context))) add('invented-reference', m);
    }
    add('citation-needed', CITATION_NEEDED.exec(sentence));
    for (const re of PLACEHOLDER) add('placeholder', re.exec(sentence));
  }
  for (const m of normalise(text).matchAll(URL_RE)) {
    const url = m[0].replace(/[.,;:!?]+$/, '');
    const host = url.replace(/^https?:\/\//i, '').split(/[/?#:]/)[0] ?? '';
    // With a context, a URL is fake when the context does not give it; without, when it is a placeholder.
    const fake = options.context
      ? !rawContext.includes(url.toLowerCase())
      : PLACEHOLDER_HOST.test(host);
    if (fake) markers.push({ kind: 'fake-url', text: url });
  }
  return { markers };
}

/** The hallucination-markers gate (OUTPUT, WARNING): WARNING when the answer carries any marker. */
export function createHallucinationMarkersGate(): Gate<HallucinationMarkersInput> {
  const gate = { name: 'hallucination_markers', stage: 'OUTPUT', severity: 'WARNING' } as const;
  return {
    ...gate,
    check: function checkHallucinationMarkers(input: HallucinationMarkersInput): GateResult {
      if (!input.answer.trim()) return verdict(gate, 'SKIPPED', 'No answer to check.');
      const options = input.context ? { context: input.context } : {};
      const { markers } = detectHallucinationMarkers(input.answer, options);
      if (!markers.length) return verdict(gate, 'PASSED', 'No hallucination markers.', 0);
      // Kinds only: the message goes to clients and must not echo the answer.
      const kinds = [...new Set(markers.map((m) => m.kind))].join(', ');
      const risk = Math.min(1, markers.length / 3);
      return verdict(gate, 'WARNING', `Hallucination markers found: ${kinds}.`, risk);
    },
  };
}
