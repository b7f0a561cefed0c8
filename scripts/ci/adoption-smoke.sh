#!/usr/bin/env bash
# Adoption smoke test: the package as a user gets it. Packs watchkeeper, installs the tgz into a fresh infra repo
# beside the lowest and the highest supported cdk8s/constructs, runs the README's own-repo example, and checks
# what it writes with promtool, amtool and PyYAML; also that the public typings compile without @types/node, and that
# the subpaths watchkeeper/lint and watchkeeper/promql load with require() and type-check under the module resolutions
# consumers use (node10 through typesVersions, with TypeScript 5.9; node16 and bundler through the exports map).
# Usage: scripts/ci/adoption-smoke.sh   (needs promtool, amtool and python3-yaml; network to the npm registry)
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

(cd "$repo" && npm pack --silent --pack-destination "$work" >/dev/null)
tgz="$(ls "$work"/watchkeeper-*.tgz)"
# The README's own-repo example, exactly as written there.
sed -n '/<!-- own-repo-example:start -->/,/<!-- own-repo-example:end -->/p' "$repo/README.md" | sed '1,2d;$d' | sed '$d' > "$work/main.ts"
# docs/getting-started.md's one-service snippet (the ServiceMonitoring facade), written to dist-gs/.
sed -n '/<!-- getting-started:start -->/,/<!-- getting-started:end -->/p' "$repo/docs/getting-started.md" | sed '1,2d;$d' | sed '$d' |
  sed "s/outdir: 'dist'/outdir: 'dist-gs'/" > "$work/getting-started.ts"

# TypeScript 5.9 in a folder of its own (its tsc would replace the consumer's): the last release with
# moduleResolution node10, where only typesVersions maps the subpaths.
mkdir -p "$work/ts59" && (cd "$work/ts59" && npm init -y >/dev/null && npm install --no-audit --no-fund --silent typescript@~5.9.3 >/dev/null)
tsc59="$work/ts59/node_modules/typescript/bin/tsc"

for range in "2.68.0 10.3.0" "latest latest"; do
  set -- $range
  dir="$work/infra-cdk8s-$1"
  mkdir -p "$dir" && cd "$dir"
  echo "== cdk8s@$1 constructs@$2"
  npm init -y >/dev/null
  npm install --no-audit --no-fund --silent "$tgz" "cdk8s@$1" "constructs@$2" tsx typescript @types/node >/dev/null
  node -e 'for (const p of ["cdk8s","constructs"]) console.log(`   ${p} ${require(`${p}/package.json`).version}`)'
  # One copy: watchkeeper resolves the repository's own cdk8s and constructs.
  node -e 'for (const p of ["cdk8s","constructs"]) if (require.resolve(p, { paths: [require.resolve("watchkeeper")] }) !== require.resolve(p)) { console.error(`two copies of ${p}`); process.exit(1); }'
  cp "$work/main.ts" main.ts
  printf 'language: typescript\napp: npx tsx main.ts\n' > cdk8s.yaml
  npx tsc --noEmit --strict --esModuleInterop --module commonjs --target es2022 --skipLibCheck false --types node main.ts
  # Public typings need no @types/node: a file using the library without Node's globals compiles with none.
  printf "import { ThresholdMetric } from 'watchkeeper';\nimport { checkPromQL } from 'watchkeeper/promql';\nimport { lintFiles } from 'watchkeeper/lint';\nexport const m = new ThresholdMetric({ metric: 'x', description: 'x', unit: 's', direction: 'above', thresholds: { critical: 1 } });\nexport const d = checkPromQL('up');\nexport const l = lintFiles({});\n" > typings.ts
  npx tsc --noEmit --strict --types '' --module commonjs --target es2022 --skipLibCheck false typings.ts
  # The subpaths: require() at runtime (no cdk8s needed by them), then their typings under each module resolution.
  node -e '
    const { lintFiles, formatResult } = require("watchkeeper/lint");
    const { checkPromQL, parseDuration } = require("watchkeeper/promql");
    const result = lintFiles({ "r.yaml": "groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: rate(up)\n" });
    if (result.summary.errors !== 1 || !formatResult(result, "text").includes("promql/syntax")) throw new Error("watchkeeper/lint: unexpected result");
    if (checkPromQL("rate(up[5m])").length !== 0 || checkPromQL("rate(up)").length !== 1) throw new Error("watchkeeper/promql: unexpected verdicts");
    if (!parseDuration("5m").ok) throw new Error("watchkeeper/promql: parseDuration");
    console.log("   subpaths load with require()");'
  cat > subpaths.ts <<'TS'
import { ThresholdMetric, type ThresholdMetricProps } from 'watchkeeper';
import { CHECKS, formatResult, lintFiles, type LintDiagnostic, type LintResult } from 'watchkeeper/lint';
import { parseDuration, checkPromQL, type PromQLDiagnostic } from 'watchkeeper/promql';

const props: ThresholdMetricProps = { metric: 'x', description: 'x', unit: 's', direction: 'above', thresholds: { critical: 1 } };
export const metric = new ThresholdMetric(props);
const result: LintResult = lintFiles({ 'r.yaml': 'groups: []\n' });
export const diagnostics: readonly LintDiagnostic[] = result.diagnostics;
export const text: string = formatResult(result, 'json');
export const checks: number = CHECKS.length;
export const promql: PromQLDiagnostic[] = checkPromQL('sum(rate(http_requests_total[5m]))');
const d = parseDuration('90s');
export const ms: number = d.ok ? d.ms : -1;
TS
  node "$tsc59" --noEmit --strict --skipLibCheck false --types node --module commonjs --moduleResolution node10 --target es2022 subpaths.ts
  npx tsc --noEmit --strict --skipLibCheck false --types node --module node16 --moduleResolution node16 --target es2022 subpaths.ts
  npx tsc --noEmit --strict --skipLibCheck false --types node --module esnext --moduleResolution bundler --target es2022 subpaths.ts
  echo "   subpaths type-check (node10 with TypeScript $(node "$tsc59" --version | cut -d' ' -f2), node16 and bundler with $(npx tsc --version | cut -d' ' -f2))"
  npx tsx main.ts
  promtool check rules dist/rules/*.rules.yaml
  amtool check-config dist/alertmanager/*.yml
  python3 - <<'PY'
import glob, yaml
files = sorted(glob.glob('dist/**/*.y*ml', recursive=True))
for p in files:
    list(yaml.safe_load_all(open(p)))
print('   PyYAML loaded %d files' % len(files))
PY
  cp "$work/getting-started.ts" getting-started.ts
  npx tsc --noEmit --strict --esModuleInterop --module commonjs --target es2022 --skipLibCheck false --types node getting-started.ts
  WATCHKEEPER_QUIET=1 npx tsx getting-started.ts
  promtool check rules dist-gs/rules/*.rules.yaml >/dev/null
  amtool check-config dist-gs/alertmanager/*.yml >/dev/null
  npx watchkeeper --version >/dev/null
  npx watchkeeper lint dist/ >/dev/null
  echo "   ok"
done
