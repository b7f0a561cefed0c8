/**
 * The API reports of the package's three entry points (watchkeeper, watchkeeper/lint, watchkeeper/promql),
 * written by API Extractor to api/*.api.md from the declarations `tsc -p tsconfig.api.json` emits to build/api/dts.
 *
 *   npx tsx scripts/api-report.ts           (npm run api)        rewrite api/*.api.md from the sources
 *   npx tsx scripts/api-report.ts --check   (npm run api:check)  fail when a report differs from api/, showing the diff
 *
 * Either fails on a type the public API uses that its entry point does not export (ae-forgotten-export): export it,
 * or mark the member that uses it `@internal` (stripped from the published typings).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { CompilerState, Extractor, ExtractorConfig } from '@microsoft/api-extractor';

const root = path.resolve(__dirname, '..');
const CONFIGS = ['api-extractor.json', 'api-extractor-lint.json', 'api-extractor-promql.json'];
const check = process.argv.includes('--check');

function run(cmd: string, args: string[]): number {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  return r.status ?? 1;
}

function main(): number {
  fs.rmSync(path.join(root, 'build', 'api'), { recursive: true, force: true });
  if (run(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.api.json']) !== 0) return 1;
  let failed = 0;
  const configs = CONFIGS.map((name) => ExtractorConfig.loadFileAndPrepare(path.join(root, 'config', name)));
  // One TypeScript program for the three entry points.
  const compilerState = CompilerState.create(configs[0], {
    additionalEntryPoints: configs.map((c) => c.mainEntryPointFilePath),
  });
  for (const config of configs) {
    const result = Extractor.invoke(config, {
      localBuild: !check,
      compilerState,
      printApiReportDiff: check,
      messageCallback: (message) => {
        // API Extractor analyses with its own TypeScript; saying so on every run is noise.
        if (message.messageId === 'console-preamble') message.handled = true;
        // Check mode reports a changed report below, with its diff and what to do.
        if (check && message.messageId === 'console-api-report-not-copied') message.handled = true;
      },
    });
    const fileName = config.reportConfigs[0].fileName; // one report per entry point: the "complete" variant
    const report = path.relative(root, path.join(config.reportFolder, fileName));
    if (check && result.apiReportChanged) {
      const entry = path
        .relative(path.join(root, 'build', 'api', 'dts'), config.mainEntryPointFilePath)
        .replace(/\.d\.ts$/, '.ts');
      console.error(`${report} is out of date: the public API of src/${entry} changed (the diff is above).`);
      console.error(`If the change is intended, run \`npm run api\` and commit ${report}.`);
    }
    if (!result.succeeded || (check && result.apiReportChanged)) failed++;
    else console.log(`${report}: ${check ? 'up to date' : 'written'}`);
  }
  return failed === 0 ? 0 : 1;
}

process.exitCode = main();
