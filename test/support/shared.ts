/**
 * Test oracles live in ../shared (the CRD, Grafana's schemas, the seeds); tests read them from there.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';

/** The shared/ folder beside the repository. */
export const SHARED_DIR = path.resolve(__dirname, '..', '..', '..', 'shared');

export function readShared(...parts: string[]): string {
  const file = path.join(SHARED_DIR, ...parts);
  if (!fs.existsSync(file)) throw new Error(`test oracle missing: ${file} (tests expect ../shared beside the repository)`);
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
