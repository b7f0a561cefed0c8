#!/usr/bin/env bash
# Adoption smoke test: the package as a user gets it. Packs watchkeeper, installs the tgz into a fresh infra repo
# beside the lowest and the highest supported cdk8s/constructs, runs the README's own-repo example, and checks
# what it writes with promtool, amtool and PyYAML; also that the public typings compile without @types/node.
# Usage: scripts/ci/adoption-smoke.sh   (needs promtool, amtool and python3-yaml; network to the npm registry)
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

(cd "$repo" && npm pack --silent --pack-destination "$work" >/dev/null)
tgz="$(ls "$work"/watchkeeper-*.tgz)"
# The README's own-repo example, exactly as written there.
sed -n '/<!-- own-repo-example:start -->/,/<!-- own-repo-example:end -->/p' "$repo/README.md" | sed '1,2d;$d' | sed '$d' > "$work/main.ts"

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
  printf "import { ThresholdMetric, checkPromQL } from 'watchkeeper';\nexport const m = new ThresholdMetric({ metric: 'x', description: 'x', unit: 's', direction: 'above', thresholds: { critical: 1 } });\nexport const d = checkPromQL('up');\n" > typings.ts
  npx tsc --noEmit --strict --types '' --module commonjs --target es2022 --skipLibCheck false typings.ts
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
  npx watchkeeper --version >/dev/null
  npx watchkeeper lint dist/ >/dev/null
  echo "   ok"
done
