/**
 * GitHub Actions workflow commands: one `::error file=...,line=...,col=...,title=...::message` line per
 * diagnostic (warnings as `::warning`, infos as `::notice`), which GitHub shows on the pull request's
 * lines, then a plain summary line.
 */
import type { LintResult, DiagnosticSeverity } from '../types';

const COMMAND: Record<DiagnosticSeverity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/** Escapes a command's message (GitHub's toolkit: `%`, CR and LF). */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a command's property value (also `:` and `,`). */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** Formats a result as workflow commands. */
export function formatGithub(result: LintResult): string {
  const lines = result.diagnostics.map((d) => {
    const props = [
      `file=${escapeProperty(d.file)}`,
      `line=${d.line}`,
      `col=${d.column}`,
      `title=${escapeProperty(`watchkeeper ${d.check}`)}`,
    ].join(',');
    return `::${COMMAND[d.severity]} ${props}::${escapeData(`${d.message}\nfix: ${d.fix}`)}`;
  });
  const s = result.summary;
  lines.push(
    `watchkeeper lint: ${s.errors} error(s), ${s.warnings} warning(s) in ${s.files} file(s), ${s.rules} rule(s)`,
  );
  return `${lines.join('\n')}\n`;
}
