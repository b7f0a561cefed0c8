/**
 * OpenSLO v1 -> Slo: SLO documents with an inline or referenced SLI (ratioMetric good/bad/total or raw,
 * thresholdMetric) over Prometheus queries, a rolling time window and Occurrences budgeting. Anything else
 * is refused with an error naming the field and the document, never silently dropped.
 */
import { parseAllDocuments } from 'yaml';
import { ProblemList, WatchkeeperError } from '../core';
import { Rational, formatExact } from './decimal';
import { SliDefinition, WINDOW_PLACEHOLDER } from './sli';
import { Slo, SloProps } from './slo';

/** One OpenSLO file: its name (for messages) and text. */
export interface OpenSloFile {
  readonly source: string;
  readonly text: string;
}

/** Options of readOpenSlo. */
export interface ReadOpenSloOptions {
  /**
   * Props every SLO read gets besides what the document says (alerting, groupBy, labels); the document's
   * own values win for labels.
   * @default {}
   */
  readonly defaults?: Partial<Pick<SloProps, 'alerting' | 'groupBy' | 'labels'>>;
}

type Obj = Record<string, unknown>;

interface Doc {
  readonly where: string;
  readonly kind: string;
  readonly name: string;
  readonly body: Obj;
}

const API_VERSION = 'openslo/v1';

/**
 * Reads OpenSLO v1 documents (one file's text, or several files so that `indicatorRef` and
 * `metricSourceRef` can point across them) into Slos, one per SLO document, in order.
 * @throws WatchkeeperError listing every unsupported or invalid field with its document.
 */
export function readOpenSlo(input: string | readonly OpenSloFile[], options: ReadOpenSloOptions = {}): Slo[] {
  const files = typeof input === 'string' ? [{ source: 'openslo', text: input }] : input;
  const found = new ProblemList('OpenSLO');
  const docs = files.flatMap((f) => loadDocs(f, found));
  const slis = new Map(docs.filter((d) => d.kind === 'SLI').map((d) => [d.name, d]));
  const sources = new Map(docs.filter((d) => d.kind === 'DataSource').map((d) => [d.name, d]));
  const out: Slo[] = [];
  for (const d of docs) {
    const p = new ProblemList(d.where);
    switch (d.kind) {
      case 'SLO': {
        const props = sloProps(d, p, slis, sources, options);
        if (props && p.length === 0) {
          try {
            out.push(new Slo(props));
          } catch (e) {
            if (!(e instanceof WatchkeeperError)) throw e;
            for (const q of e.problems) p.addAt(d.where, `(as Slo) ${q.field}`, q.value, q.message, q.fix);
          }
        }
        break;
      }
      case 'SLI':
        checkKeys(d.body, ['apiVersion', 'kind', 'metadata', 'spec'], '', p);
        checkMetadata(d.body.metadata, 'metadata', p);
        break;
      case 'Service':
      case 'DataSource':
        checkKeys(d.body, ['apiVersion', 'kind', 'metadata', 'spec'], '', p);
        break;
      default:
        p.add(
          'kind',
          d.kind,
          `kind "${d.kind}" is not supported`,
          "alerts come from the SLO's burn-rate tiers; remove AlertPolicy, AlertCondition and AlertNotificationTarget documents (or configure Slo alerting)",
        );
    }
    found.addAll(p.problems);
  }
  found.throwIfAny('OpenSLO');
  return out;
}

function loadDocs(file: OpenSloFile, found: ProblemList): Doc[] {
  const out: Doc[] = [];
  parseAllDocuments(file.text).forEach((yamlDoc, i) => {
    const at = `${file.source} document ${i + 1}`;
    if (yamlDoc.errors.length > 0) {
      found.addAt(at, '(yaml)', undefined, yamlDoc.errors[0].message, 'fix the YAML');
      return;
    }
    const value = yamlDoc.toJS() as unknown;
    if (value === null || value === undefined) return;
    const items = Array.isArray(value) ? value : [value];
    items.forEach((item, j) => {
      const where = Array.isArray(value) ? `${at} item ${j + 1}` : at;
      if (!isObj(item)) {
        found.addAt(
          where,
          '',
          item,
          'an OpenSLO object must be a mapping',
          'write apiVersion, kind, metadata and spec',
        );
        return;
      }
      const kind = typeof item.kind === 'string' ? item.kind : '';
      const name = isObj(item.metadata) && typeof item.metadata.name === 'string' ? item.metadata.name : '';
      const label = `${where} (${kind || 'no kind'}${name ? ` "${name}"` : ''})`;
      if (item.apiVersion !== API_VERSION) {
        found.addAt(
          label,
          'apiVersion',
          item.apiVersion,
          `only ${API_VERSION} is supported`,
          `set apiVersion: ${API_VERSION}`,
        );
        return;
      }
      if (!name) {
        found.addAt(label, 'metadata.name', item.metadata, 'every object needs metadata.name', 'name it');
        return;
      }
      out.push({ where: label, kind, name, body: item });
    });
  });
  return out;
}

function sloProps(
  d: Doc,
  p: ProblemList,
  slis: Map<string, Doc>,
  sources: Map<string, Doc>,
  options: ReadOpenSloOptions,
): SloProps | undefined {
  checkKeys(d.body, ['apiVersion', 'kind', 'metadata', 'spec'], '', p);
  const labels = checkMetadata(d.body.metadata, 'metadata', p);
  const spec = d.body.spec;
  if (!isObj(spec)) {
    p.add('spec', spec, 'an SLO needs a spec', 'write spec.service, spec.indicator, spec.objectives');
    return undefined;
  }
  checkKeys(
    spec,
    [
      'description',
      'service',
      'indicator',
      'indicatorRef',
      'timeWindow',
      'budgetingMethod',
      'objectives',
      'alertPolicies',
    ],
    'spec',
    p,
  );
  if (typeof spec.service !== 'string' || spec.service === '')
    p.add('spec.service', spec.service, 'the service is required', 'name the service');
  if (spec.budgetingMethod !== 'Occurrences') {
    p.add(
      'spec.budgetingMethod',
      spec.budgetingMethod,
      'only Occurrences budgeting is supported (good events over all events)',
      'set budgetingMethod: Occurrences',
    );
  }
  if (spec.alertPolicies !== undefined && !(Array.isArray(spec.alertPolicies) && spec.alertPolicies.length === 0)) {
    p.add(
      'spec.alertPolicies',
      spec.alertPolicies,
      'alert policies are not supported: alerts come from the multi-window multi-burn-rate tiers',
      'remove alertPolicies; tune tiers with Slo alerting (readOpenSlo defaults)',
    );
  }
  const window = timeWindow(spec.timeWindow, p);
  const target = objective(spec.objectives, p);

  // The SLI: inline, or a reference to an SLI document.
  let sliSpec: unknown;
  let sliDescription: string | undefined;
  if (spec.indicator !== undefined && spec.indicatorRef !== undefined) {
    p.add('spec.indicatorRef', spec.indicatorRef, 'give either indicator or indicatorRef, not both', 'remove one');
  } else if (spec.indicator !== undefined) {
    if (!isObj(spec.indicator))
      p.add(
        'spec.indicator',
        spec.indicator,
        'the indicator must be a mapping with metadata and spec',
        'inline an SLI',
      );
    else {
      checkKeys(spec.indicator, ['metadata', 'spec'], 'spec.indicator', p);
      checkMetadata(spec.indicator.metadata, 'spec.indicator.metadata', p);
      sliSpec = spec.indicator.spec;
    }
  } else if (typeof spec.indicatorRef === 'string') {
    const ref = slis.get(spec.indicatorRef);
    if (!ref)
      p.add(
        'spec.indicatorRef',
        spec.indicatorRef,
        'no SLI document with this name',
        `add an SLI named "${spec.indicatorRef}" (to these files), or inline the indicator`,
      );
    else sliSpec = ref.body.spec;
  } else {
    p.add('spec.indicator', undefined, 'an SLO needs indicator or indicatorRef', 'inline an SLI or name one');
  }
  const sliField = spec.indicator !== undefined ? 'spec.indicator.spec' : `SLI "${String(spec.indicatorRef)}" spec`;
  let sli: SliDefinition | undefined;
  if (sliSpec !== undefined) {
    if (!isObj(sliSpec)) p.add(sliField, sliSpec, 'the SLI needs a spec', 'write ratioMetric or thresholdMetric');
    else {
      sliDescription = typeof sliSpec.description === 'string' ? sliSpec.description : undefined;
      sli = sliFrom(sliSpec, sliField, target, p, sources);
    }
  }
  if (!target || !sli || !window || typeof spec.service !== 'string') return undefined;
  if (target.op !== undefined && !('thresholdMetric' in (sliSpec as Obj))) {
    p.add('spec.objectives[0].op', target.op, 'op and value only apply to a thresholdMetric', 'remove op and value');
    return undefined;
  }
  const defaults = options.defaults ?? {};
  return {
    ...defaults,
    service: spec.service,
    name: d.name,
    description: typeof spec.description === 'string' ? spec.description : sliDescription,
    objective: target.percent,
    window,
    sli,
    labels: { ...defaults.labels, ...labels },
  };
}

function timeWindow(tw: unknown, p: ProblemList): SloProps['window'] | undefined {
  if (tw === undefined) return '30d';
  if (!Array.isArray(tw) || tw.length !== 1 || !isObj(tw[0])) {
    p.add(
      'spec.timeWindow',
      tw,
      'timeWindow must hold exactly one window',
      'e.g. [{ duration: 30d, isRolling: true }]',
    );
    return undefined;
  }
  const w = tw[0];
  checkKeys(w, ['duration', 'isRolling', 'calendar'], 'spec.timeWindow[0]', p);
  if (w.calendar !== undefined || w.isRolling !== true) {
    p.add(
      'spec.timeWindow[0].isRolling',
      w.isRolling,
      'only rolling windows are supported (calendar-aligned windows are not)',
      'set isRolling: true and remove calendar',
    );
    return undefined;
  }
  const m = typeof w.duration === 'string' ? /^(\d+)([dw])$/.exec(w.duration) : null;
  if (!m || Number(m[1]) === 0) {
    p.add(
      'spec.timeWindow[0].duration',
      w.duration,
      'the window must be a whole number of days or weeks',
      'e.g. 28d, 30d or 4w',
    );
    return undefined;
  }
  return `${Number(m[1]) * (m[2] === 'w' ? 7 : 1)}d` as SloProps['window'];
}

function objective(objectives: unknown, p: ProblemList): { percent: number; op?: string; value?: number } | undefined {
  if (!Array.isArray(objectives) || objectives.length !== 1 || !isObj(objectives[0])) {
    p.add(
      'spec.objectives',
      objectives,
      'exactly one objective is supported',
      'write one objective per SLO document (split the others into their own SLOs)',
    );
    return undefined;
  }
  const o = objectives[0];
  checkKeys(o, ['displayName', 'target', 'targetPercent', 'op', 'value'], 'spec.objectives[0]', p);
  let percent: Rational | undefined;
  if (o.target !== undefined && o.targetPercent !== undefined)
    p.add('spec.objectives[0].targetPercent', o.targetPercent, 'give target or targetPercent, not both', 'remove one');
  else if (typeof o.target === 'number' && Number.isFinite(o.target) && o.target > 0 && o.target < 1)
    percent = Rational.of(o.target).mul(100);
  else if (
    typeof o.targetPercent === 'number' &&
    Number.isFinite(o.targetPercent) &&
    o.targetPercent > 0 &&
    o.targetPercent < 100
  )
    percent = Rational.of(o.targetPercent);
  else
    p.add(
      o.target !== undefined ? 'spec.objectives[0].target' : 'spec.objectives[0].targetPercent',
      o.target ?? o.targetPercent,
      'target must lie in (0, 1), targetPercent in (0, 100)',
      'e.g. target: 0.999 or targetPercent: 99.9',
    );
  let op: string | undefined;
  let value: number | undefined;
  if (o.op !== undefined || o.value !== undefined) {
    if (!['lte', 'lt', 'gte', 'gt'].includes(String(o.op)))
      p.add('spec.objectives[0].op', o.op, 'op must be lte, lt, gte or gt', 'e.g. op: lte');
    else op = String(o.op);
    if (typeof o.value !== 'number' || !Number.isFinite(o.value))
      p.add('spec.objectives[0].value', o.value, 'value must be a number', 'e.g. value: 0.5');
    else value = o.value;
  }
  return percent ? { percent: Number(formatExact(percent)), op, value } : undefined;
}

/** Bad-when for a threshold objective: the objective says when a value is good. */
const BAD_WHEN: Readonly<Record<string, string>> = { lte: '>', lt: '>=', gte: '<', gt: '<=' };

/**
 * The SLI kind of an OpenSLO SLI: good/total, bad/total (events), raw (error ratio), or a thresholdMetric:
 * every evaluation whose value misses the objective's `op value` is an error (`(query) > bool value`).
 */
function sliFrom(
  spec: Obj,
  field: string,
  target: { op?: string; value?: number } | undefined,
  p: ProblemList,
  sources: Map<string, Doc>,
): SliDefinition | undefined {
  checkKeys(spec, ['description', 'ratioMetric', 'thresholdMetric'], field, p);
  if ((spec.ratioMetric === undefined) === (spec.thresholdMetric === undefined)) {
    p.add(field, Object.keys(spec), 'an SLI needs exactly one of ratioMetric and thresholdMetric', 'keep one');
    return undefined;
  }
  if (spec.thresholdMetric !== undefined) {
    const q = query(spec.thresholdMetric, `${field}.thresholdMetric`, p, sources);
    if (!target) return undefined;
    if (target.op === undefined || target.value === undefined) {
      p.add(
        'spec.objectives[0].op',
        target.op,
        'a thresholdMetric needs op and value in its objective',
        'e.g. op: lte, value: 0.5',
      );
      return undefined;
    }
    return q === undefined
      ? undefined
      : { kind: 'error-ratio', expr: `(${q}) ${BAD_WHEN[target.op]} bool ${formatExact(Rational.of(target.value))}` };
  }
  const r = spec.ratioMetric;
  const at = `${field}.ratioMetric`;
  if (!isObj(r)) {
    p.add(at, r, 'ratioMetric must be a mapping', 'write good/bad and total, or raw and rawType');
    return undefined;
  }
  checkKeys(r, ['counter', 'good', 'bad', 'total', 'rawType', 'raw'], at, p);
  if (r.raw !== undefined) {
    if (r.good !== undefined || r.bad !== undefined || r.total !== undefined)
      p.add(
        at,
        Object.keys(r),
        'raw cannot be combined with good, bad or total',
        'keep raw and rawType, or good/bad and total',
      );
    const q = query(r.raw, `${at}.raw`, p, sources);
    if (r.rawType !== 'success' && r.rawType !== 'failure')
      p.add(
        `${at}.rawType`,
        r.rawType,
        'rawType must be success or failure',
        'say whether the stored ratio counts good or bad events',
      );
    if (q === undefined || (r.rawType !== 'success' && r.rawType !== 'failure')) return undefined;
    return { kind: 'error-ratio', expr: r.rawType === 'failure' ? q : `1 - (${q})` };
  }
  if (r.counter !== true) {
    p.add(
      `${at}.counter`,
      r.counter,
      'only counters are supported for good/bad/total (rates are taken over each window)',
      'set counter: true and query counters',
    );
    return undefined;
  }
  if ((r.good === undefined) === (r.bad === undefined)) {
    p.add(at, Object.keys(r), 'give exactly one of good and bad', 'keep one');
    return undefined;
  }
  const total = counterQuery(r.total, `${at}.total`, p, sources);
  if (r.good !== undefined) {
    const good = counterQuery(r.good, `${at}.good`, p, sources);
    return good && total ? { kind: 'good-total', good, total } : undefined;
  }
  const bad = counterQuery(r.bad, `${at}.bad`, p, sources);
  return bad && total ? { kind: 'events', errors: bad, total } : undefined;
}

/** A Prometheus query of a metric spec, or undefined (problem added). */
function query(metric: unknown, field: string, p: ProblemList, sources: Map<string, Doc>): string | undefined {
  if (!isObj(metric)) {
    p.add(
      field,
      metric,
      'a metric needs metricSource',
      'write metricSource: { type: Prometheus, spec: { query: ... } }',
    );
    return undefined;
  }
  checkKeys(metric, ['metricSource'], field, p);
  const src = metric.metricSource;
  const at = `${field}.metricSource`;
  if (!isObj(src)) {
    p.add(at, src, 'metricSource must be a mapping', 'write type, spec.query (and optionally metricSourceRef)');
    return undefined;
  }
  checkKeys(src, ['metricSourceRef', 'type', 'spec'], at, p);
  let type = src.type;
  if (type === undefined && typeof src.metricSourceRef === 'string') {
    const ds = sources.get(src.metricSourceRef);
    type = ds && isObj(ds.body.spec) ? ds.body.spec.type : undefined;
    if (!ds)
      p.add(
        `${at}.metricSourceRef`,
        src.metricSourceRef,
        'no DataSource with this name, and no type given',
        'add type: Prometheus or the DataSource document',
      );
  }
  if (typeof type !== 'string' || type.toLowerCase() !== 'prometheus') {
    p.add(`${at}.type`, type, 'only Prometheus metric sources are supported', 'set type: Prometheus');
    return undefined;
  }
  if (!isObj(src.spec)) {
    p.add(`${at}.spec`, src.spec, 'the spec must hold the query', 'write spec: { query: ... }');
    return undefined;
  }
  checkKeys(src.spec, ['query'], `${at}.spec`, p);
  if (typeof src.spec.query !== 'string' || src.spec.query.trim() === '') {
    p.add(`${at}.spec.query`, src.spec.query, 'the query is empty', 'write a PromQL query');
    return undefined;
  }
  return src.spec.query.trim();
}

/** A counter query: `{{.window}}` (the Sloth convention) becomes `$window`; a selector is rated per window. */
function counterQuery(metric: unknown, field: string, p: ProblemList, sources: Map<string, Doc>): string | undefined {
  if (metric === undefined) {
    p.add(field, undefined, 'missing', 'add the query');
    return undefined;
  }
  const q = query(metric, field, p, sources);
  return q?.replace(/\{\{\s*\.window\s*\}\}/g, WINDOW_PLACEHOLDER);
}

function checkMetadata(m: unknown, field: string, p: ProblemList): Record<string, string> {
  if (!isObj(m)) return {};
  checkKeys(m, ['name', 'displayName', 'labels', 'annotations'], field, p);
  const out: Record<string, string> = {};
  if (m.labels !== undefined) {
    if (!isObj(m.labels)) p.add(`${field}.labels`, m.labels, 'labels must be a mapping', 'write label: value pairs');
    else
      for (const [k, v] of Object.entries(m.labels)) {
        if (typeof v === 'string') out[k] = v;
        else
          p.add(
            `${field}.labels.${k}`,
            v,
            'only single string label values are supported (they become alert labels)',
            'write one string value',
          );
      }
  }
  return out;
}

function checkKeys(o: Obj, allowed: readonly string[], field: string, p: ProblemList): void {
  for (const k of Object.keys(o)) {
    if (!allowed.includes(k))
      p.add(
        field ? `${field}.${k}` : k,
        o[k],
        `"${k}" is not supported here`,
        `remove it; supported: ${allowed.join(', ')}`,
      );
  }
}

function isObj(x: unknown): x is Obj {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
