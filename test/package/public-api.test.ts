/**
 * The public API is the one reviewed in api/*.api.md (API Extractor's reports, kept current by `npm run api:check`
 * in `npm test`): each entry point's runtime exports are exactly the values its report lists, internals are not
 * among them, and the packed package resolves `watchkeeper`, `watchkeeper/lint` and `watchkeeper/promql` through
 * its `exports` map while refusing deep imports. (scripts/ci/adoption-smoke.sh also type-checks a consumer.)
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { tempDir } from '../support/synth';

const root = path.join(__dirname, '..', '..');

const ENTRIES = [
  { spec: 'watchkeeper', load: () => import('../../src'), report: 'api/watchkeeper.api.md' },
  { spec: 'watchkeeper/lint', load: () => import('../../src/entrypoints/lint'), report: 'api/watchkeeper-lint.api.md' },
  {
    spec: 'watchkeeper/promql',
    load: () => import('../../src/entrypoints/promql'),
    report: 'api/watchkeeper-promql.api.md',
  },
];

/** The names a report declares at top level: values (classes, functions, constants, namespaces) and types. */
function reportNames(report: string): { values: string[]; types: string[] } {
  const text = fs.readFileSync(path.join(root, report), 'utf8');
  const values = new Set<string>();
  const types = new Set<string>();
  for (const m of text.matchAll(
    /^(export|declare) (?:declare )?(?:abstract )?(class|function|const|let|enum|namespace|interface|type) (\w+)/gm,
  )) {
    (['interface', 'type'].includes(m[2]) ? types : values).add(m[3]);
  }
  return { values: [...values].sort(), types: [...types].sort() };
}

/** Names the root exported before its API was chosen, now internal (folder index files still export them inside the package). */
const INTERNALS = [
  'writeDirectoryAtomically',
  'compareWithDirectory',
  'formatSynthReport',
  'packUnits',
  'sloRuleGroups',
  'refIdAt',
  'assignRefIds',
  'renderPanel',
  'layoutDashboard',
  'checkDashboard',
  'dashboardUid',
  'DASHBOARD_SCHEMA',
  'queryLabelProblems',
  'LINT_EXIT',
  'lintCommand',
  'expandInputs',
  'compareDiagnostics',
  'toYaml',
  'toYamlDocuments',
  'ProblemCollector',
  'openCollector',
  'closeAllCollectors',
  'reportProblems',
  'throwIfAny',
  'markRefused',
  'formatProblem',
  'sortedRecord',
  'omitEmpty',
  'constructsOfType',
  'withConstructIndex',
  'prometheusVersionOf',
  'checkRuleGroups',
  'ruleData',
  'parseTemplate',
  'lexTemplate',
  'checkTemplate',
  'analyzeTemplate',
  'TEMPLATE_FUNCTIONS',
  'TemplateAst',
  'validateReceiver',
  'validateTiming',
  'secretFilePath',
  'indexRoutes',
  'checkPolicy',
  'capacityRules',
  'behaviorManifest',
  'parseQuantity',
  'plainObjectRef',
  'generateAlertTestFiles',
  'renderTemplate',
  'parsePromtoolFailures',
  'readOutput',
  'diffOutputs',
  'Rational',
  'formatExact',
  'pascalCase',
  'RenderPanelContext',
  'CheckRuleGroupsOptions',
  'LintIo',
  'LintCommandOptions',
  'InputFile',
  'ExpandedInputs',
];

describe('the public API', () => {
  it.each(ENTRIES)('$spec exports at runtime exactly the values of $report', async ({ load, report }) => {
    const runtime = Object.keys(await load())
      .filter((k) => k !== 'default' && k !== '__esModule')
      .sort();
    expect(runtime).toEqual(reportNames(report).values);
  });

  it('keeps internals out of the root, values and types alike', async () => {
    const runtime = new Set(Object.keys(await import('../../src')));
    const { types } = reportNames('api/watchkeeper.api.md');
    const exported = INTERNALS.filter((name) => runtime.has(name) || types.includes(name));
    expect(exported).toEqual([]);
  });

  it('keeps the lint engine and PromQL functions off the root: they are the subpaths', async () => {
    const rootNames = Object.keys(await import('../../src'));
    for (const name of ['lintFiles', 'lintPaths', 'formatResult', 'checkPromQL', 'parseDuration'])
      expect(rootNames).not.toContain(name);
    expect(Object.keys(await import('../../src/entrypoints/lint'))).toEqual(
      expect.arrayContaining(['lintFiles', 'lintPaths', 'lintProblems', 'formatResult']),
    );
    expect(Object.keys(await import('../../src/entrypoints/promql'))).toEqual(
      expect.arrayContaining(['checkPromQL', 'parseDuration']),
    );
  });
});

describe('the packed package', () => {
  let src: string;
  let project: string;

  beforeAll(() => {
    // Built into a scratch copy (not the repository's lib/, which the CLI tests may be running) and packed as npm packs it.
    src = tempDir('wk-pack-src-');
    for (const f of ['package.json', 'README.md']) fs.copyFileSync(path.join(root, f), path.join(src, f));
    for (const d of ['bin', 'docs']) fs.cpSync(path.join(root, d), path.join(src, d), { recursive: true });
    const tsc = spawnSync(
      process.execPath,
      [
        require.resolve('typescript/bin/tsc'),
        '-p',
        path.join(root, 'tsconfig.build.json'),
        '--outDir',
        path.join(src, 'lib'),
      ],
      { cwd: root, encoding: 'utf8' },
    );
    expect(tsc.stdout + tsc.stderr).toBe('');
    const pack = spawnSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', src], {
      cwd: src,
      encoding: 'utf8',
    });
    expect(pack.status).toBe(0);
    const tgz = path.join(src, pack.stdout.trim().split('\n').pop() as string);
    project = tempDir('wk-pack-use-');
    const pkgDir = path.join(project, 'node_modules', 'watchkeeper');
    fs.mkdirSync(pkgDir, { recursive: true });
    expect(spawnSync('tar', ['xzf', tgz, '-C', pkgDir, '--strip-components=1']).status).toBe(0);
  }, 180_000);

  afterAll(() => {
    for (const dir of [src, project]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Runs a CommonJS snippet in the consumer project; dependencies and peers come from this repository's node_modules. */
  function node(code: string): { status: number | null; out: string } {
    const r = spawnSync(process.execPath, ['-e', code], {
      cwd: project,
      encoding: 'utf8',
      env: { ...process.env, NODE_PATH: path.join(root, 'node_modules') },
    });
    return { status: r.status, out: `${r.stdout}${r.stderr}`.trim() };
  }

  it('ships the subpath entry files with their typings', () => {
    for (const f of ['index', 'entrypoints/lint', 'entrypoints/promql']) {
      for (const ext of ['.js', '.d.ts'])
        expect(fs.existsSync(path.join(project, 'node_modules', 'watchkeeper', 'lib', f + ext))).toBe(true);
    }
  });

  it.each(ENTRIES)('resolves $spec to the exports of $report', ({ spec, report }) => {
    const r = node(`console.log(JSON.stringify(Object.keys(require(${JSON.stringify(spec)})).sort()))`);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.out)).toEqual(reportNames(report).values);
  });

  it('loads watchkeeper/lint and watchkeeper/promql without cdk8s or constructs', () => {
    const r = node(`
      const Module = require('module'); const load = Module._load; const peers = new Set();
      Module._load = function (request, ...rest) { if (/^(cdk8s|constructs)(\\/|$)/.test(request)) peers.add(request); return load.call(this, request, ...rest); };
      require('watchkeeper/lint'); require('watchkeeper/promql');
      console.log(JSON.stringify([...peers]));`);
    expect(r).toEqual({ status: 0, out: '[]' });
  });

  it('refuses deep imports of internals, and serves package.json', () => {
    const deep = node("require('watchkeeper/lib/core/yaml')");
    expect(deep.status).not.toBe(0);
    expect(deep.out).toMatch(/ERR_PACKAGE_PATH_NOT_EXPORTED/);
    expect(node("console.log(require('watchkeeper/package.json').name)")).toEqual({ status: 0, out: 'watchkeeper' });
  });
});
