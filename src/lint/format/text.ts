/**
 * The text report: `file:line:column: severity [check] message`, the fix on the next line, and a summary.
 * Colour only when asked (the CLI asks on a TTY, unless NO_COLOR is set).
 */
import type { LintResult, DiagnosticSeverity } from '../types';

const COLORS: Record<DiagnosticSeverity | 'dim' | 'bold' | 'ok', string> = {
  error: '\x1b[31m',
  warning: '\x1b[33m',
  info: '\x1b[34m',
  dim: '\x1b[2m',
  bold: '\x1b[1m',
  ok: '\x1b[32m',
};
const RESET = '\x1b[0m';

/** Formats a result as text. */
export function formatText(
  result: LintResult,
  options: { readonly color?: boolean; readonly unreadable?: number } = {},
): string {
  const paint = (style: keyof typeof COLORS, text: string): string =>
    options.color ? `${COLORS[style]}${text}${RESET}` : text;
  const lines: string[] = [];
  for (const d of result.diagnostics) {
    lines.push(
      `${paint('bold', `${d.file}:${d.line}:${d.column}`)}: ${paint(d.severity, d.severity)} ${paint('dim', `[${d.check}]`)} ${d.message}`,
    );
    lines.push(paint('dim', `  fix: ${d.fix}`));
  }
  const s = result.summary;
  const scope = `${s.files} ${plural(s.files, 'file')}, ${s.rules} ${plural(s.rules, 'rule')}`;
  const unreadable = options.unreadable ?? 0;
  if (unreadable > 0) {
    const parts = [`${s.errors} ${plural(s.errors, 'error')}`, `${s.warnings} ${plural(s.warnings, 'warning')}`];
    lines.push(
      '',
      paint('error', `${parts.join(', ')} (${scope}); ${unreadable} ${plural(unreadable, 'input')} could not be read`),
    );
  } else if (s.errors + s.warnings + s.infos === 0) {
    lines.push(paint('ok', `no problems (${scope})`));
  } else {
    const parts = [`${s.errors} ${plural(s.errors, 'error')}`, `${s.warnings} ${plural(s.warnings, 'warning')}`];
    if (s.infos > 0) parts.push(`${s.infos} info`);
    lines.push('', paint(s.errors > 0 ? 'error' : 'warning', `${parts.join(', ')} (${scope})`));
  }
  return `${lines.join('\n')}\n`;
}

const plural = (n: number, word: string): string => (n === 1 ? word : `${word}s`);
