import { allProviders } from '../../src/emulator/providers/index.js';
import { startEmulator, type ProviderEmulator } from '../../src/emulator/server.js';

/** Starts the provider emulator with every provider on an ephemeral port. */
export function startTestEmulator(): Promise<ProviderEmulator> {
  return startEmulator({ providers: allProviders(), port: 0 });
}
