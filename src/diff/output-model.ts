/**
 * What an output directory means in monitoring terms: alerts, recording rules, SLO objectives, routes,
 * dashboards and their panels, autoscalers. Read from the files synth writes (rules/*.rules.yaml,
 * alertmanager/*.yml, dashboards/*.json, *.k8s.yaml), so any two outputs can be compared.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parse, parseAllDocuments } from 'yaml';

/** An alerting rule. */
export interface AlertInfo {
  readonly name: string;
  readonly file: string;
  readonly group: string;
  readonly expr: string;
  readonly for?: string;
  readonly labels: Record<string, string>;
  readonly annotations: Record<string, string>;
}

/** An SLO, from its metadata records (`slo:objective:ratio`, `slo:window:days`). */
export interface SloInfo {
  readonly key: string;
  readonly objective?: string;
  readonly windowDays?: string;
}

/** A route of an Alertmanager configuration, by its position in the tree and its matchers. */
export interface RouteInfo {
  readonly config: string;
  /** `matchers` of the route and its parents, e.g. `severity="critical" > team="db"`; root for the root route. */
  readonly path: string;
  readonly receiver?: string;
}

/** A dashboard and its panels' titles (rows included). */
export interface DashboardInfo {
  readonly uid: string;
  readonly title: string;
  readonly panels: string[];
}

/** A HorizontalPodAutoscaler's bounds. */
export interface HpaInfo {
  readonly key: string;
  readonly min?: number;
  readonly max?: number;
}

/** Everything compared. */
export interface OutputModel {
  readonly alerts: AlertInfo[];
  readonly records: string[];
  readonly slos: SloInfo[];
  readonly routes: RouteInfo[];
  readonly receivers: string[];
  readonly dashboards: DashboardInfo[];
  readonly hpas: HpaInfo[];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const strRecord = (v: unknown): Record<string, string> =>
  isObj(v) ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, String(x)])) : {};

function files(dir: string, sub: string, re: RegExp): string[] {
  const d = path.join(dir, sub);
  if (!fs.existsSync(d)) return [];
  return fs
    .readdirSync(d)
    .filter((f) => re.test(f))
    .sort()
    .map((f) => path.join(d, f));
}

/** Reads an output directory. Unreadable files are skipped (synth wrote them; lint checks them). */
export function readOutput(dir: string): OutputModel {
  const model: OutputModel = { alerts: [], records: [], slos: [], routes: [], receivers: [], dashboards: [], hpas: [] };
  const slos = new Map<string, { objective?: string; windowDays?: string }>();
  for (const file of files(dir, 'rules', /\.rules\.ya?ml$/)) {
    const doc = safe(() => parse(fs.readFileSync(file, 'utf8')) as unknown);
    const groups = isObj(doc) && Array.isArray(doc.groups) ? doc.groups : [];
    for (const g of groups) {
      if (!isObj(g) || !Array.isArray(g.rules)) continue;
      for (const r of g.rules) {
        if (!isObj(r)) continue;
        if (typeof r.alert === 'string') {
          model.alerts.push({
            name: r.alert,
            file: path.basename(file),
            group: String(g.name),
            expr: String(r.expr ?? '').trim(),
            for: typeof r.for === 'string' ? r.for : undefined,
            labels: strRecord(r.labels),
            annotations: strRecord(r.annotations),
          });
        } else if (typeof r.record === 'string') {
          const labels = strRecord(r.labels);
          model.records.push(`${r.record}${showLabels(labels)}`);
          const value = /^vector\(([^)]*)\)$/.exec(String(r.expr ?? '').trim())?.[1];
          if (
            (r.record === 'slo:objective:ratio' || r.record === 'slo:window:days') &&
            labels.slo &&
            value !== undefined
          ) {
            const key = `${labels.service ?? ''}/${labels.slo}`;
            const s = slos.get(key) ?? {};
            if (r.record === 'slo:objective:ratio') s.objective = value;
            else s.windowDays = value;
            slos.set(key, s);
          }
        }
      }
    }
  }
  model.slos.push(...[...slos].map(([key, s]) => ({ key, ...s })));
  for (const file of files(dir, 'alertmanager', /\.ya?ml$/)) {
    const doc = safe(() => parse(fs.readFileSync(file, 'utf8')) as unknown);
    if (!isObj(doc)) continue;
    const config = path.basename(file).replace(/\.ya?ml$/, '');
    const walk = (route: unknown, parent: string): void => {
      if (!isObj(route)) return;
      const m = Array.isArray(route.matchers) ? route.matchers.map(String).join(', ') : '';
      const here = parent === '' ? 'root' : parent === 'root' ? m || '(any)' : `${parent} > ${m || '(any)'}`;
      model.routes.push({
        config,
        path: here,
        receiver: typeof route.receiver === 'string' ? route.receiver : undefined,
      });
      if (Array.isArray(route.routes)) for (const child of route.routes) walk(child, here);
    };
    walk(doc.route, '');
    if (Array.isArray(doc.receivers))
      for (const r of doc.receivers)
        if (isObj(r) && typeof r.name === 'string') model.receivers.push(`${config}: ${r.name}`);
  }
  for (const file of files(dir, 'dashboards', /\.json$/)) {
    const doc = safe(() => JSON.parse(fs.readFileSync(file, 'utf8')) as unknown);
    if (!isObj(doc)) continue;
    const titles: string[] = [];
    const walk = (panels: unknown): void => {
      if (!Array.isArray(panels)) return;
      for (const p of panels) {
        if (!isObj(p)) continue;
        titles.push(`${p.type === 'row' ? 'row ' : ''}${String(p.title ?? '(untitled)')}`);
        walk(p.panels);
      }
    };
    walk(doc.panels);
    model.dashboards.push({
      uid: String(doc.uid ?? path.basename(file, '.json')),
      title: String(doc.title ?? ''),
      panels: titles,
    });
  }
  const charts = fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter((f) => f.endsWith('.k8s.yaml'))
        .sort()
    : [];
  for (const f of charts) {
    const docs =
      safe(() => parseAllDocuments(fs.readFileSync(path.join(dir, f), 'utf8')).map((d) => d.toJS() as unknown)) ?? [];
    for (const d of Array.isArray(docs) ? docs : []) {
      if (!isObj(d) || d.kind !== 'HorizontalPodAutoscaler') continue;
      const meta = isObj(d.metadata) ? d.metadata : {};
      const spec = isObj(d.spec) ? d.spec : {};
      model.hpas.push({
        key: `${meta.namespace ? `${String(meta.namespace)}/` : ''}${String(meta.name ?? '?')}`,
        min: typeof spec.minReplicas === 'number' ? spec.minReplicas : undefined,
        max: typeof spec.maxReplicas === 'number' ? spec.maxReplicas : undefined,
      });
    }
  }
  return model;
}

function safe<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch {
    return undefined;
  }
}

/** `{a="b", c="d"}`, sorted; empty for no labels. */
export function showLabels(labels: Readonly<Record<string, string>>): string {
  const keys = Object.keys(labels).sort();
  return keys.length === 0 ? '' : `{${keys.map((k) => `${k}=${JSON.stringify(labels[k])}`).join(', ')}}`;
}
