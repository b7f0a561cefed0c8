/**
 * First-error agreement with promtool: for every expression of test/promql/corpus.json that promtool refused,
 * whether checkPromQL's first diagnostic is promtool's first error — same message (the kind of error and
 * its details) at the same line and column (promtool counts columns in bytes).
 *
 *   npx tsx scripts/promql-corpus/first-error.ts [--list]
 *
 * test/promql/first-error.test.ts asserts the figure stays at or above 95%.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { checkPromQL } from '../../src/promql';

export interface FirstErrorCase {
  readonly expr: string;
  readonly promtool: string;
  readonly ours: string;
  /** Same message and position. */
  readonly agrees: boolean;
  /** Same position, whatever the message. */
  readonly samePosition: boolean;
}

const PROMTOOL_PARSE = /^could not parse expression: (\d+):(\d+): parse error: (.*)$/s;

/** Our first error as promtool writes it: `line:column: message`, the column in UTF-8 bytes. */
function ourFirstError(expr: string, version: string): string {
  const [d] = checkPromQL(expr, { prometheusVersion: version });
  if (!d) return 'valid';
  const lines = expr.split('\n');
  const line = lines[d.line - 1] ?? '';
  const byteColumn = Buffer.byteLength(line.slice(0, d.column - 1), 'utf8') + 1;
  return `${d.line}:${byteColumn}: ${d.message}`;
}

/** Compares every refused corpus expression's first error with promtool's. */
export function firstErrorCases(
  corpusFile = path.join(__dirname, '..', '..', 'test', 'promql', 'corpus.json'),
  version = '2.42',
): FirstErrorCase[] {
  const corpus = JSON.parse(readFileSync(corpusFile, 'utf8')) as {
    cases: Array<{ expr: string; valid: boolean; promtool: string }>;
  };
  return corpus.cases
    .filter((c) => !c.valid)
    .map((c) => {
      const m = PROMTOOL_PARSE.exec(c.promtool);
      // Errors promtool reports before parsing (an empty expr) have no position: compare the message.
      const promtool = m ? `${m[1]}:${m[2]}: ${m[3]}` : c.promtool;
      const ours = c.expr === '' && !m ? "field 'expr' must be set in rule" : ourFirstError(c.expr, version);
      const position = (s: string): string => /^\d+:\d+:/.exec(s)?.[0] ?? s;
      return {
        expr: c.expr,
        promtool,
        ours,
        agrees: ours === promtool,
        samePosition: position(ours) === position(promtool),
      };
    });
}

if (require.main === module) {
  const cases = firstErrorCases();
  const agree = cases.filter((c) => c.agrees).length;
  const position = cases.filter((c) => c.samePosition).length;
  const pct = (n: number): string => ((100 * n) / cases.length).toFixed(1);
  if (process.argv.includes('--list')) {
    for (const c of cases.filter((x) => !x.agrees))
      process.stdout.write(`${JSON.stringify(c.expr)}\n  ours     ${c.ours}\n  promtool ${c.promtool}\n`);
  }
  process.stdout.write(
    `first error as promtool's (message and position): ${agree}/${cases.length} (${pct(agree)}%); same position: ${position}/${cases.length} (${pct(position)}%)\n`,
  );
}
