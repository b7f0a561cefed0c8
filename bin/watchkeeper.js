#!/usr/bin/env node
// The CLI entry point: the compiled code in lib/ (built by `npm run build`, and by `npm pack` through prepack) when it is at
// least as new as the sources, else the TypeScript sources through tsx (a checkout being edited, or no build).
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
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

const useCompiled = fs.existsSync(compiled) && (!fs.existsSync(sources) || fs.statSync(compiled).mtimeMs >= newestMtime(sources));
let cli;
if (useCompiled) {
  cli = require(compiled);
} else {
  require('tsx/cjs');
  cli = require(path.join(sources, 'cli', 'main.ts'));
}
process.exitCode = cli.run(process.argv.slice(2));
