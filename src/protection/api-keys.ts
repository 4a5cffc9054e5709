import { createHash } from 'node:crypto';
import { readFileSync, statSync, type Stats } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { ConfigError } from '../config.js';
import type { Logger } from '../logger.js';

/** One configured API key: its role and the SHA-256 of the key (config never holds a plain key). */
export interface ApiKeyEntry {
  role: 'admin' | 'reader';
  /** SHA-256 of the key, lower-case hex. */
  hash: string;
  /** A prefix of the hash: names the key in logs, limits and budgets without revealing it. */
  keyId: string;
}

/** The keys a gateway accepts, re-read from API_KEYS_FILE when it changes. */
export interface ApiKeyStore {
  /** True when keys are configured (API_KEYS or API_KEYS_FILE): every request must authenticate. */
  readonly enforced: boolean;
  /** The entry of a presented key, or undefined for an unknown one. Never rejects. */
  lookup(key: string): Promise<ApiKeyEntry | undefined>;
}

export interface ApiKeyStoreOptions {
  /** API_KEYS entries, `role:sha256hex`. */
  entries?: readonly string[];
  /** API_KEYS_FILE: the same entries one per line (`#` comments and blank lines allowed). */
  file?: string;
  logger: Logger;
  /** How often, at most, the file's mtime is checked (on a request, not by a timer). */
  checkIntervalMs?: number;
  now?: () => number;
}

const ENTRY = /^(admin|reader):([0-9a-f]{64})$/i;
/** Longer bearer tokens are unknown without hashing them: no key we issue is this long. */
const MAX_KEY_LENGTH = 512;

/** SHA-256 of a key in hex: what API_KEYS holds for it. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** Parses one `role:sha256hex` entry; undefined when malformed. */
export function parseApiKeyEntry(text: string): ApiKeyEntry | undefined {
  const match = ENTRY.exec(text.trim());
  if (!match) return undefined;
  const hash = (match[2] as string).toLowerCase();
  return { role: match[1]?.toLowerCase() as ApiKeyEntry['role'], hash, keyId: hash.slice(0, 12) };
}

/** Parses a file's lines; reports malformed ones by line number (never by content: a key may hide there). */
export function parseApiKeysFile(text: string): { entries: ApiKeyEntry[]; badLines: number[] } {
  const entries: ApiKeyEntry[] = [];
  const badLines: number[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const entry = parseApiKeyEntry(line);
    if (entry) entries.push(entry);
    else badLines.push(i + 1);
  });
  return { entries, badLines };
}

/**
 * Builds the key store. Malformed API_KEYS entries, or an unreadable or malformed file, throw a
 * ConfigError at start-up; later, a changed file replaces the file's keys (malformed lines are
 * skipped and logged) and an unreadable one keeps the last good set.
 */
export function createApiKeyStore(options: ApiKeyStoreOptions): ApiKeyStore {
  const { file, logger, checkIntervalMs = 1000, now = Date.now } = options;
  const fixed = (options.entries ?? []).map((text, i) => {
    const entry = parseApiKeyEntry(text);
    if (!entry) throw new ConfigError(`API_KEYS: entry ${i + 1} is not role:sha256hex`);
    return entry;
  });
  let byHash = index(fixed, []);
  let version = '';
  let lastCheck = now();
  let pending: Promise<void> | undefined;

  if (file) {
    let text: string;
    try {
      version = versionOf(statSync(file));
      text = readFileSync(file, 'utf8');
    } catch {
      throw new ConfigError('API_KEYS_FILE: cannot be read');
    }
    const { entries, badLines } = parseApiKeysFile(text);
    if (badLines.length > 0) {
      throw new ConfigError(`API_KEYS_FILE: line ${badLines.join(', ')} is not role:sha256hex`);
    }
    byHash = index(fixed, entries);
  }

  async function reload(path: string): Promise<void> {
    try {
      const current = versionOf(await stat(path));
      if (current === version) return;
      const { entries, badLines } = parseApiKeysFile(await readFile(path, 'utf8'));
      if (badLines.length > 0) logger.warn({ lines: badLines }, 'API_KEYS_FILE: skipped bad lines');
      byHash = index(fixed, entries);
      version = current;
      logger.info({ keys: byHash.size }, 'API keys reloaded');
    } catch (error) {
      logger.warn({ err: (error as NodeJS.ErrnoException).code }, 'API_KEYS_FILE: kept last keys');
    }
  }

  return {
    enforced: fixed.length > 0 || file !== undefined,
    async lookup(key) {
      if (file && !pending && now() - lastCheck >= checkIntervalMs) {
        lastCheck = now();
        pending = reload(file).finally(() => {
          pending = undefined;
        });
      }
      if (pending) await pending;
      if (key.length === 0 || key.length > MAX_KEY_LENGTH) return undefined;
      return byHash.get(hashApiKey(key));
    },
  };
}

/** Changes whenever the file is rewritten or replaced (a rename swaps the inode). */
function versionOf(s: Stats): string {
  return `${s.mtimeMs}:${s.ctimeMs}:${s.size}:${s.ino}`;
}

function index(...lists: ApiKeyEntry[][]): Map<string, ApiKeyEntry> {
  return new Map(lists.flat().map((entry) => [entry.hash, entry]));
}
