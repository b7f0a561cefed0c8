// The bundled CLI: lib/bundle/, which bin/watchkeeper.js runs when it is there (`npm run build` writes it,
// after tsc). One file per command instead of a hundred modules: loading is most of a small lint's time.
//
//   lib/bundle/cli.js            src/cli/main.ts and commander
//   lib/bundle/<command>.js      what one command needs; main.ts requires it when that command runs
//   lib/bundle/rule-worker.js    the parallel lint's worker thread (src/lint/parallel.ts looks for it beside itself)
//
// The package's dependencies are bundled in; cdk8s and constructs (peer dependencies) stay external.
// Code that finds files from its own location (__dirname: package.json, docs/) is given the folder its module
// has in lib/, so it finds the same files from the bundle.
import * as esbuild from 'esbuild';
import * as fs from 'fs';
import * as path from 'path';
import { fileURLToPath } from 'url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// `--outdir <dir>` writes it elsewhere (the test builds into a temporary package).
const outArg = process.argv.indexOf('--outdir');
const outdir = outArg > 0 ? path.resolve(process.argv[outArg + 1]) : path.join(root, 'lib', 'bundle');

/** main.ts's lazy requires, each to a bundle of its own (loaded at run time, beside cli.js). */
const LAZY = {
  '../promql': 'check-expr',
  '../lint/command': 'lint',
  './synth-command': 'synth',
  './test-command': 'test',
  './diff-command': 'diff',
  './init-command': 'init',
  './metrics-command': 'metrics',
};
const ENTRIES = {
  cli: 'src/cli/main.ts',
  'check-expr': 'src/promql/index.ts',
  lint: 'src/lint/command.ts',
  synth: 'src/cli/synth-command.ts',
  test: 'src/cli/test-command.ts',
  diff: 'src/cli/diff-command.ts',
  init: 'src/cli/init-command.ts',
  metrics: 'src/cli/metrics-command.ts',
  'rule-worker': 'src/lint/rule-worker.ts',
};
/** Modules whose __dirname must stay the bundle's own: parallel.ts finds rule-worker.js beside itself. */
const OWN_DIRNAME = new Set([path.join(root, 'src', 'lint', 'parallel.ts')]);

const splitCommands = {
  name: 'split-commands',
  setup(build) {
    build.onResolve({ filter: /^\.\.?\// }, (args) => {
      if (args.kind !== 'require-call' || args.importer !== path.join(root, 'src', 'cli', 'main.ts')) return undefined;
      const bundle = LAZY[args.path];
      return bundle ? { path: `./${bundle}.js`, external: true } : undefined;
    });
  },
};

const dirnameAsInLib = {
  name: 'dirname-as-in-lib',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, async (args) => {
      let contents = await fs.promises.readFile(args.path, 'utf8');
      if (!OWN_DIRNAME.has(args.path) && /\b__(dirname|filename)\b/.test(contents)) {
        const rel = path.relative(path.join(root, 'src'), path.dirname(args.path)).split(path.sep);
        const dir = `require('path').join(__dirname, '..', ${rel.map((p) => JSON.stringify(p)).join(', ')})`;
        const file = `require('path').join(${dir}, ${JSON.stringify(path.basename(args.path).replace(/\.ts$/, '.js'))})`;
        contents = contents.replace(/\b__filename\b/g, file).replace(/\b__dirname\b/g, dir);
      }
      return { contents, loader: 'ts' };
    });
  },
};

fs.rmSync(outdir, { recursive: true, force: true });
const started = Date.now();
const result = await esbuild.build({
  absWorkingDir: root,
  entryPoints: Object.entries(ENTRIES).map(([out, src]) => ({ in: src, out })),
  outdir,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: ['cdk8s', 'constructs', 'tsx', 'tsx/*'],
  plugins: [splitCommands, dirnameAsInLib],
  logLevel: 'warning',
  legalComments: 'linked',
  // ESM-only code in dependencies (fdir's createRequire(import.meta.url)) runs as CommonJS here.
  banner: { js: "const __importMetaUrl = require('url').pathToFileURL(__filename).href;" },
  define: { 'import.meta.url': '__importMetaUrl' },
  metafile: true,
});
const sizes = Object.entries(result.metafile.outputs)
  .filter(([f]) => f.endsWith('.js'))
  .map(([f, o]) => `${path.basename(f)} ${(o.bytes / 1024).toFixed(0)} kB`);
console.log(`bundled the CLI into ${path.relative(root, outdir)}/ in ${Date.now() - started} ms: ${sizes.join(', ')}`);
