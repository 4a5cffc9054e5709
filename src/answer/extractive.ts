import { describeWmoCode } from '../sources/wmo.js';
import type { Evidence } from './evidence.js';
import { amount, celsius, percent } from './format.js';

/** Evidence numbered as it appears in the context: `[index]`. */
export interface NumberedEvidence {
  index: number;
  evidence: Evidence;
}

const NEWS_SENTENCES = 3;

/** Content words, lightly stemmed (`limits` and `limit` match). */
const words = (text: string) =>
  new Set(
    text
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w.length > 2)
      .map((w) => (w.length > 3 ? w.replace(/s$/, '') : w)),
  );

/** The sentence of a passage sharing most words with the question (its heading trail left out). */
function bestSentence(text: string, question: string): string {
  const asked = words(question);
  // Chunks start with their heading trail (`Page › Section`) on a line of its own.
  // A single-level trail or a prepended title has no `›`: any leading line without a sentence end
  // followed by a blank line is a heading, not part of the passage's sentences.
  const body = text.replace(/^(?:[^\n]*›[^\n]*\n+|(?:[^\n.!?]*\n\s*\n)+)/, '').replace(/\s+/g, ' ');
  const sentences = body
    .split(/(?<=[.!?])\s+(?=[A-Z0-9`*"(])/)
    .map((s) => s.replace(/^[#>*\-\s…]+/, '').trim())
    .filter((s) => s.length > 20);
  let best = sentences[0] ?? body.trim();
  let bestScore = -1;
  for (const sentence of sentences) {
    const score = [...words(sentence)].filter((w) => asked.has(w)).length;
    if (score > bestScore) [best, bestScore] = [sentence, score];
  }
  return best.length > 400 ? `${best.slice(0, 397)}...` : best;
}

function weatherSentence(e: Extract<Evidence, { kind: 'weather' }>, ref: string): string {
  const { place, forecast } = e.weather;
  const current = forecast.current;
  const describe = (code: number | null) => describeWmoCode(code)?.toLowerCase();
  const dayText = (d: (typeof forecast.daily)[number]) =>
    [
      d.minC !== null && `min ${celsius(d.minC)}`,
      d.maxC !== null && `max ${celsius(d.maxC)}`,
      describe(d.weatherCode),
    ]
      .filter(Boolean)
      .join(', ');
  const tomorrow = forecast.daily[1];
  if (e.when === 'tomorrow' && tomorrow) {
    return `${place.name} on ${tomorrow.date}: ${dayText(tomorrow)} ${ref}.`;
  }
  if (e.when !== 'now' && e.when !== 'today' && forecast.daily.length > 1) {
    return forecast.daily.map((d) => `${place.name} on ${d.date}: ${dayText(d)} ${ref}.`).join(' ');
  }
  const today = forecast.daily[0];
  if (current && current.temperatureC !== null) {
    const facts = [
      `temperature ${celsius(current.temperatureC)}`,
      current.apparentTemperatureC !== null &&
        `feels like ${celsius(current.apparentTemperatureC)}`,
      describe(current.weatherCode),
    ].filter(Boolean);
    const now = `${place.name} now: ${facts.join(', ')} ${ref}.`;
    return e.when === 'today' && today
      ? `${now} ${place.name} on ${today.date}: ${dayText(today)} ${ref}.`
      : now;
  }
  return today
    ? `${place.name} on ${today.date}: ${dayText(today)} ${ref}.`
    : `No readings for ${place.name} ${ref}.`;
}

function quoteSentence(e: Extract<Evidence, { kind: 'quote' }>, ref: string): string {
  const q = e.quote;
  const name = q.name ? ` (${q.name})` : '';
  const move =
    q.changePercent !== null ? `, ${percent(q.changePercent, true)} on the previous close` : '';
  return `${q.symbol}${name} is at ${amount(q.price)}${q.currency ? ` ${q.currency}` : ''}${move} ${ref}.`;
}

function rateSentence(e: Extract<Evidence, { kind: 'exchangeRate' }>, ref: string): string {
  const { rate } = e;
  const unit = `1 ${rate.base} = ${amount(rate.rate)} ${rate.target}`;
  const when = `reference rate of ${rate.date}`;
  if (e.amount !== null && e.amount !== 1) {
    const converted = `${amount(e.amount)} ${rate.base} = ${amount(e.amount * rate.rate)} ${rate.target}`;
    return `${converted} at ${unit} (${when}) ${ref}.`;
  }
  return `${unit} (${when}) ${ref}.`;
}

/**
 * The local synthesiser: composes an answer from the best-supported facts, each sentence citing
 * the context item it restates, with values written exactly as the context writes them.
 */
export function synthesiseExtractive(
  question: string,
  context: readonly NumberedEvidence[],
): string {
  const sentences: string[] = [];
  const news: NumberedEvidence[] = [];
  const passages: NumberedEvidence[] = [];
  for (const item of context) {
    const ref = `[${item.index}]`;
    const { evidence } = item;
    switch (evidence.kind) {
      case 'weather':
        sentences.push(weatherSentence(evidence, ref));
        break;
      case 'quote':
        sentences.push(quoteSentence(evidence, ref));
        break;
      case 'exchangeRate':
        sentences.push(rateSentence(evidence, ref));
        break;
      case 'news':
        news.push(item);
        break;
      case 'search':
        passages.push(item);
        break;
      default: {
        const never: never = evidence;
        throw new TypeError(`unknown evidence ${JSON.stringify(never)}`);
      }
    }
  }
  for (const { index, evidence } of news.slice(0, NEWS_SENTENCES)) {
    const a = (evidence as Extract<Evidence, { kind: 'news' }>).article;
    sentences.push(
      `Headline: "${a.title}" (${a.source}, ${a.publishedAt.slice(0, 10)}) [${index}].`,
    );
  }
  for (const { index, evidence } of passages.slice(0, 2)) {
    const sentence = bestSentence(evidence.text, question).replace(/[.!?]?$/, '');
    sentences.push(`${sentence} [${index}].`);
  }
  return sentences.join(' ');
}
