import { contentWords, splitSentences } from '../language/text.js';
import { describeWmoCode } from '../sources/wmo.js';
import { splitChunk } from '../vector/chunker.js';
import { askedDays, daySentence, type Evidence } from './evidence.js';
import { amount, celsius, percent } from './format.js';

/** Evidence numbered as it appears in the context: `[index]`. */
export interface NumberedEvidence {
  index: number;
  evidence: Evidence;
}

const NEWS_SENTENCES = 3;

/** A passage's sentences, without its heading trail, with its heading words to score them by. */
interface PassageSentences {
  heading: Set<string>;
  sentences: string[];
}

/** A passage's sentences (list markers dropped), and the words of its heading and title. */
function passageSentences(text: string, title: string | null): PassageSentences {
  const { heading, body } = splitChunk(text);
  const sentences = splitSentences(body)
    .map((s) =>
      s
        .replace(/^[#>*\-\s…]+/, '')
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .filter((s) => s.length > 20);
  return { heading: new Set(contentWords(`${heading ?? ''} ${title ?? ''}`)), sentences };
}

const shared = (asked: ReadonlySet<string>, words: Iterable<string>) => {
  let n = 0;
  for (const w of new Set(words)) if (asked.has(w)) n++;
  return n;
};

/**
 * The passage sentences that answer the question best, each cited by its passage. A sentence
 * scores the question's content words it shares, plus half of those its section heading shares
 * (the heading says what the passage is about, but is not itself part of the answer). The best
 * sentence and any that tie with it are kept (at most two, lead sentences first), in the order
 * of the context.
 */
function passageAnswer(question: string, passages: readonly NumberedEvidence[]): string[] {
  const asked = new Set(contentWords(question));
  const scored = passages.flatMap(({ index, evidence }, rank) => {
    const { heading, sentences } = passageSentences(evidence.text, evidence.title);
    const about = shared(asked, heading) / 2;
    return sentences.map((sentence, order) => ({
      index,
      rank,
      order,
      sentence,
      score: shared(asked, contentWords(sentence)) + about,
    }));
  });
  if (!scored.length) return [];
  const top = Math.max(...scored.map((c) => c.score));
  // Among equals, a section's lead sentence first (it states what the section is about), then
  // the better-ranked passage.
  return scored
    .filter((c) => c.score === top)
    .sort((a, b) => a.order - b.order || a.rank - b.rank)
    .slice(0, 2)
    .sort((a, b) => a.rank - b.rank || a.order - b.order)
    .map((c) => {
      const text = c.sentence.length > 400 ? `${c.sentence.slice(0, 397)}...` : c.sentence;
      return `${text.replace(/[.!?]$/, '')} [${c.index}].`;
    });
}

function weatherSentence(e: Extract<Evidence, { kind: 'weather' }>, ref: string): string {
  const { weather, time } = e;
  const { place, forecast } = weather;
  const current = forecast.current;
  const days = (indexes: readonly number[]) =>
    indexes.map((i) => `${daySentence(weather, i)} ${ref}.`).join(' ');
  if (time.when !== 'now' && time.when !== 'today' && forecast.daily.length > 0) {
    // The day asked about; all the forecast has when that day is beyond it.
    const asked = askedDays(forecast.daily, time);
    return days(asked.length ? asked : forecast.daily.map((_, i) => i));
  }
  if (current && current.temperatureC !== null) {
    const facts = [
      `temperature ${celsius(current.temperatureC)}`,
      current.apparentTemperatureC !== null &&
        `feels like ${celsius(current.apparentTemperatureC)}`,
      describeWmoCode(current.weatherCode)?.toLowerCase(),
    ].filter(Boolean);
    const now = `${place.name} now: ${facts.join(', ')} ${ref}.`;
    return time.when === 'today' && forecast.daily.length ? `${now} ${days([0])}` : now;
  }
  return forecast.daily.length ? days([0]) : `No readings for ${place.name} ${ref}.`;
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
  sentences.push(...passageAnswer(question, passages));
  return sentences.join(' ');
}
