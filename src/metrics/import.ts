/**
 * A metric catalogue imported from what an exporter or a Prometheus serves: exposition text (`# HELP`,
 * `# TYPE` and samples, as saved from a `/metrics` endpoint, Prometheus text format or OpenMetrics) and the
 * JSON of Prometheus's `/api/v1/metadata` and `/api/v1/series`. Rendered as a TypeScript module of metric
 * values (`watchkeeper metrics import`). Pure functions: the CLI reads the files.
 */
import { WatchkeeperError } from '../core';
import { MetricKind, SCRAPE_LABELS } from './catalogue';

/** One metric as imported. */
export interface ImportedMetric {
  readonly name: string;
  readonly type: MetricKind;
  readonly help?: string;
  /** Label names seen on its samples (sorted; `le`, `quantile` and the scrape labels left out). */
  readonly labels: readonly string[];
}

/** What the inputs say, merged: metadata by family name, label names by series name. */
export class CatalogueImport {
  private readonly families = new Map<string, { type?: MetricKind; help?: string }>();
  private readonly seriesLabels = new Map<string, Set<string>>();

  /** Adds one input: exposition text or a JSON dump (detected from the content). `source` names it in errors. */
  add(content: string, source: string): this {
    const trimmed = content.trimStart();
    if (trimmed.startsWith('{') || trimmed.startsWith('[')) this.addJson(content, source);
    else this.addExposition(content);
    return this;
  }

  /** Prometheus text format or OpenMetrics: `# HELP`, `# TYPE` and sample lines. */
  addExposition(text: string): this {
    for (const raw of text.split(/\r?\n/)) {
      const line = raw.trim();
      if (line === '') continue;
      const meta = /^#\s+(HELP|TYPE)\s+(\S+)(?:\s+(.*))?$/.exec(line);
      if (meta) {
        const [, kind, name, rest = ''] = meta;
        if (kind === 'HELP') this.family(name).help = unescapeHelp(rest);
        else this.family(name).type = metricType(rest.trim());
        continue;
      }
      if (line.startsWith('#')) continue;
      const sample = /^([a-zA-Z_:][a-zA-Z0-9_:]*)\s*(\{.*\})?\s+\S+/.exec(line);
      if (sample) this.addSeries(sample[1], labelNames(sample[2] ?? ''));
    }
    return this;
  }

  /**
   * Prometheus HTTP API responses: `/api/v1/metadata` (`data`: name -> [{type, help, unit}]), `/api/v1/series`
   * (`data`: label sets with `__name__`), or an object holding both as `metadata` and `series`.
   */
  addJson(text: string, source: string): this {
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch (e) {
      throw new WatchkeeperError([
        {
          where: source,
          field: '',
          message: `is not valid JSON: ${(e as Error).message}`,
          fix: 'save the response body of /api/v1/metadata or /api/v1/series',
        },
      ]);
    }
    const parts = isObject(doc) && ('metadata' in doc || 'series' in doc) ? [doc.metadata, doc.series] : [doc];
    for (const part of parts) {
      if (part === undefined) continue;
      const data = isObject(part) && 'data' in part ? part.data : part;
      if (Array.isArray(data)) {
        for (const s of data) {
          if (isObject(s) && typeof s.__name__ === 'string')
            this.addSeries(
              s.__name__,
              Object.keys(s).filter((k) => k !== '__name__'),
            );
        }
      } else if (isObject(data)) {
        for (const [name, entries] of Object.entries(data)) {
          const first: unknown = Array.isArray(entries) ? entries[0] : undefined;
          if (!isObject(first)) continue;
          const f = this.family(name);
          if (typeof first.type === 'string') f.type = metricType(first.type);
          if (typeof first.help === 'string' && first.help !== '') f.help = first.help;
        }
      } else {
        throw new WatchkeeperError([
          {
            where: source,
            field: 'data',
            message: 'is neither /api/v1/metadata (an object) nor /api/v1/series (an array)',
            fix: 'save the response body of /api/v1/metadata or /api/v1/series',
          },
        ]);
      }
    }
    return this;
  }

  /** The metrics, sorted by name: typed families with the labels of their series, then untyped series as gauges. */
  metrics(): ImportedMetric[] {
    const out = new Map<string, ImportedMetric>();
    const claimed = new Set<string>();
    const labelsOf = (names: string[], drop: readonly string[]): string[] => {
      const set = new Set<string>();
      for (const n of names) {
        const ls = this.seriesLabels.get(n);
        if (!ls) continue;
        claimed.add(n);
        for (const l of ls) if (!drop.includes(l) && !SCRAPE_LABELS.includes(l)) set.add(l);
      }
      return [...set].sort();
    };
    for (const [family, f] of this.families) {
      if (f.type === undefined && !this.seriesLabels.has(family)) continue;
      const type = f.type ?? 'gauge';
      let name = family;
      let parts: string[];
      let drop: string[] = [];
      if (type === 'histogram') {
        parts = [family, `${family}_bucket`, `${family}_count`, `${family}_sum`, `${family}_created`];
        drop = ['le'];
      } else if (type === 'summary') {
        parts = [family, `${family}_count`, `${family}_sum`, `${family}_created`];
        drop = ['quantile'];
      } else if (type === 'counter' && !family.endsWith('_total') && this.seriesLabels.has(`${family}_total`)) {
        // OpenMetrics names the family without `_total`; queries select the `_total` series.
        name = `${family}_total`;
        parts = [name, `${family}_created`];
      } else {
        parts = type === 'counter' ? [family, family.replace(/_total$/, '_created')] : [family];
      }
      const prev = out.get(name);
      out.set(name, { name, type, help: f.help ?? prev?.help, labels: labelsOf(parts, drop) });
    }
    for (const [series] of this.seriesLabels) {
      if (claimed.has(series) || out.has(series)) continue;
      out.set(series, { name: series, type: 'gauge', labels: labelsOf([series], []) });
    }
    return [...out.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  private family(name: string): { type?: MetricKind; help?: string } {
    let f = this.families.get(name);
    if (!f) this.families.set(name, (f = {}));
    return f;
  }

  private addSeries(name: string, labels: readonly string[]): void {
    let set = this.seriesLabels.get(name);
    if (!set) this.seriesLabels.set(name, (set = new Set()));
    for (const l of labels) set.add(l);
  }
}

/** The metrics described by `inputs` (file name -> content), merged. */
export function importMetrics(
  inputs: ReadonlyArray<{ readonly source: string; readonly content: string }>,
): ImportedMetric[] {
  const imp = new CatalogueImport();
  for (const i of inputs) imp.add(i.content, i.source);
  return imp.metrics();
}

function metricType(t: string): MetricKind {
  switch (t.toLowerCase()) {
    case 'counter':
      return 'counter';
    case 'histogram':
    case 'gaugehistogram':
      return 'histogram';
    case 'summary':
      return 'summary';
    default:
      return 'gauge';
  }
}

/** `# HELP` text: `\\` and `\n` escaped. */
function unescapeHelp(s: string): string {
  return s.replace(/\\(\\|n)/g, (_, c: string) => (c === 'n' ? '\n' : '\\'));
}

/** The label names of a `{a="x",b="y"}` block (values may hold escaped quotes, commas and braces). */
function labelNames(block: string): string[] {
  const names: string[] = [];
  const re = /\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*=\s*"((?:[^"\\]|\\.)*)"\s*,?/gy;
  const inner = block.slice(1, -1);
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(inner)) !== null) names.push(m[1]);
  return names.filter((n) => n !== '__name__');
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const RESERVED = new Set([
  'break',
  'case',
  'catch',
  'class',
  'const',
  'continue',
  'debugger',
  'default',
  'delete',
  'do',
  'else',
  'enum',
  'export',
  'extends',
  'false',
  'finally',
  'for',
  'function',
  'if',
  'import',
  'in',
  'instanceof',
  'new',
  'null',
  'return',
  'super',
  'switch',
  'this',
  'throw',
  'true',
  'try',
  'typeof',
  'var',
  'void',
  'while',
  'with',
  'catalogue',
  'Counter',
  'Gauge',
  'Histogram',
  'Summary',
  'catalogueOf',
  'namespaces',
]);

/** `prometheus_http_requests_total` -> `prometheusHttpRequestsTotal` (`_` kept where a word starts with a digit). */
function identifier(name: string): string {
  const id = name
    .replace(/[:]/g, '_')
    .replace(/_+([a-zA-Z])/g, (_, c: string) => c.toUpperCase())
    .replace(/^_+/, '');
  const safe = /^[0-9]/.test(id) ? `m${id}` : id;
  return RESERVED.has(safe) ? `${safe}Metric` : safe;
}

const CLASS: Readonly<Record<MetricKind, string>> = {
  counter: 'Counter',
  gauge: 'Gauge',
  histogram: 'Histogram',
  summary: 'Summary',
};

/** Options of renderMetricsModule. */
export interface RenderModuleOptions {
  /** Where the module imports Counter, Gauge, ... from. @default 'watchkeeper' */
  readonly from?: string;
  /** The inputs, named in the header comment. */
  readonly sources?: readonly string[];
  /** The namespaces the exported catalogue covers. @default each metric name's first word (defaultNamespaces) */
  readonly namespaces?: readonly string[];
}

/**
 * A TypeScript module declaring each metric as a value (`export const httpRequestsTotal = new Counter(...)`),
 * sorted by name, and `catalogue` / `namespaces` for WatchkeeperApp's `metrics` and `metricNamespaces`.
 */
export function renderMetricsModule(metrics: readonly ImportedMetric[], options: RenderModuleOptions = {}): string {
  const used = new Set<string>();
  const ids = metrics.map((m) => {
    const base = identifier(m.name);
    let id = base;
    for (let i = 2; used.has(id); i++) id = `${base}${i}`;
    used.add(id);
    return id;
  });
  const classes = [...new Set(metrics.map((m) => CLASS[m.type]))].sort();
  const lines: string[] = [];
  lines.push(
    '// Generated by `watchkeeper metrics import`' +
      (options.sources && options.sources.length ? ` from ${options.sources.join(', ')}` : '') +
      '.',
  );
  lines.push('// Re-run the import to update it; edits by hand are lost.');
  lines.push(
    `import { ${[...classes, 'catalogueOf', 'type CatalogueSetting'].join(', ')} } from ${JSON.stringify(options.from ?? 'watchkeeper')};`,
  );
  lines.push('');
  metrics.forEach((m, i) => {
    if (m.help) lines.push(`/** ${m.help.replace(/\*\//g, '*\\/').replace(/\s*\n\s*/g, ' ')} */`);
    const labelType = m.labels.length ? m.labels.map((l) => JSON.stringify(l)).join(' | ') : 'never';
    const props = [
      `name: ${JSON.stringify(m.name)}`,
      ...(m.help ? [`help: ${JSON.stringify(m.help)}`] : []),
      `labels: [${m.labels.map((l) => JSON.stringify(l)).join(', ')}]`,
    ];
    lines.push(`export const ${ids[i]} = new ${CLASS[m.type]}<${labelType}>({ ${props.join(', ')} });`);
  });
  lines.push('');
  const names = metrics.map((m) => m.name);
  const ns =
    options.namespaces ??
    [
      ...new Set(
        names
          .filter((n) => n.indexOf('_') > 0 && !n.slice(0, n.indexOf('_')).includes(':'))
          .map((n) => n.slice(0, n.indexOf('_') + 1)),
      ),
    ].sort();
  lines.push(
    '/** The name prefixes this catalogue speaks for: a selector of an undeclared metric with one of them is an error. */',
  );
  lines.push(`export const namespaces: readonly string[] = [${ns.map((n) => JSON.stringify(n)).join(', ')}];`);
  lines.push('');
  lines.push('/** Every metric above, for `new WatchkeeperApp({ metrics: catalogue })`. */');
  lines.push(`export const catalogue: CatalogueSetting = { metrics: catalogueOf(${ids.join(', ')}), namespaces };`);
  lines.push('');
  return lines.join('\n');
}
