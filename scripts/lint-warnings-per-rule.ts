/**
 * Lints a directory (or files, globs) with the configuration found there (or none: `--no-config`) and prints
 * errors and warnings per rule, by check: how noisy lint is on a body of rules.
 *
 *   npx tsx scripts/lint-warnings-per-rule.ts <paths...> [--preset recommended|strict] [--no-config] [--messages]
 */
import { findLintConfig, lintPaths, type LintConfig } from '../src/lint';

function main(argv: string[]): number {
  const paths = argv.filter((a, i) => !a.startsWith('--') && argv[i - 1] !== '--preset');
  const preset = argv.includes('--preset') ? argv[argv.indexOf('--preset') + 1] : undefined;
  if (paths.length === 0) {
    process.stderr.write(
      'usage: lint-warnings-per-rule.ts <paths...> [--preset recommended|strict] [--no-config] [--messages]\n',
    );
    return 2;
  }
  const found = argv.includes('--no-config') ? undefined : findLintConfig(process.cwd());
  const config = { ...(found?.config ?? {}), ...(preset ? { preset } : {}) } as LintConfig;
  const { result, problems } = lintPaths(paths, { cwd: process.cwd(), config });
  for (const p of problems) process.stderr.write(`${p}\n`);
  const rules = result.summary.rules;
  const byCheck = new Map<string, { errors: number; warnings: number; infos: number }>();
  for (const d of result.diagnostics) {
    const c = byCheck.get(d.check) ?? { errors: 0, warnings: 0, infos: 0 };
    if (d.severity === 'error') c.errors++;
    else if (d.severity === 'warning') c.warnings++;
    else c.infos++;
    byCheck.set(d.check, c);
  }
  const per = (n: number): string => (rules === 0 ? '0' : (n / rules).toFixed(3));
  process.stdout.write(`${result.summary.files} files, ${rules} rules${preset ? `, preset ${preset}` : ''}\n`);
  process.stdout.write(
    `errors: ${result.summary.errors}; warnings: ${result.summary.warnings} (${per(result.summary.warnings)} per rule); infos: ${result.summary.infos}\n`,
  );
  for (const [check, c] of [...byCheck.entries()].sort(
    (a, b) => b[1].warnings + b[1].errors - (a[1].warnings + a[1].errors),
  )) {
    process.stdout.write(
      `  ${check.padEnd(20)} ${String(c.errors).padStart(5)} errors ${String(c.warnings).padStart(5)} warnings (${per(c.warnings)} per rule) ${c.infos} infos\n`,
    );
  }
  if (argv.includes('--messages')) {
    for (const d of result.diagnostics)
      process.stdout.write(`${d.file}:${d.line}:${d.column}: ${d.severity} [${d.check}] ${d.message}\n`);
  }
  return problems.length > 0 ? 2 : 0;
}

process.exitCode = main(process.argv.slice(2));
