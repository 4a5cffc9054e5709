import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, it } from 'node:test';
import {
  checkSchema,
  formatSchemaCheck,
  parseBreaks,
  type BreakEntry,
  type SchemaCheck,
} from '../src/schema-guard.js';

const root = new URL('../', import.meta.url);

const released = /* GraphQL */ `
  type Query {
    quote(symbol: String!, currency: String): Quote
    legacyQuote(symbol: String!): Quote @deprecated(reason: "use quote")
    news(query: String, limit: Int): [String!]!
    status: Status!
  }
  type Quote {
    symbol: String!
    price: Float!
    stale: Boolean
  }
  enum Status {
    UP
    DEGRADED
    LEGACY @deprecated(reason: "never sent")
  }
`;

const verdicts = (check: SchemaCheck) =>
  check.changes.map(({ change, verdict }) => `${change.type} ${change.path}: ${verdict.kind}`);

describe('checkSchema', () => {
  it('passes an identical schema with no changes', async () => {
    const check = await checkSchema(released, released, []);
    assert.deepEqual(check, { changes: [], stale: [], ok: true });
  });

  it('passes an added type and field (non-breaking)', async () => {
    const current = released.replace(
      'status: Status!',
      'status: Status!\n    health: Health\n  }\n  type Health {\n    ok: Boolean!',
    );
    const check = await checkSchema(released, current, []);
    assert.equal(check.ok, true);
    assert.deepEqual(verdicts(check).sort(), [
      'FIELD_ADDED Health.ok: safe',
      'FIELD_ADDED Query.health: safe',
      'TYPE_ADDED Health: safe',
    ]);
  });

  it('fails a removed field that was never deprecated, even when listed without withoutDeprecation', async () => {
    const current = released.replace('stale: Boolean', '');
    const unlisted = await checkSchema(released, current, []);
    assert.equal(unlisted.ok, false);
    assert.deepEqual(verdicts(unlisted), ['FIELD_REMOVED Quote.stale: undeprecated']);

    const entry: BreakEntry = { type: 'FIELD_REMOVED', path: 'Quote.stale', reason: 'no client' };
    const listed = await checkSchema(released, current, [entry]);
    assert.equal(listed.ok, false);
    assert.deepEqual(listed.changes[0]?.verdict, { kind: 'undeprecated', entry });

    const acknowledged = await checkSchema(released, current, [
      { ...entry, withoutDeprecation: true },
    ]);
    assert.equal(acknowledged.ok, true);
    assert.deepEqual(verdicts(acknowledged), ['FIELD_REMOVED Quote.stale: listed']);
  });

  it('passes a removed field that was deprecated in the released schema once it is listed', async () => {
    const current = released.replace(/legacyQuote.*\n/, '\n');
    const unlisted = await checkSchema(released, current, []);
    assert.equal(unlisted.ok, false);
    assert.deepEqual(verdicts(unlisted), ['FIELD_REMOVED Query.legacyQuote: unlisted']);

    const listed = await checkSchema(released, current, [
      { type: 'FIELD_REMOVED', path: 'Query.legacyQuote', reason: 'deprecated since 0.1' },
    ]);
    assert.equal(listed.ok, true);
    assert.deepEqual(verdicts(listed), ['FIELD_REMOVED Query.legacyQuote: listed']);
  });

  it('applies the same rule to enum values and arguments', async () => {
    const deprecatedValue = await checkSchema(released, released.replace(/LEGACY.*\n/, '\n'), [
      { type: 'ENUM_VALUE_REMOVED', path: 'Status.LEGACY', reason: 'never sent' },
    ]);
    assert.equal(deprecatedValue.ok, true);
    const liveValue = await checkSchema(released, released.replace('DEGRADED', ''), [
      { type: 'ENUM_VALUE_REMOVED', path: 'Status.DEGRADED', reason: 'merged into UP' },
    ]);
    assert.deepEqual(verdicts(liveValue), ['ENUM_VALUE_REMOVED Status.DEGRADED: undeprecated']);
    const argument = await checkSchema(released, released.replace(', currency: String', ''), []);
    assert.deepEqual(verdicts(argument), [
      'FIELD_ARGUMENT_REMOVED Query.quote.currency: undeprecated',
    ]);
  });

  it('fails an argument made required unless listed, and a listed break passes', async () => {
    const current = released.replace('news(query: String,', 'news(query: String!,');
    const unlisted = await checkSchema(released, current, []);
    assert.equal(unlisted.ok, false);
    assert.deepEqual(verdicts(unlisted), [
      'FIELD_ARGUMENT_TYPE_CHANGED Query.news.query: unlisted',
    ]);

    const listed = await checkSchema(released, current, [
      {
        type: 'FIELD_ARGUMENT_TYPE_CHANGED',
        path: 'Query.news.query',
        reason: 'every client sends a query',
      },
    ]);
    assert.equal(listed.ok, true);
  });

  it('warns on a dangerous change without failing', async () => {
    const check = await checkSchema(released, released.replace('UP', 'UP\n    DOWN'), []);
    assert.equal(check.ok, true);
    assert.deepEqual(verdicts(check), ['ENUM_VALUE_ADDED Status.DOWN: warning']);
    assert.match(
      formatSchemaCheck(check),
      /^DANGEROUS \(1\)\n {2}! ENUM_VALUE_ADDED Status\.DOWN/m,
    );
  });

  it('fails a listing that matches no change (stale), and matches by message too', async () => {
    const stale: BreakEntry = { type: 'FIELD_REMOVED', path: 'Quote.price', reason: 'old' };
    const check = await checkSchema(released, released, [stale]);
    assert.deepEqual(check, { changes: [], stale: [stale], ok: false });
    assert.match(
      formatSchemaCheck(check),
      /STALE listing in schema\.breaks\.json: FIELD_REMOVED Quote\.price/,
    );

    const current = released.replace('price: Float!', 'price: Float');
    const [change] = (await checkSchema(released, current, [])).changes;
    assert.ok(change);
    const byMessage = await checkSchema(released, current, [
      { type: change.change.type, message: change.change.message, reason: 'nullable on outages' },
    ]);
    assert.equal(byMessage.ok, true);
  });

  it('prints every change grouped by criticality, with how to fix a failure', async () => {
    const current = released
      .replace('stale: Boolean', '')
      .replace('UP', 'UP\n    DOWN')
      .replace('status: Status!', 'status: Status!\n    ping: Boolean');
    const report = formatSchemaCheck(await checkSchema(released, current, []));
    const headings = report.split('\n').filter((line) => /^[A-Z_]+ \(\d+\)$/.test(line));
    assert.deepEqual(headings, ['BREAKING (1)', 'DANGEROUS (1)', 'NON_BREAKING (1)']);
    assert.match(report, /✗ FIELD_REMOVED Quote\.stale/);
    assert.match(report, /schema:check FAILED/);
    assert.match(report, /@deprecated/);
    assert.match(report, /copy schema\.graphql over schema\.released\.graphql/);
  });
});

describe('parseBreaks', () => {
  it('accepts the documented shape', () => {
    const breaks = [{ type: 'TYPE_REMOVED', path: 'Legacy', reason: 'unused since 0.1' }];
    assert.deepEqual(parseBreaks({ description: 'x', breaks }), breaks);
  });

  it('refuses an unknown change type, a missing reason, an entry naming nothing and extra keys', () => {
    for (const entry of [
      { type: 'FIELD_GONE', path: 'Query.a', reason: 'r' },
      { type: 'FIELD_REMOVED', path: 'Query.a', reason: ' ' },
      { type: 'FIELD_REMOVED', reason: 'r' },
      { type: 'FIELD_REMOVED', path: 'Query.a', reason: 'r', withoutDeprecation: false },
      { type: 'FIELD_REMOVED', path: 'Query.a', reason: 'r', note: 'x' },
    ]) {
      assert.throws(
        () => parseBreaks({ breaks: [entry] }),
        /not a valid breaks file/,
        JSON.stringify(entry),
      );
    }
    assert.throws(() => parseBreaks([]), /not a valid breaks file/);
  });
});

describe('the repository', () => {
  const read = (name: string) => readFile(new URL(name, root), 'utf8');

  it('schema.graphql passes against schema.released.graphql and schema.breaks.json', async () => {
    const breaks = parseBreaks(JSON.parse(await read('schema.breaks.json')));
    const check = await checkSchema(
      await read('schema.released.graphql'),
      await read('schema.graphql'),
      breaks,
    );
    assert.equal(check.ok, true, formatSchemaCheck(check));
  });

  it('npm run schema:check exits 0 on them', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'src/cli/schema-check.ts'],
      { cwd: fileURLToPath(root) },
    );
    assert.match(stdout, /schema:check passed/);
  });
});
