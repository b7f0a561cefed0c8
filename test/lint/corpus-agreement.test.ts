/**
 * Agreement with promtool through the CLI: every expression of the PromQL corpus (test/promql/corpus.json,
 * promtool 2.42's verdicts) goes into one generated rule file, `watchkeeper lint --format json
 * --prometheus-version 2.42` reads it, and promql/syntax errors must appear exactly for the expressions
 * promtool refused, each on its rule's expr line.
 */
import * as fs from 'fs';
import * as path from 'path';
import { yamlQuote } from '../../scripts/promql-corpus/record';
import { run } from '../../src/cli/main';
import { tempDir } from '../support/synth';

interface CorpusCase {
  readonly expr: string;
  readonly valid: boolean;
}

const corpus = (
  JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'promql', 'corpus.json'), 'utf8')) as { cases: CorpusCase[] }
).cases;

describe('promql/syntax agrees with promtool on the corpus, through the CLI', () => {
  it(`flags exactly the ${corpus.filter((c) => !c.valid).length} expressions promtool refused, of ${corpus.length}`, () => {
    const lines = ['groups:', '  - name: corpus', '    rules:'];
    const exprLine = new Map<string, number>();
    corpus.forEach((c, i) => {
      lines.push(`      - record: corpus:case_${i}:expr`);
      lines.push(`        expr: ${yamlQuote(c.expr)}`);
      exprLine.set(`corpus:case_${i}:expr`, lines.length);
    });
    const file = path.join(tempDir('wk-lint-corpus-'), 'corpus.rules.yaml');
    fs.writeFileSync(file, `${lines.join('\n')}\n`);

    let out = '';
    let err = '';
    const code = run(['lint', '--format', 'json', '--prometheus-version', '2.42', file], {
      out: (t) => (out += t),
      err: (t) => (err += t),
    });
    expect(err).toBe('');
    expect(code).toBe(1);
    const report = JSON.parse(out) as {
      diagnostics: Array<{ check: string; severity: string; rule: string; line: number }>;
      summary: { rules: number };
    };
    expect(report.summary.rules).toBe(corpus.length);

    const flagged = new Set<string>();
    const misplaced: string[] = [];
    for (const d of report.diagnostics) {
      if (d.check !== 'promql/syntax') continue;
      expect(d.severity).toBe('error');
      flagged.add(d.rule);
      if (d.line !== exprLine.get(d.rule)) misplaced.push(`${d.rule}: line ${d.line}, expr on ${exprLine.get(d.rule)}`);
    }
    const disagreements = corpus
      .map((c, i) => ({ c, name: `corpus:case_${i}:expr` }))
      .filter(({ c, name }) => flagged.has(name) === c.valid)
      .map(
        ({ c, name }) =>
          `${name} ${JSON.stringify(c.expr)}: promtool ${c.valid ? 'accepts' : 'refuses'}, lint ${flagged.has(name) ? 'refuses' : 'accepts'}`,
      );
    console.log(
      `lint agrees with promtool 2.42 on ${corpus.length - disagreements.length}/${corpus.length} corpus expressions`,
    );
    expect(disagreements).toEqual([]);
    expect(misplaced).toEqual([]);
    // Nothing but promql/syntax makes these rules errors.
    expect(report.diagnostics.filter((d) => d.severity === 'error' && d.check !== 'promql/syntax')).toEqual([]);
  });
});
