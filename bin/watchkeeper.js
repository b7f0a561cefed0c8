#!/usr/bin/env node
// The CLI entry point: the bundled CLI in lib/bundle/ (scripts/build-cli.mjs), else the compiled code in lib/
// (both built by `npm run build`, and by `npm pack` through prepack) when it is at least as new as the
// sources, else the TypeScript sources through tsx (a checkout being edited, or no build).
const fs = require('fs');
const path = require('path');
const nodeModule = require('module');

// Node 22.1+: keep V8's compiled code between runs (start-up is most of a small lint's time).
const nodeCompileCache = typeof nodeModule.enableCompileCache === 'function';
if (nodeCompileCache) {
  try {
    nodeModule.enableCompileCache();
  } catch {
    // No writable cache folder: run without it.
  }
}

const root = path.join(__dirname, '..');
const bundled = path.join(root, 'lib', 'bundle', 'cli.js');
const compiled = path.join(root, 'lib', 'cli', 'main.js');
const sources = path.join(root, 'src');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

const hasSources = fs.existsSync(sources);
const sourcesMtime = hasSources ? newestMtime(sources) : 0;
const fresh = (file) => fs.existsSync(file) && (!hasSources || fs.statSync(file).mtimeMs >= sourcesMtime);
let cli;
if (fresh(bundled)) {
  if (!nodeCompileCache) cacheBundleCode(path.dirname(bundled));
  cli = require(bundled);
} else if (fresh(compiled)) {
  cli = require(compiled);
} else {
  require('tsx/cjs');
  cli = require(path.join(sources, 'cli', 'main.ts'));
}
process.exitCode = cli.run(process.argv.slice(2));

/**
 * Where Node has no compile cache (before 22.1): the same for the bundle's files, by hand. Each bundle file is
 * compiled with V8's code cache from <tmpdir>/watchkeeper-compile-cache-<node version>-<arch>/, keyed by the
 * SHA-1 of the file's path and content (V8 itself checks only the length, and a cache made for the same
 * content at another path would name that path in stack traces and profiles); a missing or rejected cache is
 * written at exit, with the functions this run compiled. Any failure falls back to Node's own loading.
 */
function cacheBundleCode(bundleDir) {
  const vm = require('vm');
  const os = require('os');
  const crypto = require('crypto');
  const prefix = bundleDir + path.sep;
  const cacheDir = path.join(os.tmpdir(), `watchkeeper-compile-cache-${process.version}-${process.arch}`);
  const toWrite = [];
  const compile = nodeModule.prototype._compile;
  nodeModule.prototype._compile = function (content, filename) {
    if (!filename.startsWith(prefix) || !filename.endsWith('.js')) return compile.call(this, content, filename);
    let script;
    let cacheFile;
    try {
      cacheFile = path.join(
        cacheDir,
        `${path.basename(filename, '.js')}-${crypto.createHash('sha1').update(filename).update('\0').update(content).digest('hex')}.bin`,
      );
      let cachedData;
      try {
        cachedData = fs.readFileSync(cacheFile);
      } catch {
        cachedData = undefined;
      }
      script = new vm.Script(nodeModule.wrap(content), { filename, cachedData });
      if (cachedData === undefined || script.cachedDataRejected) toWrite.push({ script, cacheFile });
    } catch {
      return compile.call(this, content, filename);
    }
    const wrapper = script.runInThisContext({ displayErrors: true });
    const moduleRequire = nodeModule.createRequire(filename);
    return wrapper.call(this.exports, this.exports, moduleRequire, this, filename, path.dirname(filename));
  };
  process.once('exit', () => {
    for (const { script, cacheFile } of toWrite) {
      try {
        fs.mkdirSync(cacheDir, { recursive: true });
        const tmp = `${cacheFile}.${process.pid}.tmp`;
        fs.writeFileSync(tmp, script.createCachedData());
        fs.renameSync(tmp, cacheFile);
      } catch {
        // A read-only or full temporary folder: the next run compiles again.
      }
    }
  });
}
