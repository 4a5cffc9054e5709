import './styles.css';
import {
  AnswerDocument,
  QuotesDocument,
  WeatherDocument,
  type ClientError,
} from '../../../src/client/index.js';
import { apiKeyStore, run } from './api.js';
import { byId, h } from './dom.js';
import { formatMs } from './format.js';
import { errorsAlert, renderAlerts, statusAlert, type Alert } from './render/alerts.js';
import { renderAnswerMeta, renderAnswerText, renderCitations } from './render/answer.js';
import { cardRequests, errorCard, quoteCard, weatherCard } from './render/cards.js';
import { renderCost } from './render/cost.js';
import { renderGates } from './render/gates.js';
import { renderSources } from './render/sources.js';
import { renderWaterfall } from './render/waterfall.js';
import type { Answer } from './types.js';
import { questionFromUrl, writeQuestionToUrl } from './url-state.js';

const askForm = byId<HTMLFormElement>('ask-form');
const question = byId<HTMLInputElement>('question');
const keyForm = byId<HTMLFormElement>('key-form');
const keyInput = byId<HTMLInputElement>('api-key');
const alerts = byId('alerts');
const status = byId('status');
const results = byId('results');
const cards = byId('cards');

/** The request in flight: a newer question aborts it, so a slow answer never overwrites a newer one. */
let inFlight: AbortController | undefined;
/** The question that met a 401, asked again once a key is entered. */
let waitingForKey: string | undefined;

function render(answer: Answer): void {
  renderAnswerMeta(byId('answer-meta'), answer);
  renderAnswerText(byId('answer-text'), answer);
  renderCitations(byId('citations'), answer);
  renderSources(byId('sources'), answer.sources);
  renderGates(byId('gates'), answer.gates);
  byId('trace-meta').textContent =
    `${answer.trace.spans.length} spans over ${formatMs(answer.trace.durationMs)} · trace ${answer.trace.traceId}`;
  renderWaterfall(byId('waterfall'), answer.trace);
  renderCost(byId('cost'), answer);
  results.dataset.answerId = answer.id;
  results.hidden = false;
}

/** Weather and quote cards for what the router chose (`SourceCall.args`), fetched after the answer shows. */
async function loadCards(answer: Answer, signal: AbortSignal): Promise<void> {
  const { places, symbols } = cardRequests(answer);
  if (places.length === 0 && symbols.length === 0) {
    cards.hidden = true;
    cards.replaceChildren();
    return;
  }
  const heading = h('h2', { class: 'visually-hidden' }, 'Data');
  cards.replaceChildren(heading, h('p', { class: 'empty' }, 'Loading data…'));
  cards.hidden = false;
  const weather = places.map(async ({ location, days }) => {
    const outcome = await run(WeatherDocument, { location, days }, signal);
    return outcome.kind === 'data' && outcome.data.weather
      ? weatherCard(outcome.data.weather)
      : errorCard(`Weather in ${location}`, outcome.errors);
  });
  const quotes = async () => {
    if (symbols.length === 0) return [];
    const outcome = await run(QuotesDocument, { symbols }, signal);
    const list = outcome.kind === 'data' ? (outcome.data.quotes ?? []) : [];
    return symbols.map((symbol, i) => {
      const quote = list[i];
      if (quote) return quoteCard(quote);
      const slotErrors = outcome.errors.filter((e) => e.path === undefined || e.path[1] === i);
      return errorCard(`Quote for ${symbol}`, slotErrors);
    });
  };
  try {
    const nodes = [...(await Promise.all(weather)), ...(await quotes())];
    if (!signal.aborted) cards.replaceChildren(heading, ...nodes);
  } catch {
    // Aborted by a newer question, which renders its own cards.
  }
}

function askForKey(errors: readonly ClientError[], question: string): void {
  waitingForKey = question;
  const refused = apiKeyStore.get() !== undefined;
  if (refused) apiKeyStore.clear();
  renderAlerts(alerts, [
    errorsAlert(
      refused ? 'The API key was refused: enter another one.' : 'This gateway needs an API key.',
      errors,
    ),
  ]);
  keyForm.hidden = false;
  keyInput.focus();
  status.textContent = '';
}

async function ask(text: string, { updateUrl = true } = {}): Promise<void> {
  inFlight?.abort();
  const controller = new AbortController();
  inFlight = controller;
  question.value = text;
  if (updateUrl) writeQuestionToUrl(text);
  document.title = `${text} · Sluice`;
  renderAlerts(alerts, []);
  status.textContent = 'Asking…';
  results.setAttribute('aria-busy', 'true');
  const started = performance.now();
  let outcome;
  try {
    outcome = await run(AnswerDocument, { question: text }, controller.signal);
  } catch {
    return; // aborted: a newer question is on its way
  }
  if (controller !== inFlight) return;
  results.removeAttribute('aria-busy');
  if (outcome.kind === 'unauthenticated') return askForKey(outcome.errors, text);
  const answer = outcome.kind === 'data' ? outcome.data.answer : null;
  if (!answer) {
    results.hidden = true;
    renderAlerts(alerts, [errorsAlert('The question could not be answered.', outcome.errors)]);
    status.textContent = 'Failed.';
    return;
  }
  render(answer);
  const shown: Alert[] = [];
  const answerStatus = statusAlert(answer);
  if (answerStatus) shown.push(answerStatus);
  if (outcome.errors.length > 0)
    shown.push(errorsAlert('The gateway reported errors.', outcome.errors));
  renderAlerts(alerts, shown);
  status.textContent = `${answer.status.toLowerCase()} in ${formatMs(performance.now() - started)}, cache ${answer.cache.hit.toLowerCase()}.`;
  // For load-time measurements (the browser test reads it): navigation start to answer shown.
  performance.mark('sluice:answer-shown');
  void loadCards(answer, controller.signal);
}

askForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const text = question.value.trim();
  if (text) void ask(text);
});

keyForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const key = keyInput.value.trim();
  if (!key) return;
  apiKeyStore.set(key);
  keyInput.value = '';
  keyForm.hidden = true;
  const pending = waitingForKey ?? question.value.trim();
  waitingForKey = undefined;
  question.focus();
  if (pending) void ask(pending, { updateUrl: false });
});

window.addEventListener('popstate', () => {
  const text = questionFromUrl();
  if (text) void ask(text, { updateUrl: false });
});

const initial = questionFromUrl();
if (initial) void ask(initial, { updateUrl: false });
