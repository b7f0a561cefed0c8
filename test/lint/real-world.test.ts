/**
 * The realistic corpus (test/lint/fixtures/real-world: rules in the style of kubernetes-mixin, the node
 * exporter mixin, Loki, Thanos, kube-prometheus manifests and a platform team's same-name patterns) passes
 * the default preset quietly: no errors (promtool accepts every file) and at most 0.2 warnings per rule.
 * `npx tsx scripts/lint-warnings-per-rule.ts test/lint/fixtures/real-world --no-config` prints the figures.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as jsyaml from 'js-yaml';
import { lintPaths } from '../../src/lint';
import { itWithPromtool, runPromtool } from '../support/promtool';
import { tempDir } from '../support/synth';

const CORPUS = path.join(__dirname, 'fixtures', 'real-world');

function yamlFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory() ? yamlFiles(path.join(dir, e.name)) : /\.ya?ml$/.test(e.name) ? [path.join(dir, e.name)] : [],
    );
}

describe('the realistic rule corpus with the default preset', () => {
  const { result, problems } = lintPaths([CORPUS], { cwd: CORPUS, threads: 1, config: {} });

  it('has over a hundred rules from several projects', () => {
    expect(problems).toEqual([]);
    expect(result.summary.rules).toBeGreaterThanOrEqual(140);
    expect(result.summary.files).toBeGreaterThanOrEqual(10);
  });

  it('has no errors', () => {
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('has at most 0.2 warnings per rule', () => {
    const perRule = result.summary.warnings / result.summary.rules;
    console.log(
      `real-world corpus, default preset: ${result.summary.warnings} warnings / ${result.summary.rules} rules = ${perRule.toFixed(3)} per rule`,
    );
    expect(perRule).toBeLessThanOrEqual(0.2);
  });

  itWithPromtool('is accepted by promtool, file by file (manifests through their spec)', () => {
    const dir = tempDir('wk-real-world-');
    const refused: string[] = [];
    for (const file of yamlFiles(CORPUS)) {
      const docs = jsyaml.loadAll(fs.readFileSync(file, 'utf8')) as Array<{
        kind?: string;
        spec?: { groups?: unknown };
      }>;
      const plain = docs.every((d) => d?.kind !== 'PrometheusRule')
        ? [file]
        : docs.map((d, i) => {
            const out = path.join(dir, `${path.basename(file, '.yaml')}-${i}.yaml`);
            fs.writeFileSync(out, jsyaml.dump({ groups: d.spec?.groups }));
            return out;
          });
      for (const f of plain) {
        const r = runPromtool(['check', 'rules', f]);
        if (r.status !== 0) refused.push(`${path.relative(CORPUS, file)}: ${r.output}`);
      }
    }
    expect(refused).toEqual([]);
  });
});
