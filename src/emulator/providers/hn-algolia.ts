import { datedUrl } from './newsapi.js';
import {
  json,
  type EmulatedProvider,
  type EmulatedRequest,
  type EmulatedResponse,
} from '../types.js';

/** [title, url (null for Ask HN), author, points, comments, hours ago, Ask HN paragraphs] */
type Row = [string, string | null, string, number, number, number, string[]?];

// prettier-ignore
const ROWS: Row[] = [
  ['Show HN: A local LLM code reviewer that runs on a laptop GPU', 'https://github.com/mkorhonen/revu', 'mkorhonen', 412, 187, 20],
  ['Scaling laws for sparse mixture-of-experts language models', 'https://arxiv.org/abs/{yy}{mm}.11873', 'tzs', 286, 94, 46],
  ['Ask HN: How are you evaluating LLM output quality in production?', null, 'dsalzman', 198, 143, 30, [
    "We ship a support assistant built on a hosted LLM and our evals are a spreadsheet of 200 prompts that someone checks by hand before every release. It doesn't scale and it misses regressions in tone.",
    "What are people using for automated evaluation? LLM-as-judge, embedding similarity against golden answers, or something else? How do you keep the judge honest when the model under test changes?",
    'Bonus points for anything that works offline / in CI without calling a paid API on every run.']],
  ['OpenAI cuts API prices for its reasoning models again', 'https://www.theverge.com/ai-artificial-intelligence/openai-api-price-cut', 'pseudolus', 331, 260, 70],
  ['The hidden costs of retrieval-augmented generation', 'https://www.anyscale.com/blog/rag-hidden-costs', 'kiyanwang', 154, 61, 120],
  ['Announcing Rust 1.87.0', 'https://blog.rust-lang.org/{yyyy}/{mm}/{dd}/Rust-1.87.0/', 'mustache_kimono', 367, 121, 28],
  ['Async Rust without the pain: structured concurrency in practice', 'https://without.boats/blog/structured-concurrency/', 'withoutboats', 244, 139, 95],
  ['We rewrote our ingestion pipeline from Go to Rust and cut memory use by 70%', 'https://engineering.segmentstream.io/go-to-rust-ingestion', 'jkulak', 302, 288, 160],
  ['Ask HN: Is Rust worth learning for backend web development?', null, 'throwaway_be', 121, 176, 210, [
    "I've written Python and Node backends for eight years. Everyone around me says Rust is the future, but most of what I build is CRUD over Postgres with some queues.",
    "Is the borrow checker worth the slower iteration for that kind of work? Would love to hear from people who moved a team to Rust (axum / actix) and whether they'd do it again."]],
  ['PostgreSQL 18 Beta 1 released', 'https://www.postgresql.org/about/news/postgresql-18-beta-1-released-3070/', 'jkatz05', 455, 152, 52],
  ['Postgres as a queue: lessons from processing 500M jobs', 'https://www.crunchydata.com/blog/postgres-as-a-queue-lessons', 'craigkerstiens', 276, 118, 140],
  ['How we scaled Postgres to 20TB without sharding', 'https://www.figma.com/blog/how-we-scaled-postgres-without-sharding/', 'ksec', 389, 204, 330],
  ['SQLite is not a toy database', 'https://antonz.org/sqlite-is-not-a-toy-database/', 'nalgeon', 233, 97, 400],
  ['Ask HN: What is your Postgres backup strategy?', null, 'mfrye', 167, 132, 75, [
    'We run a single 2 TB Postgres primary with one streaming replica. Today we take nightly pg_dump snapshots to S3, which takes almost four hours and gives us a 24h recovery point.',
    "I'm looking at pgBackRest and WAL-G for continuous WAL archiving and point-in-time recovery. What do you use, and how often do you actually test a restore?"]],
  ['GraphQL federation in practice: two years in', 'https://medium.com/airbnb-engineering/graphql-federation-two-years-in', 'adtac', 188, 92, 60],
  ['Why we moved from REST to GraphQL and back again', 'https://www.thoughtworks.com/insights/blog/graphql-and-back-again', 'rbanffy', 241, 233, 190],
  ['Show HN: Sluice, a GraphQL gateway that batches calls to REST APIs', 'https://github.com/sluice-gw/sluice', 'pmalinen', 97, 38, 12],
  ['The N+1 problem in GraphQL, explained with DataLoader', 'https://www.apollographql.com/blog/the-n-plus-one-problem-dataloader', 'bubblehack3r', 133, 41, 260],
  ['Critical RCE in a popular XML library affects millions of Java apps', 'https://www.bleepingcomputer.com/news/security/critical-rce-xml-library-java/', 'campuscodi', 512, 230, 18],
  ['Attackers abuse the OAuth device code flow to phish Microsoft 365 users', 'https://www.microsoft.com/en-us/security/blog/device-code-phishing', 'gnabgib', 287, 109, 84],
  ['A supply chain attack hit npm packages with 2B weekly downloads', 'https://www.aikido.dev/blog/npm-supply-chain-attack', 'cbracketdash', 744, 398, 130],
  ['Ask HN: How do you manage secrets for a small team?', null, 'kmill', 142, 115, 240, [
    'We are five engineers and our secrets live in a shared password manager plus a .env file that gets passed around on Slack. I know, I know.',
    'Vault feels like overkill. Are SOPS + age, Doppler or the cloud provider\'s secret manager good enough at this size? How do you rotate keys when someone leaves?']],
  ['Passkeys are finally usable', 'https://www.wired.com/story/passkeys-are-finally-usable/', 'Brajeshwar', 205, 311, 280],
  ['Starship completes its first full orbital flight and ship catch', 'https://www.space.com/spacex-starship-orbital-flight-ship-catch', 'rbanffy', 981, 644, 40],
  ["Europa Clipper captures first images of Mars during gravity assist", 'https://www.jpl.nasa.gov/news/europa-clipper-mars-flyby-images/', 'perihelions', 318, 77, 150],
  ["ESA's Hera mission arrives at the Didymos asteroid system", 'https://www.esa.int/Space_Safety/Hera/Hera_arrives_at_Didymos', 'belter', 264, 58, 300],
  ['JWST detects carbon dioxide and methane in a temperate exoplanet atmosphere', 'https://webbtelescope.org/news/{yyyy}/jwst-temperate-exoplanet-atmosphere', 'pseudolus', 402, 165, 500],
  ['Global sea surface temperatures hit a record for the third year running', 'https://www.theguardian.com/environment/sea-surface-temperature-record', 'mitchbob', 356, 290, 36],
  ['Iron-air batteries begin grid-scale deployment in Minnesota', 'https://www.canarymedia.com/articles/energy-storage/iron-air-batteries-minnesota', 'toomuchtodo', 423, 246, 110],
  ['Heat pumps outsold gas furnaces in the US for the third straight year', 'https://www.axios.com/{yyyy}/heat-pumps-outsold-gas-furnaces', 'ckcheng', 298, 421, 230],
  ['Ask HN: Carbon removal startups, is any of this working?', null, 'greenie_ops', 88, 97, 360, [
    "Every week there's a new direct air capture or enhanced weathering startup announcing a big offtake deal. The numbers I can find suggest total permanent removal is still a rounding error on global emissions.",
    'For people working in climate tech: which approaches actually look like they can reach gigatonne scale, and which are mostly selling credits?']],
  ['The Fed holds rates steady and signals two cuts later this year', 'https://www.reuters.com/markets/us/fed-holds-rates-steady-signals-two-cuts', 'petethomas', 214, 303, 26],
  ['Index funds now own more than a quarter of the S&P 500', 'https://www.bloomberg.com/news/articles/index-funds-own-quarter-of-sp500', 'jseliger', 276, 348, 170],
  ['Nasdaq closes at a record high as chip stocks rally', 'https://www.cnbc.com/{yyyy}/nasdaq-record-high-chip-stocks-rally.html', 'ryan_j_naughton', 131, 112, 66],
  ['Ask HN: How do you invest as a software engineer?', null, 'quietquant', 176, 412, 190, [
    "I'm 31, earn a decent salary and have RSUs vesting every quarter. Right now everything sits in a broad index fund and a high-yield savings account.",
    "Should I diversify out of my employer's stock faster? Do you bother with bonds, real estate or anything more exotic, or is \"buy the market and forget it\" still the answer?"]],
  ['Apple announces Mac Pro with M4 Ultra', 'https://www.apple.com/newsroom/{yyyy}/mac-pro-m4-ultra/', 'tosh', 497, 512, 56],
  ["EU fines Apple over App Store anti-steering rules", 'https://www.politico.eu/article/eu-fines-apple-app-store-anti-steering/', 'ZeljkoS', 388, 476, 100],
  ['Asahi Linux brings GPU acceleration to M3 Macs', 'https://asahilinux.org/{yyyy}/m3-gpu-acceleration/', 'marcan_42', 612, 201, 320],
  ['Bitcoin crosses $100k for the first time', 'https://www.coindesk.com/markets/bitcoin-crosses-100k', 'fortran77', 531, 877, 44],
  ["The Lightning Network's liquidity problem", 'https://bitcoinmagazine.com/technical/lightning-network-liquidity-problem', 'ghostpepper', 112, 153, 280],
  ['Spot bitcoin ETF inflows top $40B in their first year', 'https://www.ft.com/content/spot-bitcoin-etf-inflows-first-year', 'mfiguiere', 147, 190, 420],
  ['Ask HN: Has anyone used Bitcoin to pay for something recently?', null, 'nocoiner', 73, 128, 450, [
    "Outside of buying more crypto, I haven't seen anyone actually spend bitcoin in years. Fees spike whenever the mempool fills up and Lightning wallets still confuse my non-technical friends.",
    'Has anyone paid for real goods or services with it lately? What was the experience like?']],
];

interface Story {
  id: number;
  title: string;
  url: string | null;
  author: string;
  points: number;
  comments: number;
  createdAt: number;
  paragraphs: string[] | undefined;
  tags: string[];
}

/** HN escapes story text the way its HTML does: `'` as `&#x27;`, `/` as `&#x2F;`, paragraphs as `<p>`. */
const escapeHn = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#x27;')
    .replace(/\//g, '&#x2F;');
const iso = (seconds: number) => new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
const tokens = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

function buildStories(now: number): Story[] {
  return ROWS.map(([title, url, author, points, comments, hoursAgo, paragraphs], i) => {
    // HN gets about 410 new items an hour: newer stories get larger ids.
    const id = 43_905_000 - hoursAgo * 410 - i;
    const tags = ['story', `author_${author}`, `story_${id}`];
    if (title.startsWith('Ask HN:')) tags.push('ask_hn');
    if (title.startsWith('Show HN:')) tags.push('show_hn');
    if (hoursAgo < 48 && points >= 150) tags.push('front_page');
    const createdAt = now - hoursAgo * 3600 - ((i * 97) % 3000);
    const link = url === null ? null : datedUrl(url, new Date(createdAt * 1000));
    return { id, title, url: link, author, points, comments, createdAt, paragraphs, tags };
  });
}

/** Algolia's word matching: plurals for every word, prefix for the last one (of 3+ characters). */
function wordMatcher(words: string[]) {
  return (token: string): string[] =>
    words.filter((word, i) => {
      if (token === word || token === `${word}s` || token === `${word}es`) return true;
      return i === words.length - 1 && word.length >= 3 && token.startsWith(word);
    });
}

interface Highlight {
  fullyHighlighted?: boolean;
  matchLevel: 'none' | 'partial' | 'full';
  matchedWords: string[];
  value: string;
}

/** Algolia's `_highlightResult` entry: matched tokens wrapped in `<em>`, markup left untouched. */
function highlight(value: string, words: string[]): Highlight {
  const match = wordMatcher(words);
  const matched = new Set<string>();
  let all = true;
  const marked = value
    .split(/(<[^>]+>)/)
    .map((part) =>
      part.startsWith('<')
        ? part
        : part.replace(/[\p{L}\p{N}]+/gu, (token) => {
            const hits = match(token.toLowerCase());
            hits.forEach((word) => matched.add(word));
            if (hits.length === 0) all = false;
            return hits.length > 0 ? `<em>${token}</em>` : token;
          }),
    )
    .join('');
  const matchedWords = words.filter((word) => matched.has(word));
  if (matchedWords.length === 0) return { matchLevel: 'none', matchedWords: [], value };
  const matchLevel = matchedWords.length === words.length ? 'full' : 'partial';
  return {
    fullyHighlighted: all && matchLevel === 'full',
    matchLevel,
    matchedWords,
    value: marked,
  };
}

/** The searchable attributes of a story in Algolia's alphabetical order. */
function attributes(story: Story): Record<string, string> {
  const text = story.paragraphs?.join('<p>');
  return {
    author: story.author,
    ...(text === undefined ? {} : { story_text: text }),
    title: story.title,
    ...(story.url === null ? {} : { url: story.url }),
  };
}

function toHit(story: Story, words: string[], now: number) {
  const highlights = Object.fromEntries(
    Object.entries(attributes(story)).map(([name, value]) => [name, highlight(value, words)]),
  );
  const children = Array.from(
    { length: Math.min(story.comments, 1 + (story.id % 9)) },
    (_, k) => story.id + 11 + k * 23,
  );
  return {
    _highlightResult: highlights,
    _tags: story.tags,
    author: story.author,
    children,
    created_at: iso(story.createdAt),
    created_at_i: story.createdAt,
    num_comments: story.comments,
    objectID: String(story.id),
    points: story.points,
    story_id: story.id,
    ...(story.paragraphs ? { story_text: story.paragraphs.map(escapeHn).join('<p>') } : {}),
    title: story.title,
    updated_at: iso(Math.min(now, story.createdAt + 6 * 3600)),
    ...(story.url === null ? {} : { url: story.url }),
  };
}

/** `tags=a,(b,c)`: a comma is AND, a parenthesised list is OR. */
function tagFilter(tags: string | null): (story: Story) => boolean {
  if (!tags) return () => true;
  const terms = tags.match(/\([^)]*\)|[^,]+/g) ?? [];
  return (story) =>
    terms.every((term) =>
      term.startsWith('(')
        ? term
            .slice(1, -1)
            .split(',')
            .some((tag) => story.tags.includes(tag.trim()))
        : story.tags.includes(term.trim()),
    );
}

const NUMERIC = /^(created_at_i|points|num_comments)(<=|>=|<|>|=)(\d+)$/;
const FIELDS: Record<string, (story: Story) => number> = {
  created_at_i: (story) => story.createdAt,
  points: (story) => story.points,
  num_comments: (story) => story.comments,
};
const COMPARE: Record<string, (value: number, limit: number) => boolean> = {
  '<': (value, limit) => value < limit,
  '<=': (value, limit) => value <= limit,
  '>': (value, limit) => value > limit,
  '>=': (value, limit) => value >= limit,
  '=': (value, limit) => value === limit,
};

/** `numericFilters=points>100,created_at_i>X` (AND); undefined when the syntax is wrong. */
function numericFilter(filters: string | null): ((story: Story) => boolean) | undefined {
  if (!filters) return () => true;
  const checks = filters.split(',').map((filter) => NUMERIC.exec(filter.trim()));
  if (checks.some((check) => check === null)) return undefined;
  return (story) =>
    checks.every((check) => {
      const [, field = '', op = '', limit] = check as RegExpExecArray;
      return COMPARE[op]?.(FIELDS[field]?.(story) ?? NaN, Number(limit)) ?? false;
    });
}

// Algolia's error format; these texts were not captured from hn.algolia.com.
const algoliaError = (status: number, message: string) => json(status, { message, status });

function search(
  request: EmulatedRequest,
  stories: Story[],
  byDate: boolean,
  now: number,
): EmulatedResponse {
  const { params } = request;
  const hitsPerPage = Number(params.get('hitsPerPage') ?? 20);
  const page = Number(params.get('page') ?? 0);
  if (!Number.isInteger(hitsPerPage) || hitsPerPage < 0 || hitsPerPage > 1000) {
    return algoliaError(
      400,
      'Invalid value for "hitsPerPage" parameter, expected an integer between 0 and 1000',
    );
  }
  if (!Number.isInteger(page) || page < 0)
    return algoliaError(400, 'Invalid value for "page" parameter, expected a positive integer');
  const numeric = numericFilter(params.get('numericFilters'));
  if (!numeric) return algoliaError(400, 'Invalid syntax for numeric filters');

  const query = params.get('query') ?? '';
  const words = [...new Set(tokens(query))];
  const match = wordMatcher(words);
  const scored = stories
    .filter(tagFilter(params.get('tags')))
    .filter(numeric)
    .map((story) => {
      const found = Object.values(attributes(story)).map(
        (value) => new Set(tokens(value).flatMap(match)),
      );
      // Algolia ranks the title attribute first: query words matched there, then points.
      const inTitle = new Set(tokens(story.title).flatMap(match)).size;
      const every = words.every((word) => found.some((set) => set.has(word)));
      return { story, inTitle, every };
    })
    .filter((entry) => entry.every)
    .sort((a, b) =>
      byDate
        ? b.story.createdAt - a.story.createdAt
        : b.inTitle - a.inTitle || b.story.points - a.story.points,
    );
  const nbHits = scored.length;
  const hits = scored
    .slice(page * hitsPerPage, (page + 1) * hitsPerPage)
    .map((entry) => toHit(entry.story, words, now));
  const took = 1 + (nbHits % 7);
  return json(200, {
    exhaustive: { nbHits: true, typo: true },
    exhaustiveNbHits: true,
    exhaustiveTypo: true,
    hits,
    hitsPerPage,
    nbHits,
    nbPages: hitsPerPage === 0 ? 0 : Math.ceil(nbHits / hitsPerPage),
    page,
    params: `${params.toString()}${params.toString() ? '&' : ''}advancedSyntax=true&analyticsTags=backend`,
    processingTimeMS: took,
    processingTimingsMS: {
      _request: { roundTrip: took + 2 },
      fetch: { query: took, total: took },
      total: took,
    },
    query,
    serverTimeMS: took + 1,
  });
}

/** Hacker News Search (hn.algolia.com): `/api/v1/search` and `/api/v1/search_by_date` over ~40 recent stories. */
export function hnAlgoliaProvider(): EmulatedProvider {
  const now = Math.floor(Date.now() / 1000);
  const stories = buildStories(now);
  return {
    name: 'hn-algolia',
    handle(request) {
      if (request.path === '/api/v1/search') return search(request, stories, false, now);
      if (request.path === '/api/v1/search_by_date') return search(request, stories, true, now);
      return undefined;
    },
    notFound: () => algoliaError(404, 'Not Found'),
  };
}
