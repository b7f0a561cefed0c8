/**
 * lint/format: the reports — text (for people), json (the contract), github (workflow annotations),
 * sarif (code scanning).
 */
import type { LintResult } from '../types';
import { formatGithub } from './github';
import { formatJson } from './json';
import { formatSarif } from './sarif';
import { formatText } from './text';

export { formatGithub, escapeData, escapeProperty } from './github';
export { formatJson } from './json';
export { formatSarif, toSarif } from './sarif';
export { formatText } from './text';

/** The report formats. */
export const FORMATS = ['text', 'json', 'github', 'sarif'] as const;
export type LintFormat = (typeof FORMATS)[number];

/** Formats a result. `color` applies to text only. */
export function formatResult(
  result: LintResult,
  format: LintFormat,
  options: { readonly color?: boolean; readonly unreadable?: number } = {},
): string {
  switch (format) {
    case 'text':
      return formatText(result, options);
    case 'json':
      return formatJson(result);
    case 'github':
      return formatGithub(result);
    case 'sarif':
      return formatSarif(result);
  }
}
