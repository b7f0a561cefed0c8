#!/usr/bin/env node
// The CLI entry point: the bundled CLI in lib/bundle/ (scripts/build-cli.mjs), else the compiled code in lib/
// (both built by `npm run build`, and by `npm pack` through prepack) when it is at least as new as the
// sources, else the TypeScript sources through tsx (a checkout being edited, or no build).
const fs = require('fs');
const path = require('path');
const nodeModule = require('module');

// Node 22.1+: keep V8's compiled code between runs (start-up is most of a small lint's time).
if (typeof nodeModule.enableCompileCache === 'function') {
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
  cli = require(bundled);
} else if (fresh(compiled)) {
  cli = require(compiled);
} else {
  require('tsx/cjs');
  cli = require(path.join(sources, 'cli', 'main.ts'));
}
process.exitCode = cli.run(process.argv.slice(2));
