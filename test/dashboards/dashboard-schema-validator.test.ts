/**
 * The dashboard schema is compiled ahead of time (scripts/generate/dashboard-validator.ts): the checked-in
 * module must be what the schema compiles to today, and must judge dashboards as ajv compiling the schema does.
 */
import * as fs from 'fs';
import Ajv from 'ajv';
import { dashboardValidatorSource, VALIDATOR_FILE } from '../../scripts/generate/dashboard-validator';
import { DASHBOARD_SCHEMA } from '../../src/dashboards/dashboard-schema';
import { validate as generated } from '../../src/dashboards/dashboard-schema-validator.generated';
import { Dashboard, WatchkeeperApp } from '../../src';
import { Chart } from 'cdk8s';

type Validate = ((data: unknown) => boolean) & { errors?: Array<{ instancePath: string; keyword: string }> | null };

function sampleDashboard(): Record<string, unknown> {
  const app = new WatchkeeperApp({ outdir: '/nonexistent' });
  const d = new Dashboard(new Chart(app, 'c'), 'd', { title: 'Sample' });
  d.addRow('Traffic').addPanel({
    kind: 'timeseries',
    title: 'Requests',
    queries: [{ expr: 'sum(rate(http_requests_total[5m]))', legend: 'rps' }],
    unit: 'reqps',
  });
  return JSON.parse(JSON.stringify(d.toJson())) as Record<string, unknown>;
}

describe('the precompiled dashboard schema validator', () => {
  it('is what the schema compiles to today (run `npm run generate` after changing dashboard-schema.ts)', () => {
    expect(fs.readFileSync(VALIDATOR_FILE, 'utf8')).toBe(dashboardValidatorSource());
  });

  it('accepts and refuses what ajv compiling the schema at run time does, with the same errors', () => {
    const runtime = new Ajv({ allErrors: true, strict: false }).compile(DASHBOARD_SCHEMA) as unknown as Validate;
    const pre = generated as unknown as Validate;
    const good = sampleDashboard();
    const bad = [
      { ...good, uid: 42 },
      { ...good, schemaVersion: undefined },
      { ...good, panels: [{ type: 'timeseries', gridPos: { x: -1, y: 0, w: 0, h: 8 } }] },
      { ...good, extra: true },
    ];
    expect(pre(good)).toBe(true);
    expect(runtime(good)).toBe(true);
    for (const b of bad) {
      const json = JSON.parse(JSON.stringify(b)) as unknown;
      expect(pre(json)).toBe(false);
      expect(runtime(json)).toBe(false);
      expect(pre.errors?.map((e) => `${e.instancePath} ${e.keyword}`)).toEqual(
        runtime.errors?.map((e) => `${e.instancePath} ${e.keyword}`),
      );
    }
  });
});
