/**
 * The bundled CLI (scripts/build-cli.mjs → lib/bundle/, what bin/watchkeeper.js runs when it is there) answers
 * as the sources do: built into a temporary package (bin/, lib/bundle/, package.json, no src/), it lints rule
 * files with the same reports and exit codes as src/cli/main.ts, and its lint worker thread loads and checks.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as nodeModule from 'module';
import * as path from 'path';
import { run } from '../../src/cli/main';
import { tempDir } from '../support/synth';

const root = path.join(__dirname, '..', '..');

/** The sources' answer, in this process. */
function unbundled(argv: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = run(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('the bundled CLI', () => {
  const pkg = tempDir('wk-bundle-');
  const rules = tempDir('wk-bundle-rules-');
  beforeAll(() => {
    const built = spawnSync(
      process.execPath,
      [path.join(root, 'scripts', 'build-cli.mjs'), '--outdir', path.join(pkg, 'lib', 'bundle')],
      { encoding: 'utf8' },
    );
    expect(built.stderr).toBe('');
    expect(built.status).toBe(0);
    fs.mkdirSync(path.join(pkg, 'bin'));
    fs.copyFileSync(path.join(root, 'bin', 'watchkeeper.js'), path.join(pkg, 'bin', 'watchkeeper.js'));
    fs.copyFileSync(path.join(root, 'package.json'), path.join(pkg, 'package.json'));
    fs.symlinkSync(path.join(root, 'node_modules'), path.join(pkg, 'node_modules'), 'dir');
    fs.writeFileSync(
      path.join(rules, 'clean.yaml'),
      'groups:\n  - name: g\n    rules:\n      - alert: Down\n        expr: up == 0\n        for: 5m\n        labels: { severity: page }\n        annotations: { summary: "{{ $labels.instance }} is down" }\n',
    );
    fs.writeFileSync(
      path.join(rules, 'broken.yaml'),
      'groups:\n  - name: g\n    rules:\n      - alert: Bad\n        expr: rate(x[5m]\n      - record: job:x:rate5m\n        expr: sum(rate(x[5m])) by (job)\n      - alert: NoFor\n        expr: absent(y)\n        labels: { severity: nope }\n',
    );
  });
  afterAll(() => {
    fs.rmSync(pkg, { recursive: true, force: true });
    fs.rmSync(rules, { recursive: true, force: true });
  });

  const cases: Array<[string, string[]]> = [
    ['a clean file, text', ['lint', 'clean.yaml']],
    ['problems, text', ['lint', 'broken.yaml', 'clean.yaml']],
    ['problems, json', ['lint', '.', '--format', 'json']],
    ['problems, sarif (the package version read from package.json)', ['lint', '.', '--format', 'sarif']],
    ['problems, github', ['lint', 'broken.yaml', '--format', 'github']],
    ['an older Prometheus', ['lint', 'broken.yaml', '--prometheus-version', '2.42']],
    ['check-expr', ['check-expr', 'sum(rate(x[5m])', 'up']],
    ['a usage error', ['lint']],
    ['the version', ['--version']],
  ];
  it.each(cases)('%s: the same report and exit code as the sources', (_name, argv) => {
    const bundled = spawnSync(process.execPath, [path.join(pkg, 'bin', 'watchkeeper.js'), ...argv], {
      cwd: rules,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    const cwd = process.cwd();
    process.chdir(rules);
    let expected: ReturnType<typeof unbundled>;
    try {
      expected = unbundled(argv);
    } finally {
      process.chdir(cwd);
    }
    expect({ code: bundled.status, out: bundled.stdout, err: bundled.stderr }).toEqual(expected);
  });

  it("keeps the bundle's compiled code between runs (Node 22.1+: its compile cache; before: V8 code cache files)", () => {
    const tmp = tempDir('wk-bundle-cache-');
    try {
      const lint = (): ReturnType<typeof spawnSync> =>
        spawnSync(process.execPath, [path.join(pkg, 'bin', 'watchkeeper.js'), 'lint', '.', '--format', 'json'], {
          cwd: rules,
          encoding: 'utf8',
          env: { ...process.env, TMPDIR: tmp },
        });
      const first = lint();
      const second = lint();
      expect(second.stdout).toEqual(first.stdout);
      expect(second.status).toBe(first.status);
      if (typeof (nodeModule as { enableCompileCache?: unknown }).enableCompileCache !== 'function') {
        const [dir] = fs.readdirSync(tmp).filter((f) => f.startsWith('watchkeeper-compile-cache-'));
        expect(
          fs
            .readdirSync(path.join(tmp, dir))
            .map((f) => f.replace(/-[0-9a-f]{40}\.bin$/, ''))
            .sort(),
        ).toEqual(['cli', 'lint']);
      }
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('keeps a code cache per installed copy: the same bundle at another path has its own (V8 would name the first path)', () => {
    if (typeof (nodeModule as { enableCompileCache?: unknown }).enableCompileCache === 'function') return; // Node's own cache
    const tmp = tempDir('wk-bundle-cache-');
    const copy = tempDir('wk-bundle-copy-');
    try {
      fs.cpSync(pkg, copy, { recursive: true, verbatimSymlinks: true });
      for (const at of [pkg, copy])
        spawnSync(process.execPath, [path.join(at, 'bin', 'watchkeeper.js'), 'lint', '.', '--format', 'json'], {
          cwd: rules,
          encoding: 'utf8',
          env: { ...process.env, TMPDIR: tmp },
        });
      const [dir] = fs.readdirSync(tmp).filter((f) => f.startsWith('watchkeeper-compile-cache-'));
      const files = fs.readdirSync(path.join(tmp, dir)).map((f) => f.replace(/-[0-9a-f]{40}\.bin$/, ''));
      expect(files.sort()).toEqual(['cli', 'cli', 'lint', 'lint']);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
      fs.rmSync(copy, { recursive: true, force: true });
    }
  });

  it('loads only the lint bundle for lint (each command is a bundle of its own)', () => {
    const script = `const c = require(${JSON.stringify(path.join(pkg, 'lib', 'bundle', 'cli.js'))}); c.run(['lint', 'clean.yaml'], { out() {}, err() {} });
      console.log(JSON.stringify(Object.keys(require.cache).filter((f) => f.includes('bundle')).map((f) => require('path').basename(f)).sort()));`;
    const r = spawnSync(process.execPath, ['-e', script], { cwd: rules, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual(['cli.js', 'lint.js']);
  });

  it('has a lint worker thread that loads and checks rules (parallel.ts finds rule-worker.js beside the bundle)', () => {
    const script = `
      const { Worker, MessageChannel, receiveMessageOnPort } = require('worker_threads');
      const status = new Int32Array(new SharedArrayBuffer(8));
      const worker = new Worker(${JSON.stringify(path.join(pkg, 'lib', 'bundle', 'rule-worker.js'))}, { workerData: status });
      const { port1, port2 } = new MessageChannel();
      const rule = { kind: 'alert', name: 'Bad', expr: 'rate(x[5m]', labels: {}, annotations: {}, groupLabels: {} };
      worker.postMessage({ config: {}, rules: [rule], compared: [true], port: port2 }, [port2]);
      const waited = Date.now();
      let m;
      while (!(m = receiveMessageOnPort(port1)) && Date.now() - waited < 30000) Atomics.wait(status, 1, 0, 100);
      console.log(JSON.stringify({ started: Atomics.load(status, 0), response: m && m.message }));
      worker.terminate();`;
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const { started, response } = JSON.parse(r.stdout) as {
      started: number;
      response: { results?: unknown[]; error?: string };
    };
    expect(started).toBe(1);
    expect(response.error).toBeUndefined();
    expect(response.results).toHaveLength(1);
    expect(JSON.stringify(response.results)).toContain('expr');
  });
});
