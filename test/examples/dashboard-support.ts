/**
 * Shared checks of the example systems' dashboards: read them back, walk rows and panels, and the assertions
 * every system's dashboards must pass (alert panels carry their alert's levels, Grafana's schemas accept every
 * dashboard, one sidecar ConfigMap per dashboard).
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { AlertRule, alertCondition } from '../../src';
import { checkPromQL } from '../../src/entrypoints/promql';
import { GrafanaDashboard, GrafanaPanel, GrafanaRowPanel, interpolateSamples } from '../../src/dashboards';
import { findPromtool, runPromtool } from '../support/promtool';
import { tempDir } from '../support/synth';
import { grafanaOracle } from '../dashboards/support/grafana-oracle';
import { unguarded } from '../../src/dashboards/service-dashboard';

/** The dashboards under `<dist>/dashboards`, by file name. */
export function readDashboards(dist: string): Map<string, GrafanaDashboard> {
  const dir = path.join(dist, 'dashboards');
  return new Map(
    fs
      .readdirSync(dir)
      .sort()
      .map((f) => [f, JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as GrafanaDashboard]),
  );
}

/** A dashboard's rows with their panels; panels above the first row under title ''. */
export function rowsOf(d: GrafanaDashboard): Array<{ title: string; panels: GrafanaPanel[] }> {
  const rows: Array<{ title: string; panels: GrafanaPanel[] }> = [];
  for (const p of d.panels ?? []) {
    if (p.type === 'row')
      rows.push({ title: String(p.title), panels: [...((p as GrafanaRowPanel).panels as GrafanaPanel[])] });
    else if (rows.length === 0) rows.push({ title: '', panels: [p as GrafanaPanel] });
    else rows[rows.length - 1].panels.push(p as GrafanaPanel);
  }
  return rows;
}

export const panelsOf = (d: GrafanaDashboard): GrafanaPanel[] => rowsOf(d).flatMap((r) => r.panels);
export const exprs = (p: GrafanaPanel): string[] => (p.targets ?? []).map((t) => (t as { expr: string }).expr);
export const steps = (p: GrafanaPanel): Array<[number | null, string]> =>
  (p.fieldConfig?.defaults.thresholds?.steps ?? []).map((s) => [s.value, s.color]);

/** The steps a panel of these rules must have, from the rules' conditions and a severity -> colour table alone. */
export function expectedSteps(
  rules: readonly AlertRule[],
  colors: Readonly<Record<string, string>>,
): Array<[number | null, string]> {
  const cs = rules.map((r) => ({ color: colors[r.props.labels?.severity ?? ''], c: alertCondition(r.props.expr) }));
  const ops = new Set(cs.map((x) => x.c?.op));
  const sorted = [...cs].sort((a, b) => (a.c?.value ?? 0) - (b.c?.value ?? 0));
  if ([...ops].every((op) => op === '>' || op === '>='))
    return [[null, 'green'], ...sorted.map((x): [number, string] => [x.c?.value ?? NaN, x.color])];
  if ([...ops].every((op) => op === '<' || op === '<=')) {
    return [
      [null, sorted[0].color],
      ...sorted.map((x, i): [number, string] => [x.c?.value ?? NaN, sorted[i + 1]?.color ?? 'green']),
    ];
  }
  if (ops.size === 1 && ops.has('==') && cs.length === 1 && cs[0].c?.value === 0)
    return [
      [null, cs[0].color],
      [1, 'green'],
    ];
  throw new Error(`no expected steps for ${rules.map((r) => r.props.expr).join('; ')}`);
}

/**
 * Every alert has a panel with the alert's query, whose threshold steps are the alert's levels. Alerts in
 * `checkedElsewhere` (panels combining several of an alert's queries) are left to the system's own test.
 */
export function expectAlertPanels(
  dashboards: ReadonlyMap<string, GrafanaDashboard>,
  rules: readonly AlertRule[],
  colors: Readonly<Record<string, string>>,
  checkedElsewhere: readonly string[] = [],
): void {
  const shown = new Set<string>(
    rules.filter((r) => checkedElsewhere.includes(r.name)).map((r) => `${r.name} ${r.props.expr}`),
  );
  for (const d of dashboards.values()) {
    for (const p of panelsOf(d)) {
      const name = /Alert (\w+):/.exec(p.description ?? '')?.[1];
      if (!name || checkedElsewhere.includes(name)) continue;
      const [expr] = exprs(p);
      // The quantity an alert compares, without the guards it is combined with (`and`/`unless`).
      const mine = rules.filter((r) => r.name === name && alertCondition(unguarded(r.props.expr).core)?.query === expr);
      expect([p.title, mine.length > 0]).toEqual([p.title, true]);
      expect([p.title, steps(p)]).toEqual([p.title, expectedSteps(mine, colors)]);
      for (const r of mine) shown.add(`${r.name} ${r.props.expr}`);
    }
  }
  expect([...shown].sort()).toEqual(rules.map((r) => `${r.name} ${r.props.expr}`).sort());
}

/** Grafana's own schemas (../shared) accept every dashboard and panel, with Grafana units. */
export function expectGrafanaValid(dashboards: ReadonlyMap<string, GrafanaDashboard>): void {
  const oracle = grafanaOracle();
  for (const [file, d] of dashboards) {
    expect([file, oracle.validateDashboard(d)]).toEqual([file, []]);
    for (const p of panelsOf(d))
      expect([p.title, oracle.units.has(String(p.fieldConfig?.defaults.unit))]).toEqual([p.title, true]);
  }
}

/** One sidecar ConfigMap per dashboard, in `namespace` and `folder`, holding exactly the file's JSON. */
export function expectSidecarConfigMaps(
  dist: string,
  chartFile: string,
  dashboards: ReadonlyMap<string, GrafanaDashboard>,
  where: { namespace: string; folder: string },
): void {
  const manifests = parseAllDocuments(fs.readFileSync(path.join(dist, chartFile), 'utf8')).map((d) => d.toJS());
  const cms = manifests.filter((m) => m.kind === 'ConfigMap');
  expect(cms).toHaveLength(dashboards.size);
  for (const cm of cms) {
    expect(cm.metadata.labels).toEqual({ grafana_dashboard: '1' });
    expect(cm.metadata.annotations).toEqual({ grafana_folder: where.folder });
    expect(cm.metadata.namespace).toBe(where.namespace);
    const [key] = Object.keys(cm.data);
    expect(cm.data[key]).toBe(fs.readFileSync(path.join(dist, 'dashboards', key), 'utf8'));
  }
}

/** Every panel and annotation query, with Grafana's variables filled in as the synth checks do. */
export function dashboardQueries(dashboards: ReadonlyMap<string, GrafanaDashboard>): string[] {
  const all = [...dashboards.values()].flatMap((d) => [
    ...panelsOf(d).flatMap(exprs),
    ...(d.annotations?.list ?? []).map((a) => (a as { expr?: string }).expr).filter((e): e is string => !!e),
  ]);
  return [...new Set(all.map((e) => interpolateSamples(e)))];
}

/** Every query passes our validator and `promtool check rules` (as recording rules). */
export function expectQueriesValid(dashboards: ReadonlyMap<string, GrafanaDashboard>, name: string): void {
  const queries = dashboardQueries(dashboards);
  for (const e of queries) expect([e, checkPromQL(e)]).toEqual([e, []]);
  if (!findPromtool()) return;
  const file = path.join(tempDir(), `${name}-panel-queries.rules.yaml`);
  const lines = queries.map((expr, i) => `      - record: panel_query_${i}\n        expr: ${JSON.stringify(expr)}`);
  fs.writeFileSync(file, `groups:\n  - name: panels\n    rules:\n${lines.join('\n')}\n`);
  const r = runPromtool(['check', 'rules', file]);
  expect(r.output).toMatch(new RegExp(`SUCCESS: ${lines.length} rules found`));
  expect(r.status).toBe(0);
}
