import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createApp } from './app.js';
import { loadConfig } from './config.js';
import { allProviders } from './emulator/providers/index.js';
import { EMULATED_PLACES } from './emulator/providers/open-meteo.js';
import { EQUITIES } from './emulator/providers/finance-data.js';
import { emulatorEnv } from './emulator/env.js';
import { startEmulator } from './emulator/server.js';
import { createLogger } from './logger.js';
import { findProjectRoot } from './paths.js';

/**
 * `npm run demo`: the provider emulator and the gateway together, fully offline and keyless. Every
 * provider base URL points at the emulator; provider keys from the environment are ignored so the
 * keyless chains serve (set them and use `npm start` for the live providers). The web console is
 * built first when its sources changed (the same script as `npm start`'s prestart).
 */
const root = fileURLToPath(findProjectRoot());
spawnSync(process.execPath, ['ops/build-if-stale.mjs', 'web'], { cwd: root, stdio: 'inherit' });
const emulator = await startEmulator({ providers: allProviders(), port: 0 });
const keyless = Object.fromEntries(
  Object.entries(process.env).filter(([name]) => !/_(API_)?KEY$/.test(name)),
);
const config = loadConfig({
  ...keyless,
  DATA_DIR: process.env.DATA_DIR ?? './data/demo',
  ...emulatorEnv(emulator),
});
const logger = createLogger(config.LOG_LEVEL);
const app = await createApp(config, logger);
const url = await app.gateway.listen(config.PORT, config.HOST);
const consoleUrl = new URL('/', url).href;

console.log(`
Sluice demo: console ${consoleUrl}
  Ask: ${consoleUrl}?q=${encodeURIComponent('What is the weather in Osaka and how is Apple stock doing?')}
Gateway ${url} (Apollo Sandbox in a browser), providers emulated at ${emulator.url}
Emulated places: ${[...new Set(EMULATED_PLACES.map((p) => `${p.name} (${p.countryCode})`))].join(', ')}
Emulated equities: ${[...EQUITIES.keys()].join(', ')}; coins and currency pairs as their providers know them.
The LLM is the emulator's OpenAI-compatible server too: it restates the numbered context with
citations and reports token usage, so answers show real cost accounting (priced as ${config.OPENAI_MODEL}).

Try:
  curl -s ${url} -H 'content-type: application/json' \\
    -d '{"query":"{ weather(location: \\"Osaka\\") { location { name country } current { temperatureC description } daily { date minC maxC } provider } }"}'
  curl -s ${url} -H 'content-type: application/json' \\
    -d '{"query":"{ quotes(symbols: [\\"AAPL\\", \\"BTC-USD\\", \\"EURUSD=X\\", \\"NOPE\\"]) { symbol price provider } }"}'
  curl -s ${url} -H 'content-type: application/json' \\
    -d '{"query":"{ news(query: \\"rust\\", limit: 3) { title source provider } search(query: \\"NewsAPI rate limit\\", k: 2) { title text } }"}'
  curl -s ${url} -H 'content-type: application/json' \\
    -d '{"query":"{ answer(question: \\"Weather in Osaka and how is Apple stock doing?\\") { status model text cache { hit } cost { totalUsd } sources { name status } } }"}'
`);

const stop = () =>
  void app
    .close()
    .then(() => emulator.close())
    .then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
