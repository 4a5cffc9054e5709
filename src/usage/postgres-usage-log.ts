import type { Pool } from 'pg';
import { describePgError, isConnectionError, migrate } from '../db/postgres.js';
import { ErrorCode, GatewayError } from '../errors.js';
import type { Logger } from '../logger.js';
import {
  addToDay,
  dayKey,
  dayRowOf,
  compareUsageDays,
  queryDays,
  type UsageDay,
  type UsageLog,
  type UsageRecord,
} from './usage-log.js';

export interface PostgresUsageLogOptions {
  /** Its own pool (ended by `close`). */
  pool: Pool;
  logger?: Logger;
  /** How often buffered rows are written (default 1 s). */
  flushIntervalMs?: number;
  /**
   * Most day × caller × model rows buffered while PostgreSQL is unreachable (default 10,000); past
   * it new rows are dropped and counted in the log, never grown without bound.
   */
  maxBufferedRows?: number;
}

/**
 * The usage log in PostgreSQL (`sluice_usage`, one row per UTC day, caller and model), shared by
 * every replica and surviving a Redis flush. Records are summed in a bounded buffer and written
 * once a second in one upsert (`calls = calls + excluded.calls`, …), so a request never waits on
 * the database and replicas adding to the same row never lose an increment. While PostgreSQL is
 * down the buffer keeps the sums and the next flush writes them.
 */
export function createPostgresUsageLog({
  pool,
  logger,
  flushIntervalMs = 1_000,
  maxBufferedRows = 10_000,
}: PostgresUsageLogOptions): UsageLog {
  let buffer = new Map<string, UsageDay>();
  let dropped = 0;
  let flushing: Promise<void> | undefined;
  let failing = false;
  let migrated: Promise<unknown> | undefined;
  const ensureSchema = () => {
    migrated ??= migrate(pool).catch((error: unknown) => {
      migrated = undefined;
      throw error;
    });
    return migrated;
  };

  async function write(rows: UsageDay[]): Promise<void> {
    await ensureSchema();
    await pool.query(
      `insert into sluice_usage as u
         (day, caller, model, calls, input_tokens, output_tokens, usd, saved_usd)
       select * from unnest($1::date[], $2::text[], $3::text[], $4::bigint[], $5::bigint[],
                            $6::bigint[], $7::float8[], $8::float8[])
       on conflict (day, caller, model) do update set
         calls = u.calls + excluded.calls,
         input_tokens = u.input_tokens + excluded.input_tokens,
         output_tokens = u.output_tokens + excluded.output_tokens,
         usd = u.usd + excluded.usd,
         saved_usd = u.saved_usd + excluded.saved_usd`,
      [
        rows.map((r) => r.day),
        rows.map((r) => r.caller),
        rows.map((r) => r.model),
        rows.map((r) => r.calls),
        rows.map((r) => r.inputTokens),
        rows.map((r) => r.outputTokens),
        rows.map((r) => r.usd),
        rows.map((r) => r.savedUsd),
      ],
    );
  }

  function flush(): Promise<void> {
    if (flushing) return flushing;
    if (buffer.size === 0) return Promise.resolve();
    const rows = [...buffer.values()];
    buffer = new Map();
    flushing = write(rows)
      .then(
        () => {
          if (failing) logger?.info({ component: 'usage-log' }, 'usage log writes resumed');
          failing = false;
        },
        (error: unknown) => {
          // Back into the buffer: the next flush writes them with whatever came since.
          for (const row of rows) addToDay(buffer, row);
          if (!failing)
            logger?.warn(
              { component: 'usage-log', err: describePgError(error), rows: buffer.size },
              'usage log write failed; keeping the rows and retrying',
            );
          failing = true;
        },
      )
      .finally(() => {
        flushing = undefined;
      });
    return flushing;
  }

  /**
   * Writes everything recorded so far: a write in flight carries only the rows it took, so wait
   * for it, then write what came since (once: rows a failed write gives back stay buffered).
   */
  async function flushAll(): Promise<void> {
    if (flushing) await flushing;
    await flush();
  }

  // An idle pooled client that loses its server (a restart) emits here; unhandled, it would end
  // the process. The pool drops that client; the next write connects again.
  pool.on('error', (error) => {
    logger?.warn(
      { component: 'usage-log', err: describePgError(error) },
      'usage log connection lost',
    );
  });

  const timer = setInterval(() => void flush(), flushIntervalMs);
  timer.unref();

  return {
    kind: 'postgres',
    record(records: readonly UsageRecord[]) {
      for (const record of records) {
        const row = dayRowOf(record);
        if (buffer.size >= maxBufferedRows && !buffer.has(dayKey(row))) {
          dropped += 1;
          if (dropped === 1 || dropped % 1_000 === 0)
            logger?.error(
              { component: 'usage-log', dropped },
              'usage log buffer full (PostgreSQL unreachable for long): usage records dropped',
            );
          continue;
        }
        addToDay(buffer, row);
      }
    },
    async report(query) {
      const { first, last } = queryDays(query);
      try {
        // What this replica has not written yet counts too: a report right after a call sees it.
        await flushAll();
        await ensureSchema();
        const { rows } = await pool.query<{
          day: string;
          caller: string;
          model: string;
          calls: string;
          input_tokens: string;
          output_tokens: string;
          usd: number;
          saved_usd: number;
        }>(
          `select to_char(day, 'YYYY-MM-DD') as day, caller, model, calls, input_tokens,
                  output_tokens, usd, saved_usd
             from sluice_usage
            where day between $1::date and $2::date and ($3::text is null or caller = $3)
            order by day, caller, model`,
          [first, last, query.caller ?? null],
        );
        return rows
          .map((r) => ({
            day: r.day,
            caller: r.caller,
            model: r.model,
            calls: Number(r.calls),
            inputTokens: Number(r.input_tokens),
            outputTokens: Number(r.output_tokens),
            usd: r.usd,
            savedUsd: r.saved_usd,
          }))
          .sort(compareUsageDays);
      } catch (error) {
        if (isConnectionError(error))
          throw new GatewayError(ErrorCode.UPSTREAM_UNAVAILABLE, 'the usage log is unavailable', {
            provider: 'postgres',
            cause: error,
          });
        throw error;
      }
    },
    async close() {
      clearInterval(timer);
      await flushAll();
      if (buffer.size > 0)
        logger?.warn(
          { component: 'usage-log', rows: buffer.size },
          'usage rows not written at shutdown (PostgreSQL unreachable)',
        );
      await pool.end();
    },
  };
}
