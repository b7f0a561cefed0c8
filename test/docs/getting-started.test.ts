/**
 * docs/getting-started.md's snippet, synthesized as a user would run it (tsx), with `watchkeeper` resolved to
 * this checkout's source: it must stay at most 30 lines and write what the page says it writes.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import { itWithPromtool, runPromtool } from '../support/promtool';
import { readTree, tempDir } from '../support/synth';

const ROOT = path.resolve(__dirname, '..', '..');
const PAGE = fs.readFileSync(path.join(ROOT, 'docs', 'getting-started.md'), 'utf8');

/** The code between the page's markers, without the fence. */
function snippet(): string {
  const block = /<!-- getting-started:start -->\n```ts\n([\s\S]*?)```\n<!-- getting-started:end -->/.exec(PAGE);
  if (!block) throw new Error('docs/getting-started.md: the getting-started markers or the ts fence are missing');
  return block[1];
}

let dist: string | undefined;
/** Runs the snippet once (tsx in a child process, as `npx tsx main.ts` would) and returns its dist/. */
function synthesized(): string {
  if (dist) return dist;
  const dir = tempDir('wk-getting-started-');
  const code = snippet()
    .replace(/from 'watchkeeper'/, `from ${JSON.stringify(path.join(ROOT, 'src'))}`)
    .replace(/outdir: 'dist'/, `outdir: ${JSON.stringify(path.join(dir, 'dist'))}`);
  fs.writeFileSync(path.join(dir, 'main.ts'), code);
  const tsx = path.join(ROOT, 'node_modules', '.bin', 'tsx');
  const run = spawnSync(tsx, [path.join(dir, 'main.ts')], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, WATCHKEEPER_QUIET: '1', NODE_PATH: path.join(ROOT, 'node_modules') },
  });
  if (run.status !== 0)
    throw new Error(`the getting-started snippet failed (exit ${run.status}):\n${run.stdout}${run.stderr}`);
  dist = path.join(dir, 'dist');
  return dist;
}

describe('docs/getting-started.md', () => {
  it('is at most 30 lines of user code', () => {
    const lines = snippet().trimEnd().split('\n').length;
    console.log(`getting-started snippet: ${lines} lines`);
    expect(lines).toBeLessThanOrEqual(30);
  });

  it('synthesizes two SLOs, three thresholds, a dashboard, an HPA and routing, as the page says', () => {
    const tree = readTree(synthesized());
    const rules = YAML.parse(tree.get('rules/checkout.rules.yaml') as string) as {
      groups: Array<{
        rules: Array<{ alert?: string; labels?: Record<string, string>; annotations?: Record<string, string> }>;
      }>;
    };
    const alerts = rules.groups.flatMap((g) => g.rules).filter((r) => r.alert);
    const names = new Set(alerts.map((a) => a.alert));
    for (const name of [
      'CheckoutAvailabilityErrorBudgetBurn',
      'CheckoutLatencyErrorBudgetBurn',
      'CheckoutQueueDepth',
      'CheckoutPaymentProviderUp',
      'CheckoutDbPoolUtilization',
    ]) {
      expect(names).toContain(name);
    }
    for (const a of alerts) {
      expect(a.labels).toMatchObject({ service: 'checkout', team: 'payments', namespace: 'shop' });
      expect(a.annotations?.runbook_url).toMatch(/^https:\/\/wiki\.example\.com\/checkout#[a-z0-9-]+$/);
    }
    const dashboards = [...tree.keys()].filter((k) => k.startsWith('dashboards/'));
    expect(dashboards).toEqual(['dashboards/shop-checkout-dashboard.json']);
    const kinds = YAML.parseAllDocuments(tree.get('shop.k8s.yaml') as string)
      .map((d) => (d.toJSON() as { kind: string }).kind)
      .sort();
    expect(kinds).toEqual(['AlertmanagerConfig', 'ConfigMap', 'HorizontalPodAutoscaler', 'PrometheusRule']);
  });

  itWithPromtool('writes rules promtool accepts', () => {
    const result = runPromtool(['check', 'rules', path.join(synthesized(), 'rules', 'checkout.rules.yaml')]);
    expect(result.status).toBe(0);
  });
});
