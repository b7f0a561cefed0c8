/**
 * docs/seed-fixes.md against the seeds and promtool: every PromQL query of the seeds is extracted, the ones
 * Prometheus refuses must be exactly the doc's rows, with promtool's complaint, and each replacement must load.
 */
import * as fs from 'fs';
import * as path from 'path';
import { checkPromQL } from '../../src/entrypoints/promql';
import { itWithPromtool, runPromtool } from '../support/promtool';
import { itWithShared, lazily, seed, withShared } from '../support/shared';
import { tempDir } from '../support/synth';

const SEEDS = ['000', '001', '002', '003', '004'];

/** The PromQL of a seed: alert and panel expressions, API queries and the metrics its dashboards name. */
function seedQueries(text: string): string[] {
  const found: string[] = [];
  const add = (q: string): void => {
    const t = q.trim().replace(/^"(.*)"$/, '$1');
    if (t && !found.includes(t)) found.push(t);
  };
  for (const m of text.matchAll(/^\s*(?:- )?(?:expr|query): (.+)$/gm)) add(m[1]); // rule files, dashboard YAML
  for (const m of text.matchAll(/--data-urlencode 'query=([^']+)'/g)) add(m[1]); // curl -G
  for (const m of text.matchAll(/[?&]query=([^"&\s]+)/g)) add(m[1]); // query in the URL
  for (const m of text.matchAll(/Prometheus: `([^`]+)`/g)) add(m[1]); // "Dashboards to Check"
  return found;
}

interface FixRow {
  seed: string;
  query: string;
  complaint: string;
  fix: string;
}

/** The rows of the doc's table. */
function fixRows(): FixRow[] {
  const doc = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'seed-fixes.md'), 'utf8');
  return doc
    .split('\n')
    .filter((l) => /^\| 00\d /.test(l))
    .map((l) => {
      const cells = l.split(' | ').map((c) => c.replace(/^\| |\s\|$/g, '').trim());
      const code = (c: string): string => (/^`(.*)`$/.exec(c) ?? [])[1] ?? '';
      return { seed: cells[0].slice(0, 3), query: code(cells[2]), complaint: code(cells[3]), fix: code(cells[4]) };
    });
}

/** promtool's verdict on each expression: '' when it loads, else its parse complaint. */
function promtoolVerdicts(exprs: string[]): string[] {
  const dir = tempDir('wk-seed-fixes-');
  const files = exprs.map((e, i) => {
    const f = path.join(dir, `q${i}.yaml`);
    fs.writeFileSync(f, `groups:\n- name: g\n  rules:\n  - record: seed:query:check\n    expr: ${JSON.stringify(e)}\n`);
    return f;
  });
  const r = runPromtool(['check', 'rules', ...files]);
  return files.map((f) => {
    expect(r.output).toContain(`Checking ${f}`);
    const failure = r.output.split('\n').find((l) => l.startsWith(`${f}:`));
    return failure === undefined ? '' : (/could not parse expression: (.*)/.exec(failure)?.[1] ?? failure);
  });
}

describe('docs/seed-fixes.md', () => {
  const bySeed = lazily(() => new Map(SEEDS.map((s) => [s, seedQueries(seed(s))])));
  const rows = fixRows();

  itWithShared("finds the seeds' queries", () => {
    expect(bySeed().get('000')).toEqual([]);
    expect(bySeed().get('001')).toHaveLength(5);
    expect(bySeed().get('002')).toHaveLength(19); // 11 panels, 8 alerts
    expect(bySeed().get('003')).toEqual([
      'service_latency_histogram',
      'tool_service_health_check',
      'validation_errors_total',
      'websocket_connections_active',
      'websocket_backpressure_drops',
    ]);
    expect(bySeed().get('004')).toEqual([
      'histogram_quantile(0.95,rate(flask_request_duration_seconds_bucket[5m]))',
      'rate(authentication_failures_total[5m])',
    ]);
    expect(rows).toHaveLength(5);
  });

  itWithShared('lists exactly the queries our validator refuses, each quoted from its seed', () => {
    const refused = SEEDS.flatMap((s) =>
      (bySeed().get(s) ?? [])
        .filter((q) => checkPromQL(q, { prometheusVersion: '2.42' }).length > 0)
        .map((q) => `${s} ${q}`),
    );
    expect(refused.sort()).toEqual(rows.map((r) => `${r.seed} ${r.query}`).sort());
    for (const r of rows) expect(seed(r.seed)).toContain(r.query);
  });

  it('every replacement is valid PromQL', () => {
    for (const r of rows) expect([r.fix, checkPromQL(r.fix, { prometheusVersion: '2.42' })]).toEqual([r.fix, []]);
  });

  withShared(itWithPromtool)(
    'promtool refuses exactly those queries, with the complaints quoted, and loads every replacement',
    () => {
      const all = SEEDS.flatMap((s) => (bySeed().get(s) ?? []).map((q) => ({ s, q })));
      const verdicts = promtoolVerdicts(all.map((x) => x.q));
      const refused = all.map((x, i) => ({ ...x, complaint: verdicts[i] })).filter((x) => x.complaint !== '');
      expect(refused.map((x) => `${x.s} ${x.q} => parse error`).sort()).toEqual(
        rows.map((r) => `${r.seed} ${r.query} => parse error`).sort(),
      );
      for (const r of rows) {
        const mine = refused.find((x) => x.s === r.seed && x.q === r.query);
        expect(mine?.complaint).toBe(r.complaint);
      }
      expect(promtoolVerdicts(rows.map((r) => r.fix))).toEqual(rows.map(() => ''));
    },
  );
});
