#!/usr/bin/env node
// The CLI entry point: compiled code from lib/ (built by `npm ci` through the prepare script), or the
// TypeScript sources through tsx when lib/ is absent (a checkout without a build).
const path = require('path');
const fs = require('fs');
const compiled = path.join(__dirname, '..', 'lib', 'cli', 'main.js');
let cli;
if (fs.existsSync(compiled)) {
  cli = require(compiled);
} else {
  require('tsx/cjs');
  cli = require(path.join(__dirname, '..', 'src', 'cli', 'main.ts'));
}
process.exitCode = cli.run(process.argv.slice(2));
