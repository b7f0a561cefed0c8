/**
 * `watchkeeper init [dir]`: scaffolds an infra repo in which `npm install && npm run synth && npm test`
 * pass: package.json (watchkeeper and its peer dependencies), tsconfig, cdk8s.yaml, a main.ts with one
 * service, one alert test and the generated scenarios switched on, and a CI workflow running synth, test,
 * diff and lint. The templates are strings in this file, so they ship in lib/.
 */
import * as fs from 'fs';
import * as path from 'path';
import { CommandIo } from './synth-command';

/** Options of `watchkeeper init`. */
export interface InitCommandOptions {
  /** The package name. @default the folder's name */
  readonly name?: string;
  /** The `watchkeeper` dependency (a range, `file:/path/to/watchkeeper.tgz`, ...). @default ^<this version> */
  readonly watchkeeperSpec?: string;
  /** Overwrite existing files. @default false */
  readonly force?: boolean;
}

/** Peer dependency ranges the scaffold pins (those the library declares). */
export const SCAFFOLD_PEERS = { cdk8s: '^2.68.0', constructs: '^10.3.0' } as const;

interface OwnPackage {
  version: string;
  peerDependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

function ownPackage(): OwnPackage {
  // src/cli or lib/cli: the package root is two levels up, in this repository and when installed.
  const file = path.resolve(__dirname, '..', '..', 'package.json');
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as OwnPackage;
  } catch {
    return { version: '0.1.0' };
  }
}

/** The scaffold's files: relative path -> content. */
export function scaffoldFiles(name: string, watchkeeperSpec?: string): Map<string, string> {
  const own = ownPackage();
  const dev = own.devDependencies ?? {};
  const pkg = {
    name,
    version: '0.1.0',
    private: true,
    description: 'Monitoring as code: alerts, SLOs and their tests, synthesized by watchkeeper',
    scripts: {
      synth: 'watchkeeper synth',
      test: 'watchkeeper test',
      diff: 'watchkeeper diff',
      lint: 'watchkeeper lint dist/',
    },
    dependencies: {
      cdk8s: own.peerDependencies?.cdk8s ?? SCAFFOLD_PEERS.cdk8s,
      constructs: own.peerDependencies?.constructs ?? SCAFFOLD_PEERS.constructs,
      watchkeeper: watchkeeperSpec ?? `^${own.version}`,
    },
    devDependencies: {
      '@types/node': dev['@types/node'] ?? '^20.19.0',
      tsx: dev.tsx ?? '^4.20.0',
      typescript: dev.typescript ?? '~5.9.3',
    },
  };
  const files = new Map<string, string>();
  files.set('package.json', `${JSON.stringify(pkg, null, 2)}\n`);
  files.set(
    'tsconfig.json',
    `${JSON.stringify(
      {
        compilerOptions: {
          target: 'ES2022',
          module: 'commonjs',
          moduleResolution: 'node10',
          lib: ['ES2022'],
          strict: true,
          esModuleInterop: true,
          skipLibCheck: true,
          noEmit: true,
          types: ['node'],
        },
        include: ['*.ts'],
      },
      null,
      2,
    )}\n`,
  );
  files.set(
    'cdk8s.yaml',
    '# `watchkeeper synth` (and `cdk8s synth`) run this app.\nlanguage: typescript\napp: npx tsx main.ts\n',
  );
  files.set('.gitignore', 'node_modules/\ndist/\n.watchkeeper/\n');
  files.set('main.ts', MAIN_TS);
  files.set('.github/workflows/monitoring.yml', WORKFLOW);
  files.set('README.md', README(name));
  return files;
}

const MAIN_TS = `/**
 * One service's monitoring: a latency level, an error-rate alert with its test, an availability SLO, declared
 * once for the service (its team, runbook and rule labels) through ServiceMonitoring.
 * \`npm run synth\` writes dist/; \`npm test\` runs the alert tests with promtool.
 */
import { Chart } from 'cdk8s';
import { AlertTest, Expect, GeneratedAlertTests, Series, ServiceMonitoring, Sli, WatchkeeperApp, synthApp } from 'watchkeeper';

// No outdir: \`watchkeeper synth\` and \`watchkeeper diff\` choose it (dist/ by default).
const app = new WatchkeeperApp();
const chart = new Chart(app, 'checkout', { namespace: 'shop' });

// Every alert gets service="checkout", team="payments", namespace="shop" and a runbook link under the base URL.
const checkout = new ServiceMonitoring(chart, 'checkout', {
  service: 'checkout',
  team: 'payments',
  runbookBaseUrl: 'https://wiki.example.com/checkout',
  resourceLabels: { release: 'kube-prometheus-stack' },
})
  .addThreshold({
    metric: 'checkout_request_latency_p99_ms{job="checkout"}',
    alert: 'CheckoutLatencyP99',
    description: 'P99 checkout latency', unit: 'ms', direction: 'above',
    target: 100, thresholds: { warning: 200, critical: 500 },
    runbook: 'latency',
  })
  .addAlert({
    alert: 'CheckoutErrors',
    expr: 'sum by (job) (rate(http_requests_total{job="checkout", code=~"5.."}[5m])) / sum by (job) (rate(http_requests_total{job="checkout"}[5m])) > 0.05',
    for: '5m',
    labels: { severity: 'critical' },
    annotations: { summary: 'Checkout error rate is {{ $value | humanizePercentage }}' },
    runbook: 'errors',
  })
  .addSlo({
    name: 'availability', objective: 99.9,
    description: 'Checkout requests succeed',
    sli: Sli.events('http_requests_total{job="checkout", code=~"5.."}', 'http_requests_total{job="checkout"}'),
  });

// An alert test: 10% of requests fail from the start; the alert fires once its 5 minutes have passed.
// Labels and annotations are rendered from the rule itself: state what the expression yields and its value.
new AlertTest(chart, 'checkout-errors', {
  rules: [checkout.rules],
  series: [
    Series.steadyRate('http_requests_total{job="checkout", code="500"}', { perSecond: 1, for: '20m' }),
    Series.steadyRate('http_requests_total{job="checkout", code="200"}', { perSecond: 9, for: '20m' }),
  ],
  expect: [
    Expect.silent('CheckoutErrors', { at: '4m' }),
    Expect.fires('CheckoutErrors', { at: '10m', labels: { job: 'checkout' }, value: 0.1 }),
  ],
});

// Scenarios every Slo and ThresholdMetric proves on its own, for \`npm test\`.
new GeneratedAlertTests(app);

process.exitCode = synthApp(app);
`;

const WORKFLOW = `# Synthesizes, tests, diffs and lints the monitoring on every pull request.
name: monitoring
on:
  pull_request:
  push:
    branches: [main]
jobs:
  monitoring:
    runs-on: ubuntu-latest
    permissions:
      contents: read
      pull-requests: write
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0
      - uses: actions/setup-node@v4
        with:
          node-version: 20
      - name: promtool
        run: sudo apt-get update -qq && sudo apt-get install -y -qq --no-install-recommends prometheus
      - run: npm install
      - run: npm run synth
      - run: npm test
      - name: diff against the base branch
        if: github.event_name == 'pull_request'
        run: npx watchkeeper diff --ref origin/\${{ github.base_ref }} --format markdown | tee monitoring-diff.md
      - name: comment the diff
        if: github.event_name == 'pull_request'
        env:
          GH_TOKEN: \${{ github.token }}
        run: gh pr comment \${{ github.event.pull_request.number }} --body-file monitoring-diff.md --edit-last || gh pr comment \${{ github.event.pull_request.number }} --body-file monitoring-diff.md
      - run: npm run lint
`;

const README = (name: string): string => `# ${name}

Monitoring as code with [watchkeeper](https://www.npmjs.com/package/watchkeeper).

\`\`\`sh
npm install
npm run synth   # dist/: manifests, rule files, tests
npm test        # the alert tests, with promtool (Debian/Ubuntu: apt-get install prometheus)
npm run diff    # what your change does to monitoring, against dist/ (or: npx watchkeeper diff --ref main)
npm run lint
\`\`\`

Declare alerts, SLOs and their tests in \`main.ts\`.
`;

/** `watchkeeper init`: 0 written, 2 files exist (without --force) or the folder cannot be written. */
export function initCommand(dir: string | undefined, opts: InitCommandOptions, io: CommandIo): number {
  const target = path.resolve(dir ?? '.');
  const name =
    opts.name ??
    (path
      .basename(target)
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, '-')
      .replace(/^[._-]+/, '') ||
      'monitoring');
  const files = scaffoldFiles(name, opts.watchkeeperSpec);
  const existing = [...files.keys()].filter((f) => fs.existsSync(path.join(target, f)));
  if (existing.length > 0 && !opts.force) {
    io.err(
      `watchkeeper init: ${existing.join(', ')} already exist in ${target}; nothing written (use --force to overwrite)\n`,
    );
    return 2;
  }
  try {
    for (const [rel, content] of files) {
      const file = path.join(target, rel);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, content);
    }
  } catch (e) {
    io.err(`watchkeeper init: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  const shown = path.relative(process.cwd(), target) || '.';
  io.out(
    `watchkeeper init: wrote ${[...files.keys()].join(', ')} in ${shown}\nNext:\n${shown === '.' ? '' : `  cd ${shown}\n`}  npm install && npm run synth && npm test\n`,
  );
  return 0;
}
