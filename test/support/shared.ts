/**
 * Test oracles live in ../shared (the CRD, Grafana's schemas, the seeds); tests read them from there.
 * A user's clone has no ../shared: tests that need it skip with a printed reason, except under CI=true,
 * where a missing ../shared fails them (as a missing promtool does, see oracle-tool.ts).
 */
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';

/** The shared/ folder beside the repository. */
export const SHARED_DIR = path.resolve(__dirname, '..', '..', '..', 'shared');

let available: boolean | undefined;

/**
 * Whether ../shared is beside this clone (checked once per test file). When it is missing, prints one
 * `SKIPPED: ...` line, or under CI=true throws.
 * @throws Error under CI=true when ../shared is missing: CI must not silently skip the oracles.
 */
export function sharedAvailable(): boolean {
  if (available !== undefined) return available;
  if (fs.existsSync(path.join(SHARED_DIR, 'seeds'))) {
    available = true;
  } else if (process.env.CI === 'true') {
    throw new Error(
      `../shared is required under CI=true but is not beside this clone at ${SHARED_DIR} (the seeds, the PrometheusRule CRD and Grafana's schemas)`,
    );
  } else {
    console.log(
      `SKIPPED: ../shared (the seeds, the PrometheusRule CRD and Grafana's schemas) is not beside this clone at ${SHARED_DIR}; tests that compare against them are skipped`,
    );
    available = false;
  }
  return available;
}

/** `it` when ../shared is available, `it.skip` (with a printed reason) otherwise; `.each` likewise. */
export const itWithShared = Object.defineProperty(
  (name: string, fn: jest.ProvidesCallback, timeout?: number): void =>
    (sharedAvailable() ? it : it.skip)(name, fn, timeout),
  'each',
  { get: (): jest.Each => (sharedAvailable() ? it : it.skip).each },
) as ((name: string, fn: jest.ProvidesCallback, timeout?: number) => void) & { readonly each: jest.Each };

/**
 * `describe` when ../shared is available, `describe.skip` (with a printed reason) otherwise. Jest still runs
 * the callback of a skipped describe to collect its tests, so the callback must read ../shared only inside
 * `it`/`beforeAll` bodies (or through getters called from them), never while declaring.
 */
export function describeWithShared(name: string, fn: () => void): void {
  (sharedAvailable() ? describe : describe.skip)(name, fn);
}

/**
 * Another test-declaring function (itWithPromtool, itWithAmtool, ...) gated on ../shared as well:
 * `withShared(itWithPromtool)(name, fn)` declares the test through it when ../shared is available, and skips
 * it (with the printed reason) otherwise.
 */
export function withShared<Args extends unknown[]>(
  declare: (name: string, ...rest: Args) => void,
): (name: string, ...rest: Args) => void {
  return (name, ...rest) => (sharedAvailable() ? declare(name, ...rest) : it.skip(name, () => undefined));
}

/** `compute`, run the first time the returned function is called (from an `it`), then remembered. */
export function lazily<T>(compute: () => T): () => T {
  let value: { v: T } | undefined;
  return () => (value ??= { v: compute() }).v;
}

export function readShared(...parts: string[]): string {
  const file = path.join(SHARED_DIR, ...parts);
  if (!fs.existsSync(file))
    throw new Error(`test oracle missing: ${file} (tests expect ../shared beside the repository)`);
  return fs.readFileSync(file, 'utf8');
}

/** The openAPIV3Schema of the PrometheusRule CRD. */
export function prometheusRuleSchema(): Record<string, unknown> {
  const crd = parse(readShared('crds', 'monitoring.coreos.com_prometheusrules.yaml'));
  return crd.spec.versions.find((v: { name: string }) => v.name === 'v1').schema.openAPIV3Schema;
}

/** A seed runbook's text by file-name prefix, e.g. seed('002'). */
export function seed(prefix: string): string {
  const dir = path.join(SHARED_DIR, 'seeds');
  const name = fs.readdirSync(dir).find((f) => f.startsWith(prefix));
  if (!name) throw new Error(`no seed starting with ${prefix} in ${dir}`);
  return fs.readFileSync(path.join(dir, name), 'utf8');
}
