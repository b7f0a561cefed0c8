#!/usr/bin/env bash
# The user's daily loop, end to end, from the packed package:
#   npm pack -> watchkeeper init (from the tgz) -> npm install -> npm run synth -> npm test (passes: the
#   scaffold's alert test and the generated scenarios of its Slo and ThresholdMetric) -> a deliberately
#   failing alert test is added and must be reported as failing -> watchkeeper diff on a level and `for`
#   change, against dist/ and against a git ref.
#
# Usage: scripts/ci/init-smoke.sh [work-dir]     (default: a new temporary folder, removed on success)
# Needs: node 20, npm with a reachable registry, git, promtool on PATH (Debian: apt-get install prometheus).
# Exit: 0 every step behaved, 1 a step did not (the step is named), 2 a prerequisite is missing.
set -euo pipefail

repo="$(cd "$(dirname "$0")/../.." && pwd)"
for tool in node npm git promtool; do
  command -v "$tool" >/dev/null 2>&1 || { echo "init-smoke: $tool is required (promtool: apt-get install prometheus)" >&2; exit 2; }
done
work="${1:-$(mktemp -d "${TMPDIR:-/tmp}/watchkeeper-init-smoke.XXXXXX")}"
mkdir -p "$work"
keep="${1:-}"
step() { echo; echo "== init-smoke: $*"; }
fail() { echo "init-smoke: FAILED: $*" >&2; exit 1; }

step "npm pack"
tgz_name="$(cd "$repo" && npm pack --silent --pack-destination "$work" | tail -n 1)"
tgz="$work/$tgz_name"
[ -f "$tgz" ] || fail "npm pack wrote no tarball"
echo "$tgz"

step "watchkeeper init (from the packed package)"
cd "$work"
npm exec --yes --package="$tgz" -- watchkeeper init app --watchkeeper-spec "file:$tgz"
cd app

step "npm install"
npm install --no-audit --no-fund

step "npm run synth"
npm run synth
ls dist/tests dist/tests/generated

step "npm test (must pass)"
npm test | tee ../test-pass.txt
grep -q '✓ checkout-errors' ../test-pass.txt || fail "the scaffold's alert test was not reported as passing"
grep -q 'CheckoutAvailabilityErrorBudgetBurn' ../test-pass.txt || fail "the Slo's generated scenarios did not run"
grep -q 'CheckoutLatencyP99' ../test-pass.txt || fail "the ThresholdMetric's generated scenarios did not run"

step "git baseline (for diff --ref)"
git init -q . && git add -A && git -c user.email=smoke@example.com -c user.name=smoke commit -qm baseline

step "a deliberately failing alert test must be reported as failing"
sed -i '/^process.exitCode = synthApp(app);$/d' main.ts
cat >> main.ts <<'EOF'

// Added by init-smoke: wrong on purpose (the alert is still pending at 2m: its `for` is 5m).
new AlertTest(chart, 'deliberately-failing', {
  rules: [checkout.rules],
  series: [
    Series.steadyRate('http_requests_total{job="checkout", code="500"}', { perSecond: 1, for: '20m' }),
    Series.steadyRate('http_requests_total{job="checkout", code="200"}', { perSecond: 9, for: '20m' }),
  ],
  expect: [Expect.fires('CheckoutErrors', { at: '2m', labels: { job: 'checkout' }, value: 0.1 })],
});
process.exitCode = synthApp(app);
EOF
set +e
npm test > ../test-fail.txt 2>&1
code=$?
set -e
cat ../test-fail.txt
[ "$code" -ne 0 ] || fail "npm test passed although a test fails"
grep -q '✗ deliberately-failing' ../test-fail.txt || fail "the failing test was not reported by name"
grep -q 'expected: firing {job="checkout", namespace="shop", service="checkout", severity="critical", team="payments"}' ../test-fail.txt || fail "expected and got were not shown"
grep -q '✓ checkout-errors' ../test-fail.txt || fail "the passing test was not reported as passing"

step "watchkeeper diff: a level 500 -> 400 and for 5m -> 2m"
sed -i 's/critical: 500 }/critical: 400 }/; s/for: '"'"'5m'"'"',/for: '"'"'2m'"'"',/' main.ts
npx watchkeeper diff | tee ../diff.txt
grep -q 'level 500 -> 400' ../diff.txt || fail "diff did not report the level change"
grep -q 'for 5m -> 2m' ../diff.txt || fail "diff did not report the for change"
set +e
npx watchkeeper diff --ref HEAD --format markdown --exit-code > ../diff.md
code=$?
set -e
cat ../diff.md
[ "$code" -eq 1 ] || fail "diff --exit-code did not exit 1 on changes (got $code)"
grep -q 'level 500 -> 400' ../diff.md || fail "diff --ref did not report the level change"

echo
echo "init-smoke: OK (work folder: $work)"
if [ -z "$keep" ]; then rm -rf "$work"; fi
