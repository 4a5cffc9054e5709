import { allProviders } from './providers/index.js';
import { startEmulator } from './server.js';
import { emulatorEnv } from './env.js';

/** `npm run emulator`: the provider emulator alone, e.g. to point a separately started gateway at. */
const port = Number(process.env.EMULATOR_PORT ?? 4010);
const emulator = await startEmulator({ providers: allProviders(), port });
console.log(`provider emulator on ${emulator.url}; set these to use it:`);
for (const [name, value] of Object.entries(emulatorEnv(emulator))) console.log(`${name}=${value}`);
process.on('SIGINT', () => void emulator.close().then(() => process.exit(0)));
process.on('SIGTERM', () => void emulator.close().then(() => process.exit(0)));
