/**
 * Expressions checked against a metric catalogue: metric and label names of every selector, and functions
 * that need a metric type (`rate`/`increase`/`irate` a counter, `histogram_quantile` a histogram's buckets).
 *
 * What is checked (the no-false-error rule): a selector's metric is judged only when the catalogue covers it —
 * the catalogue declares it (or it is a declared histogram's or summary's `_bucket`/`_count`/`_sum`), or its
 * name starts with one of the catalogue's namespaces. Series the app records itself (`known`: every
 * recording rule's `record`), Prometheus's own synthetic series (`up`, `scrape_*`, `ALERTS`,
 * `ALERTS_FOR_STATE`), selectors without a fixed metric name, and metrics outside the namespaces are never
 * errors.
 */
import { analyzePromQL, ast } from '../promql';
import {
  MetricCatalogue,
  MetricLookup,
  SCRAPE_LABELS,
  defaultNamespaces,
  isSyntheticSeries,
  lookupMetric,
  seriesNames,
} from './catalogue';
import { closest } from '../core';
import { CatalogueSetting, catalogueSetting } from './settings';

/** One mistake found in an expression. */
export interface CatalogueFinding {
  /** The selector or call at fault, as written. */
  readonly text: string;
  readonly message: string;
  readonly fix: string;
}

const COUNTER_FUNCTIONS = new Set(['rate', 'increase', 'irate', 'resets']);

/** A catalogue ready to check against: its series names and namespaces computed once. */
export class CatalogueChecker {
  private readonly metrics: MetricCatalogue;
  private readonly namespaces: readonly string[];
  private readonly names: string[];

  constructor(
    setting: CatalogueSetting | MetricCatalogue,
    private readonly known: ReadonlySet<string> = new Set(),
  ) {
    const s = catalogueSetting(setting);
    this.metrics = s.metrics;
    this.namespaces = s.namespaces ?? defaultNamespaces(s.metrics);
    this.names = seriesNames(s.metrics);
  }

  /** Whether the catalogue speaks for series `name` (declares it, or the name is in its namespaces). */
  covers(name: string): boolean {
    return lookupMetric(this.metrics, name) !== undefined || this.namespaces.some((p) => name.startsWith(p));
  }

  /** The mistakes in `expr`; none for an expression that does not parse (its own check reports that). */
  check(expr: string): CatalogueFinding[] {
    const tree = analyzePromQL(expr).ast;
    if (!tree) return [];
    const out: CatalogueFinding[] = [];
    const text = (n: ast.Span): string => expr.slice(n.from, n.to);
    ast.walk(tree, (n) => {
      if (n.kind === 'vector') out.push(...this.checkSelector(n, text(n)));
      else if (n.kind === 'call') out.push(...this.checkCall(n, text(n)));
    });
    return out;
  }

  private resolve(sel: ast.VectorSelector): { name: string; found?: MetricLookup } | undefined {
    const name = sel.name || sel.matchers.find((m) => m.name === '__name__' && m.op === '=')?.value;
    if (!name || this.known.has(name) || isSyntheticSeries(name)) return undefined;
    return { name, found: lookupMetric(this.metrics, name) };
  }

  private checkSelector(sel: ast.VectorSelector, text: string): CatalogueFinding[] {
    const r = this.resolve(sel);
    if (!r) return [];
    if (!r.found) {
      if (!this.covers(r.name)) return [];
      const near = closest(r.name, this.names);
      const ns = this.namespaces.find((p) => r.name.startsWith(p));
      return [
        {
          text,
          message: `unknown metric "${r.name}": the metric catalogue covers ${ns ? `"${ns}*"` : 'it'} and does not declare it`,
          fix: near ? `did you mean "${near}"?` : 'use a metric the catalogue declares, or add it to the catalogue',
        },
      ];
    }
    const { labels, name } = r.found;
    const out: CatalogueFinding[] = [];
    for (const m of sel.matchers) {
      if (m.name === '__name__' || labels.includes(m.name)) continue;
      const near = closest(m.name, labels);
      const declared = labels.filter((l) => !SCRAPE_LABELS.includes(l));
      out.push({
        text,
        message: `${r.name} has no label "${m.name}": the catalogue declares ${declared.length ? declared.map((l) => `"${l}"`).join(', ') : 'no labels'} on ${name} (plus the scrape labels ${SCRAPE_LABELS.join(', ')})`,
        fix: near
          ? `did you mean "${near}"?`
          : `match on a label ${name} carries, or declare "${m.name}" in the catalogue`,
      });
    }
    return out;
  }

  private checkCall(call: ast.Call, text: string): CatalogueFinding[] {
    if (COUNTER_FUNCTIONS.has(call.func)) {
      const sel = call.args[0]?.kind === 'matrix' ? call.args[0].selector : undefined;
      const r = sel ? this.resolve(sel) : undefined;
      const f = r?.found;
      if (!f) return [];
      const gaugeLike = f.declaration.type === 'gauge' || (f.declaration.type === 'summary' && f.part === 'value');
      if (!gaugeLike) return [];
      return [
        {
          text,
          message: `${call.func}() on "${r.name}", a ${f.declaration.type === 'gauge' ? 'gauge' : 'summary quantile'}: ${call.func}() is for counters`,
          fix:
            f.declaration.type === 'gauge'
              ? `use the gauge directly, or deriv()/delta() for its change (e.g. deriv(${r.name}[5m]))`
              : `read the quantile directly, or rate ${f.name}_count / ${f.name}_sum`,
        },
      ];
    }
    if (call.func === 'histogram_quantile' && call.args[1]) {
      const out: CatalogueFinding[] = [];
      ast.walk(call.args[1], (n) => {
        if (n.kind !== 'vector') return;
        const r = this.resolve(n);
        const f = r?.found;
        if (!r || !f) return;
        if (f.declaration.type === 'histogram' && (f.part === 'bucket' || f.part === 'value')) return;
        const near = f.declaration.type === 'histogram' ? `${f.name}_bucket` : undefined;
        out.push({
          text,
          message: `histogram_quantile() over "${r.name}", which is not a histogram's bucket series (it is a ${f.declaration.type}${f.part !== 'value' ? `'s _${f.part}` : ''})`,
          fix: near
            ? `use ${near}`
            : f.declaration.type === 'summary'
              ? `a summary's quantiles are read directly: ${f.name}{quantile="0.99"}`
              : 'histogram_quantile() needs the `_bucket` series of a histogram',
        });
      });
      return out;
    }
    return [];
  }
}
