import { verdict, type Gate } from './types.js';

export interface FormatOptions {
  maxChars: number;
}

/** What is wrong with an answer's form (empty, too long, raw markup), or an empty list. */
export function formatProblems(text: string, { maxChars }: FormatOptions): string[] {
  const problems: string[] = [];
  if (text.trim() === '') problems.push('empty answer');
  if (text.length > maxChars) problems.push(`longer than ${maxChars} characters`);
  if (/<\/?[a-z][\w-]*(\s[^>]*)?>/i.test(text)) problems.push('raw HTML markup');
  if (/^#{1,6}\s/m.test(text)) problems.push('markdown headings');
  if (/```/.test(text)) problems.push('code fences');
  return problems;
}

/** `format` (OUTPUT, ERROR): plain text of bounded length, no raw markup. */
export function createFormatGate(options: FormatOptions): Gate<{ answer: string }> {
  const gate = { name: 'format', stage: 'OUTPUT', severity: 'ERROR' } as const;
  return {
    ...gate,
    check({ answer }) {
      const problems = formatProblems(answer, options);
      return problems.length === 0
        ? verdict(gate, 'PASSED', `${answer.length} characters, plain text`, 1)
        : verdict(gate, 'FAILED', problems.join('; '), 0);
    },
  };
}
