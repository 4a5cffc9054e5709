import {
  json,
  type EmulatedProvider,
  type EmulatedRequest,
  type EmulatedResponse,
} from '../types.js';

/** [source id, source name, author, title, description, url, hours ago, top-headlines category] */
type Row = [string | null, string, string | null, string, string | null, string, number, string];

// prettier-ignore
const ROWS: Row[] = [
  ['the-verge', 'The Verge', 'Emma Roth', 'OpenAI cuts API prices for its reasoning models again', 'Developers will pay up to 80 percent less for the latest reasoning models, the third AI price cut this year as competition from open-weight models heats up.', 'https://www.theverge.com/ai-artificial-intelligence/openai-api-price-cut', 30, 'technology'],
  ['techcrunch', 'TechCrunch', 'Kyle Wiggers', 'Mistral releases an open-weight model it says beats GPT-4o mini', 'The Paris-based AI startup released a 24-billion-parameter model under the Apache 2.0 license, claiming it outperforms similarly sized rivals on coding and math benchmarks.', 'https://techcrunch.com/{yyyy}/{mm}/{dd}/mistral-open-weight-model/', 52, 'technology'],
  ['ars-technica', 'Ars Technica', 'Benj Edwards', 'Researchers find LLM benchmarks leaking into AI training data', 'A study of popular evaluation sets found thousands of test questions verbatim in public web crawls, casting doubt on headline scores for large language models.', 'https://arstechnica.com/ai/{yyyy}/{mm}/llm-benchmark-contamination/', 96, 'technology'],
  ['reuters', 'Reuters', null, 'Nvidia revenue beats estimates on AI data center demand', 'Nvidia forecast second-quarter revenue above Wall Street estimates on Wednesday, betting on sustained demand for its AI chips from cloud providers.', 'https://www.reuters.com/technology/nvidia-quarterly-revenue-beats-estimates-ai-demand-{yyyy}-{mm}-{dd}/', 140, 'business'],
  [null, 'InfoQ', 'Sergio De Simone', 'Rust 1.87 stabilizes anonymous pipes and new safe intrinsics', 'The latest Rust release brings anonymous pipes to the standard library, safe architecture intrinsics and a long list of stabilized APIs.', 'https://www.infoq.com/news/{yyyy}/{mm}/rust-1-87-released/', 26, 'technology'],
  [null, 'The Register', 'Thomas Claburn', 'Linux kernel maintainers agree on a path for more Rust drivers', 'After months of debate, maintainers settled the rules for Rust code in the DMA subsystem, clearing the way for new Rust GPU and NVMe drivers.', 'https://www.theregister.com/{yyyy}/{mm}/{dd}/linux_kernel_rust_drivers/', 170, 'technology'],
  ['wired', 'Wired', 'Lily Hay Newman', 'Memory-safe languages like Rust are winning over critical infrastructure', 'Government agencies are pushing software makers toward Rust and other memory-safe languages to wipe out a whole class of security bugs.', 'https://www.wired.com/story/memory-safe-languages-rust-infrastructure/', 260, 'technology'],
  [null, 'InfoQ', 'Renato Losio', 'PostgreSQL 18 beta brings asynchronous I/O to Postgres', 'The first beta of PostgreSQL 18 introduces an asynchronous I/O subsystem that can speed up sequential scans and vacuum, along with OAuth authentication.', 'https://www.infoq.com/news/{yyyy}/{mm}/postgresql-18-beta/', 50, 'technology'],
  ['techcrunch', 'TechCrunch', 'Paul Sawers', 'Databricks buys serverless Postgres startup Neon for about $1 billion', 'The data analytics giant is betting that AI agents will spin up databases by the millions, and it wants a Postgres service built for them.', 'https://techcrunch.com/{yyyy}/{mm}/{dd}/databricks-acquires-neon/', 200, 'business'],
  [null, 'The New Stack', 'Joab Jackson', 'Why developers keep choosing Postgres', 'Postgres topped developer surveys again. Extensions such as pgvector and a steady release cadence keep the database ahead of newer rivals.', 'https://thenewstack.io/why-developers-keep-choosing-postgres/', 330, 'technology'],
  [null, 'The New Stack', 'Jennifer Riggins', 'GraphQL federation goes mainstream in the enterprise', 'Large companies are stitching dozens of services into a single GraphQL API, but governance and performance remain sticking points.', 'https://thenewstack.io/graphql-federation-enterprise/', 150, 'technology'],
  [null, 'InfoQ', 'Eran Stiller', 'GraphQL Foundation publishes a composite schemas specification draft', 'The specification aims to make federated GraphQL schemas portable across gateways from different vendors.', 'https://www.infoq.com/news/{yyyy}/{mm}/graphql-composite-schemas-spec/', 380, 'technology'],
  [null, 'BleepingComputer', 'Sergiu Gatlan', 'Critical RCE flaw in popular XML library puts Java apps at risk', 'A maximum-severity security vulnerability in a widely used XML parser lets unauthenticated attackers run code on servers that process untrusted documents.', 'https://www.bleepingcomputer.com/news/security/critical-rce-xml-library-java/', 20, 'technology'],
  ['wired', 'Wired', 'Matt Burgess', 'Hackers hijacked npm packages with billions of weekly downloads', 'Attackers phished a maintainer and pushed malicious versions of popular JavaScript packages that tried to steal cryptocurrency from visitors of affected websites.', 'https://www.wired.com/story/npm-supply-chain-attack/', 128, 'technology'],
  ['associated-press', 'Associated Press', 'Frank Bajak', 'Ransomware attack disrupts hospital systems across several states', 'Hospitals diverted ambulances and postponed procedures after a ransomware attack took down the computer systems of a regional health network.', 'https://apnews.com/article/ransomware-hospitals-health-network-attack', 75, 'health'],
  [null, 'Krebs on Security', 'BrianKrebs', 'Phishers abuse Microsoft device code logins to hijack accounts', null, 'https://krebsonsecurity.com/{yyyy}/{mm}/phishers-abuse-microsoft-device-code-logins/', 84, 'technology'],
  [null, 'Space.com', 'Mike Wall', 'SpaceX Starship aces its first full orbital flight and ship catch', 'The giant rocket completed a full orbit before the Starship upper stage returned to be caught by the launch tower, a first for the space program.', 'https://www.space.com/spacex-starship-orbital-flight-ship-catch', 38, 'science'],
  ['associated-press', 'Associated Press', 'Marcia Dunn', 'NASA picks landing regions for Artemis astronauts near the lunar south pole', 'NASA narrowed the candidate landing regions for the first crewed Artemis moon landing to areas near craters that may hold ice.', 'https://apnews.com/article/nasa-artemis-moon-landing-sites-south-pole', 110, 'science'],
  ['bbc-news', 'BBC News', null, "Hera spacecraft reaches the asteroid Nasa hit with Dart", "The European space probe will map the crater left by Nasa's 2022 impact experiment to learn how well the planetary defence test worked.", 'https://www.bbc.com/news/articles/hera-didymos-arrival', 290, 'science'],
  [null, 'Phys.org', 'Bob Yirka', 'Webb telescope detects carbon dioxide and methane on a temperate exoplanet', 'Astronomers using the James Webb Space Telescope found carbon-bearing molecules in the atmosphere of a planet in its star\'s habitable zone.', 'https://phys.org/news/{yyyy}-{mm}-webb-telescope-temperate-exoplanet.html', 480, 'science'],
  [null, 'The Guardian', 'Damian Carrington', 'Global sea surface temperatures hit a record for the third year in a row', 'Scientists say the ocean heat, driven by climate change, is fuelling stronger storms and mass coral bleaching around the world.', 'https://www.theguardian.com/environment/{yyyy}/{mon}/{dd}/sea-surface-temperatures-record-third-year', 34, 'science'],
  ['associated-press', 'Associated Press', 'Seth Borenstein', 'Hurricane Erin rapidly intensifies to Category 5 in the Atlantic', 'Erin strengthened from a tropical storm to a Category 5 hurricane in about a day, one of the fastest intensifications on record, forecasters said.', 'https://apnews.com/article/hurricane-erin-atlantic-category-5-weather', 14, 'general'],
  ['cnn', 'CNN', 'Mary Gilbert', 'Europe heat wave pushes temperatures past 40C in Spain and France', 'An early-season heat wave sent temperatures soaring across southern Europe, straining power grids and prompting weather warnings for millions.', 'https://www.cnn.com/{yyyy}/{mm}/{dd}/weather/europe-heat-wave-spain-france', 60, 'general'],
  ['the-washington-post', 'The Washington Post', 'Jason Samenow', 'Flash floods sweep through Texas Hill Country after record rainfall', 'More than a foot of rain fell in hours, sending rivers over their banks in one of the worst flash flood events in the region in decades.', 'https://www.washingtonpost.com/weather/{yyyy}/{mm}/{dd}/texas-flash-floods-record-rain/', 90, 'general'],
  [null, 'Canary Media', 'Jeff St. John', 'Iron-air batteries begin grid-scale deployment in Minnesota', 'A utility switched on the first multi-day iron-air battery system, which can discharge for 100 hours, a milestone for climate goals and grid storage.', 'https://www.canarymedia.com/articles/energy-storage/iron-air-batteries-minnesota', 108, 'science'],
  ['axios', 'Axios', 'Andrew Freedman', 'Heat pumps outsold gas furnaces for the third straight year', 'Heat pump shipments grew again last year, a sign that electrification of home heating is holding up despite higher interest rates.', 'https://www.axios.com/{yyyy}/{mm}/{dd}/heat-pumps-outsold-gas-furnaces-climate', 226, 'business'],
  ['reuters', 'Reuters', 'Howard Schneider', 'Fed holds rates steady, still sees two cuts this year', 'The Federal Reserve left interest rates unchanged on Wednesday, with policymakers still projecting two cuts by year end as markets weigh tariff risks.', 'https://www.reuters.com/markets/us/fed-holds-rates-steady-signals-two-cuts-{yyyy}-{mm}-{dd}/', 24, 'business'],
  [null, 'CNBC', 'Jesse Pound', 'Nasdaq closes at a record as chip stocks rally; S&P 500 gains', 'Stocks rose on Tuesday as investors bought chipmakers ahead of earnings, lifting the Nasdaq Composite to an all-time high.', 'https://www.cnbc.com/{yyyy}/{mm}/{dd}/stock-market-today-nasdaq-record-chip-rally.html', 64, 'business'],
  ['bloomberg', 'Bloomberg', null, 'Index funds now own more than a quarter of the S&P 500', null, 'https://www.bloomberg.com/news/articles/{yyyy}-{mm}-{dd}/index-funds-own-quarter-of-s-p-500', 168, 'business'],
  ['the-wall-street-journal', 'The Wall Street Journal', 'Gunjan Banerji', 'Treasury yields climb as investors weigh tariff risks', 'The 10-year Treasury yield rose to its highest level in a month as bond markets priced in stickier inflation.', 'https://www.wsj.com/finance/treasury-yields-climb-tariff-risks-{yyyy}', 44, 'business'],
  ['business-insider', 'Business Insider', 'Filip De Mott', 'Oil prices jump after OPEC+ signals slower output increases', 'Brent crude rose 3% as the producer group said it would pause planned production increases, tightening markets into the summer.', 'https://www.businessinsider.com/oil-prices-opec-output-increase-pause-{yyyy}-{m}', 80, 'business'],
  [null, 'MacRumors', 'Joe Rossignol', 'Apple announces Mac Pro with M4 Ultra chip', 'Apple updated its Mac Pro with the M4 Ultra chip, offering up to 32 CPU cores, an 80-core GPU and up to 512GB of unified memory.', 'https://www.macrumors.com/{yyyy}/{mm}/{dd}/apple-mac-pro-m4-ultra/', 54, 'technology'],
  ['politico', 'Politico', 'Samuel Stolton', 'EU fines Apple over App Store anti-steering rules', 'The European Commission fined Apple for blocking app developers from pointing users to cheaper offers outside the App Store.', 'https://www.politico.eu/article/eu-fines-apple-app-store-anti-steering/', 98, 'technology'],
  ['engadget', 'Engadget', 'Igor Bonifacic', 'Apple shares slide as iPhone sales in China fall again', 'Apple stock fell after data showed iPhone sales in China dropped for a third straight quarter amid competition from Huawei.', 'https://www.engadget.com/mobile/smartphones/apple-iphone-china-sales-fall-{yyyy}.html', 150, 'business'],
  [null, '9to5Mac', 'Chance Miller', 'iOS 19 beta: everything new in the redesigned interface', null, 'https://9to5mac.com/{yyyy}/{mm}/{dd}/ios-19-beta-redesign-everything-new/', 310, 'technology'],
  [null, 'CoinDesk', 'Omkar Godbole', 'Bitcoin tops $100,000 for the first time as ETF demand surges', 'Bitcoin crossed six figures on Thursday, capping a rally fuelled by record inflows into U.S. spot bitcoin ETFs.', 'https://www.coindesk.com/markets/{yyyy}/{mm}/{dd}/bitcoin-crosses-100k', 42, 'business'],
  [null, 'Cointelegraph', 'Cointelegraph By Helen Partz', 'Spot bitcoin ETFs log $40B in net inflows in their first year', 'U.S. spot bitcoin exchange-traded funds drew more than $40 billion in net inflows, led by BlackRock\'s fund.', 'https://cointelegraph.com/news/spot-bitcoin-etf-inflows-first-year', 420, 'business'],
  ['bloomberg', 'Bloomberg', 'Olga Kharif', 'Bitcoin miners pivot to AI data centers as margins shrink', 'Several public bitcoin miners are converting their sites to host AI computing, where power contracts earn steadier returns.', 'https://www.bloomberg.com/news/articles/{yyyy}-{mm}-{dd}/bitcoin-miners-pivot-to-ai-data-centers', 190, 'business'],
  [null, 'Bitcoinist', 'Scott Matherson', 'Bitcoin price slips below $95,000 as traders lock in profits', 'The bitcoin price retreated from its record as short-term holders sold into strength and funding rates cooled.', 'https://bitcoinist.com/bitcoin-price-slips-below-95000/', 16, 'business'],
  ['reuters', 'Reuters', null, 'Magnitude 6.1 earthquake strikes off northern Japan, no tsunami warning', 'The quake struck off the coast of Aomori prefecture at a depth of 50 km, the Japan Meteorological Agency said, with no immediate reports of damage.', 'https://www.reuters.com/world/asia-pacific/magnitude-61-earthquake-strikes-off-northern-japan-{yyyy}-{mm}-{dd}/', 70, 'general'],
];

interface Article {
  source: { id: string | null; name: string };
  author: string | null;
  title: string;
  description: string | null;
  url: string;
  urlToImage: string | null;
  publishedAt: string;
  content: string | null;
}

interface Stored {
  article: Article;
  category: string;
  popularity: number;
}

// Error bodies copied from the samples (apiKeyMissing, apiKeyInvalid, rateLimited) and from
// public captures (parametersMissing, maximumResultsReached). The q-length text is modelled on
// NewsAPI's "The category param is not currently supported..." wording: not captured.
const ERRORS = {
  apiKeyMissing: [
    401,
    'Your API key is missing. Append this to the URL with the apiKey param, or use the x-api-key HTTP header.',
  ],
  apiKeyInvalid: [
    401,
    'Your API key is invalid or incorrect. Check your key, or go to https://newsapi.org to create a free API key.',
  ],
  rateLimited: [
    429,
    'You have made too many requests recently. Developer accounts are limited to 100 requests over a 24 hour period (50 requests available every 12 hours). Please upgrade to a paid plan if you need more requests.',
  ],
  parameterInvalid: [400, 'The q param is too long. The maximum length is 500 chars.'],
} as const;
const EVERYTHING_MISSING =
  'Required parameters are missing, the scope of your search is too broad. Please set any of the following required parameters and try again: q, qInTitle, sources, domains.';
const HEADLINES_MISSING =
  'Required parameters are missing. Please set any of the following parameters and try again: sources, q, language, country, category.';

const failure = (status: number, code: string, message: string) =>
  json(status, { status: 'error', code, message });
const named = (code: keyof typeof ERRORS) => failure(ERRORS[code][0], code, ERRORS[code][1]);

/** Fills `{yyyy}`, `{yy}`, `{mm}`, `{m}`, `{dd}` and `{mon}` in a URL from its publication date. */
export function datedUrl(template: string, date: Date): string {
  const iso = date.toISOString();
  const month = date.getUTCMonth();
  const parts: Record<string, string> = {
    yyyy: iso.slice(0, 4),
    yy: iso.slice(2, 4),
    mm: iso.slice(5, 7),
    m: String(month + 1),
    dd: iso.slice(8, 10),
    mon:
      ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'][month] ??
      '',
  };
  return template.replace(/\{(yyyy|yy|mm|m|dd|mon)\}/g, (_, part: string) => parts[part] ?? '');
}

function buildArticles(now: number): Stored[] {
  return ROWS.map(([id, name, author, title, description, template, hoursAgo, category], i) => {
    const published = new Date(now - hoursAgo * 3_600_000 - ((i * 733) % 3_000) * 1000);
    const url = datedUrl(template, published);
    const remaining = 900 + ((i * 1373) % 9000);
    // NewsAPI cuts `content` at 200 characters and says how much of the article is left.
    const content =
      description === null ? null : `${description.slice(0, 199)}… [+${remaining} chars]`;
    const slug =
      new URL(url).pathname
        .split('/')
        .filter(Boolean)
        .pop()
        ?.replace(/\.html$/, '') ?? 'article';
    const urlToImage = i % 7 === 3 ? null : `https://${new URL(url).hostname}/images/${slug}.jpg`;
    return {
      article: {
        source: { id, name },
        author,
        title,
        description,
        url,
        urlToImage,
        publishedAt: published.toISOString().replace('.000Z', 'Z'),
        content,
      },
      category,
      popularity: (i * 7919) % 1000,
    };
  });
}

const words = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}$]+/gu) ?? [];

/**
 * A NewsAPI query: clauses joined by `OR`, each a list of words or "quoted phrases" that must all
 * appear, with `-word` or `NOT word` excluded. Words match whole (a trailing `s` is allowed).
 */
function queryMatcher(q: string): (text: string) => boolean {
  const clauses = q.split(/\s+OR\s+/).map((clause) => {
    const terms = clause.match(/[-+]?"[^"]*"|\S+/g) ?? [];
    let negate = false;
    const parts: Array<{ text: string; negate: boolean }> = [];
    for (const term of terms) {
      if (term === 'NOT') negate = true;
      else if (term !== 'AND') {
        const minus = term.startsWith('-');
        parts.push({
          text: term.replace(/^[-+]/, '').replace(/"/g, '').toLowerCase(),
          negate: negate || minus,
        });
        negate = false;
      }
    }
    return parts.filter((part) => part.text.length > 0);
  });
  return (text) => {
    const lower = text.toLowerCase();
    const tokens = new Set(words(text));
    const has = (term: string) =>
      term.includes(' ')
        ? lower.includes(term)
        : words(term).every((w) => tokens.has(w) || tokens.has(`${w}s`));
    return clauses.some(
      (parts) => parts.length > 0 && parts.every((part) => has(part.text) !== part.negate),
    );
  };
}

function apiKeyOf(request: EmulatedRequest): string | undefined {
  const header = (name: string) => {
    const value = request.headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const authorization = header('authorization')?.replace(/^Bearer\s+/i, '');
  return request.params.get('apiKey') || header('x-api-key') || authorization || undefined;
}

function page(
  request: EmulatedRequest,
  found: Stored[],
  defaultSize: number,
  titleSuffix: boolean,
): EmulatedResponse {
  const pageSize = Math.min(
    100,
    Math.max(1, Number(request.params.get('pageSize')) || defaultSize),
  );
  const pageNumber = Math.max(1, Number(request.params.get('page')) || 1);
  const start = (pageNumber - 1) * pageSize;
  if (start + pageSize > 100) {
    return failure(
      426,
      'maximumResultsReached',
      `You have requested too many results. Developer accounts are limited to a max of 100 results. You are trying to request results ${start} to ${start + pageSize}. Please upgrade to a paid plan if you need more results.`,
    );
  }
  const articles = found
    .slice(start, start + pageSize)
    .map(({ article }) =>
      titleSuffix ? { ...article, title: `${article.title} - ${article.source.name}` } : article,
    );
  return json(200, { status: 'ok', totalResults: found.length, articles });
}

function searchable(article: Article, field: string): string {
  if (field === 'title') return article.title;
  if (field === 'description') return article.description ?? '';
  return field === 'content' ? (article.content ?? '') : '';
}

function everything(request: EmulatedRequest, stored: Stored[]): EmulatedResponse {
  const p = request.params;
  const q = p.get('q') ?? p.get('qInTitle');
  if (!q && !p.get('sources') && !p.get('domains'))
    return failure(400, 'parametersMissing', EVERYTHING_MISSING);
  if (q && q.length > 500) return named('parameterInvalid');
  const fields =
    p.get('qInTitle') && !p.get('q')
      ? ['title']
      : (p.get('searchIn') ?? 'title,description,content').split(',');
  const matches = q ? queryMatcher(q) : () => true;
  const sources = p.get('sources')?.split(',');
  const domains = p.get('domains')?.split(',');
  const from = Date.parse(p.get('from') ?? '') || -Infinity;
  const to = Date.parse(p.get('to') ?? '') || Infinity;
  const language = p.get('language');
  const found = stored.filter(({ article }) => {
    const text = fields.map((field) => searchable(article, field.trim())).join(' \n ');
    const host = new URL(article.url).hostname.replace(/^www\./, '');
    const time = Date.parse(article.publishedAt);
    return (
      matches(text) &&
      (!language || language === 'en') &&
      (!sources || sources.includes(article.source.id ?? '')) &&
      (!domains || domains.some((domain) => host.endsWith(domain.trim()))) &&
      time >= from &&
      time <= to
    );
  });
  const sortBy = p.get('sortBy') ?? 'publishedAt';
  if (sortBy === 'popularity') found.sort((a, b) => b.popularity - a.popularity);
  else if (sortBy === 'relevancy' && q) {
    const score = (s: Stored) => (queryMatcher(q)(s.article.title) ? 2 : 0) + s.popularity / 1000;
    found.sort((a, b) => score(b) - score(a));
  } else found.sort((a, b) => b.article.publishedAt.localeCompare(a.article.publishedAt));
  return page(request, found, 100, false);
}

function topHeadlines(request: EmulatedRequest, stored: Stored[]): EmulatedResponse {
  const p = request.params;
  const [q, sources, country, category, language] = [
    'q',
    'sources',
    'country',
    'category',
    'language',
  ].map((name) => p.get(name));
  if (!q && !sources && !country && !category && !language)
    return failure(400, 'parametersMissing', HEADLINES_MISSING);
  const matches = q ? queryMatcher(q) : () => true;
  const found = stored
    .filter(
      ({ article, category: cat }) =>
        matches(
          ['title', 'description', 'content'].map((f) => searchable(article, f)).join(' \n '),
        ) &&
        (!sources || sources.split(',').includes(article.source.id ?? '')) &&
        (!country || country === 'us') &&
        (!category || category === cat) &&
        (!language || language === 'en'),
    )
    .sort((a, b) => b.article.publishedAt.localeCompare(a.article.publishedAt));
  return page(request, found, 20, true);
}

/** NewsAPI.org: `/v2/everything` and `/v2/top-headlines` over ~40 recent articles, keyed like the real API. */
export function newsApiProvider(): EmulatedProvider {
  // Whole seconds: NewsAPI's publishedAt has no milliseconds.
  const stored = buildArticles(Math.floor(Date.now() / 1000) * 1000);
  return {
    name: 'newsapi',
    handle(request) {
      if (request.path !== '/v2/everything' && request.path !== '/v2/top-headlines')
        return undefined;
      const key = apiKeyOf(request);
      if (!key) return named('apiKeyMissing');
      if (key === 'invalid') return named('apiKeyInvalid');
      if (key === 'exhausted') return named('rateLimited');
      return request.path === '/v2/everything'
        ? everything(request, stored)
        : topHeadlines(request, stored);
    },
    // NewsAPI's error format; this code and text for an unknown route were not captured.
    notFound: () => failure(404, 'routeNotFound', 'The route you requested does not exist.'),
  };
}
