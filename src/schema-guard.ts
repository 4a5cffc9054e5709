import { ChangeType, CriticalityLevel, diff, type Change } from '@graphql-inspector/core';
import {
  buildSchema,
  GraphQLError,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  type GraphQLSchema,
} from 'graphql';
import { z } from 'zod';

/**
 * One intentional breaking change in `schema.breaks.json`: the inspector's change `type` plus its
 * `path` (or, for a change without one, its exact `message`), and why the break is acceptable.
 */
export interface BreakEntry {
  type: string;
  path?: string;
  message?: string;
  reason: string;
  /** Acknowledges removing a field, argument, input field or enum value never deprecated. */
  withoutDeprecation?: boolean;
}

const changeTypes = Object.values(ChangeType) as [string, ...string[]];

const breakEntrySchema = z
  .object({
    type: z.enum(changeTypes, { error: 'not a GraphQL Inspector change type' }),
    path: z.string().min(1).optional(),
    message: z.string().min(1).optional(),
    reason: z.string().trim().min(1, 'say why this break is acceptable'),
    withoutDeprecation: z.literal(true).optional(),
  })
  .strict()
  .refine((entry) => entry.path !== undefined || entry.message !== undefined, {
    message: 'name the change by its path (or by its message when it has no path)',
  });

const breaksFileSchema = z
  .object({ description: z.string().optional(), breaks: z.array(breakEntrySchema) })
  .strict();

/** Validates the parsed `schema.breaks.json`; throws an Error listing every problem. */
export function parseBreaks(json: unknown): BreakEntry[] {
  const result = breaksFileSchema.safeParse(json);
  if (result.success) return result.data.breaks;
  const lines = result.error.issues.map(
    (issue) => `  ${issue.path.join('.') || '(file)'}: ${issue.message}`,
  );
  throw new Error(`not a valid breaks file:\n${lines.join('\n')}`);
}

/** What the guard decided about one change; only `unlisted` and `undeprecated` fail the check. */
export type Verdict =
  | { kind: 'safe' }
  | { kind: 'warning' }
  | { kind: 'listed'; entry: BreakEntry }
  | { kind: 'unlisted' }
  | { kind: 'undeprecated'; entry: BreakEntry | undefined };

/** The guard's answer: each change with its verdict, the listings matching none, the outcome. */
export interface SchemaCheck {
  changes: Array<{ change: Change; verdict: Verdict }>;
  stale: BreakEntry[];
  ok: boolean;
}

/** Removals that need the element deprecated in the released schema first. */
const REMOVALS: ReadonlySet<string> = new Set([
  ChangeType.FieldRemoved,
  ChangeType.FieldArgumentRemoved,
  ChangeType.InputFieldRemoved,
  ChangeType.EnumValueRemoved,
]);

/**
 * Diffs the released SDL against the current SDL (GraphQL Inspector, offline) and judges each
 * change: a BREAKING change passes only when `breaks` lists it; removing a field, argument, input
 * field or enum value that was not `@deprecated` in the released schema also needs
 * `withoutDeprecation` on its listing (deprecations before removals); DANGEROUS changes are
 * warnings; a listing matching no change is stale and fails, so the file names only real breaks.
 */
export async function checkSchema(
  released: string,
  current: string,
  breaks: readonly BreakEntry[],
): Promise<SchemaCheck> {
  const releasedSchema = build(released, 'schema.released.graphql');
  const changes = await diff(releasedSchema, build(current, 'schema.graphql'));
  const used = new Set<BreakEntry>();
  const judged = changes.map((change) => {
    const entry = breaks.find((candidate) => matches(candidate, change));
    if (entry) used.add(entry);
    return { change, verdict: judge(change, entry, releasedSchema) };
  });
  const stale = breaks.filter((entry) => !used.has(entry));
  const failed = judged.some(
    ({ verdict }) => verdict.kind === 'unlisted' || verdict.kind === 'undeprecated',
  );
  return { changes: judged, stale, ok: !failed && stale.length === 0 };
}

/** The schema of one SDL text; if invalid, an Error naming the file, line and column. */
function build(sdl: string, label: string): GraphQLSchema {
  try {
    return buildSchema(sdl);
  } catch (error) {
    const where = error instanceof GraphQLError ? (error.locations?.[0] ?? undefined) : undefined;
    const at = where ? ` (line ${where.line}, column ${where.column})` : '';
    throw new Error(`${label}: ${(error as Error).message}${at}`, { cause: error });
  }
}

function matches(entry: BreakEntry, change: Change): boolean {
  return (
    entry.type === change.type &&
    (entry.path === undefined || entry.path === change.path) &&
    (entry.message === undefined || entry.message === change.message)
  );
}

function judge(change: Change, entry: BreakEntry | undefined, released: GraphQLSchema): Verdict {
  switch (change.criticality.level) {
    case CriticalityLevel.NonBreaking:
      return { kind: 'safe' };
    case CriticalityLevel.Dangerous:
      return entry ? { kind: 'listed', entry } : { kind: 'warning' };
    case CriticalityLevel.Breaking:
      if (
        REMOVALS.has(change.type) &&
        !wasDeprecated(released, change.path) &&
        !entry?.withoutDeprecation
      ) {
        return { kind: 'undeprecated', entry };
      }
      return entry ? { kind: 'listed', entry } : { kind: 'unlisted' };
    default: {
      const never: never = change.criticality.level;
      throw new Error(`unknown criticality ${String(never)}`);
    }
  }
}

/** True when the element at `Type.field`, `Type.field.argument` or `Enum.VALUE` is deprecated. */
function wasDeprecated(schema: GraphQLSchema, path: string | undefined): boolean {
  const [typeName, member, argument] = (path ?? '').split('.');
  const type = typeName ? schema.getType(typeName) : undefined;
  if (!type || !member) return false;
  if (isEnumType(type)) return Boolean(type.getValue(member)?.deprecationReason);
  if (!isObjectType(type) && !isInterfaceType(type) && !isInputObjectType(type)) return false;
  const field = type.getFields()[member];
  if (!field) return false;
  if (argument === undefined) return Boolean(field.deprecationReason);
  const args = 'args' in field ? field.args : [];
  return Boolean(args.find((arg) => arg.name === argument)?.deprecationReason);
}

const LEVELS = [
  CriticalityLevel.Breaking,
  CriticalityLevel.Dangerous,
  CriticalityLevel.NonBreaking,
] as const;

const MARK: Record<Verdict['kind'], string> = {
  safe: ' ',
  warning: '!',
  listed: '✓',
  unlisted: '✗',
  undeprecated: '✗',
};

/** The report `npm run schema:check` prints: changes grouped by criticality, then what to do. */
export function formatSchemaCheck(check: SchemaCheck): string {
  const lines: string[] = [];
  if (check.changes.length === 0) lines.push('No changes against schema.released.graphql.');
  for (const level of LEVELS) {
    const group = check.changes.filter(({ change }) => change.criticality.level === level);
    if (group.length === 0) continue;
    lines.push(`${level} (${group.length})`);
    for (const { change, verdict } of group) {
      const where = change.path ? ` ${change.path}` : '';
      lines.push(`  ${MARK[verdict.kind]} ${change.type}${where}: ${change.message}`);
      lines.push(...explain(verdict).map((line) => `      ${line}`));
    }
  }
  for (const entry of check.stale) {
    lines.push(
      `STALE listing in schema.breaks.json: ${entry.type} ${entry.path ?? entry.message ?? ''}`,
    );
    lines.push('      it matches no change any more: remove it from schema.breaks.json');
  }
  lines.push(check.ok ? 'schema:check passed.' : `schema:check FAILED.\n${HOW_TO_FIX}`);
  return lines.join('\n');
}

function explain(verdict: Verdict): string[] {
  switch (verdict.kind) {
    case 'safe':
      return [];
    case 'warning':
      return ['warning: may change behaviour for existing clients (not a failure)'];
    case 'listed':
      return [`listed as intentional: ${verdict.entry.reason}`];
    case 'unlisted':
      return ['not listed in schema.breaks.json'];
    case 'undeprecated':
      return verdict.entry
        ? [
            'listed, but it was not @deprecated in schema.released.graphql:',
            'add "withoutDeprecation": true to the listing to remove it anyway',
          ]
        : ['removed without being @deprecated in schema.released.graphql first'];
    default: {
      const never: never = verdict;
      throw new Error(`unknown verdict ${JSON.stringify(never)}`);
    }
  }
}

const HOW_TO_FIX = `To fix, either:
  - keep the old field, argument or enum value, mark it @deprecated(reason: "...")
    and remove it after the next release, or
  - list the break in schema.breaks.json as { "type": ..., "path": ..., "reason": "..." }
    (plus "withoutDeprecation": true to remove something that was never deprecated), or
  - at a release, copy schema.graphql over schema.released.graphql and empty the "breaks" list.`;
