/**
 * One prometheus-adapter discovery rule (an entry of `rules:` or `externalRules:` in the adapter's config.yaml):
 * which Prometheus series to expose, under which name, attached to which Kubernetes objects, and the query that
 * computes a value. Checked the way the adapter reads it: the series query is a series selector, the name
 * pattern is a Go regexp whose expansion must give the exposed name, and the metrics query is a `<< >>` Go
 * template that, filled in as the adapter fills it in, must be PromQL that Prometheus accepts.
 */
import { RE2JS } from 're2js';
import { Problem, ProblemList } from '../core';
import { analyzePromQL, checkPromQL } from '../promql';
import { isValidLabelName } from '../core';

/** A Kubernetes group-resource a Prometheus label names: `{ resource: 'pod' }`, `{ group: 'apps', resource: 'deployment' }`. */
export interface GroupResource {
  /** API group; leave out for the core group. @default the core group */
  readonly group?: string;
  /** Resource, singular or plural: `pod`, `namespace`, `service`, `deployment`. */
  readonly resource: string;
}

/** `resources`: how the labels of a series name Kubernetes objects. */
export interface AdapterResources {
  /** Label -> group-resource, e.g. `{ namespace: { resource: 'namespace' }, pod: { resource: 'pod' } }`. @default none */
  readonly overrides?: Readonly<Record<string, GroupResource>>;
  /** A label-name template such as `kube_<<.Group>>_<<.Resource>>`. @default none */
  readonly template?: string;
  /**
   * External rules only: false lets the query ignore the HPA's namespace (the adapter then adds no namespace
   * matcher). @default true
   */
  readonly namespaced?: boolean;
}

/** A `seriesFilters` entry: keep series whose name matches `is`, or drop those matching `isNot`. */
export type SeriesFilter = { readonly is: string } | { readonly isNot: string };

/** The fields of a prometheus-adapter rule, as in its config file. */
export interface AdapterRuleProps {
  /** Which list the rule belongs to: `custom` (`rules:`, pods and object metrics) or `external` (`externalRules:`). */
  readonly api: 'custom' | 'external';
  /** A Prometheus series selector finding the series, e.g. `rlm_active_agents{namespace!="",pod!=""}`. */
  readonly seriesQuery: string;
  /** Extra filters on series names. @default none */
  readonly seriesFilters?: readonly SeriesFilter[];
  /** How series labels name Kubernetes objects. */
  readonly resources: AdapterResources;
  /** `name.matches`: a Go regexp on the series name. @default `.*` (the adapter's default) */
  readonly nameMatches?: string;
  /** `name.as`: the metric name the HPA asks for, `$1`/`${1}` expanding groups of nameMatches. */
  readonly nameAs: string;
  /** The Go template (delimiters `<<` `>>`) computing values, e.g. `sum(<<.Series>>{<<.LabelMatchers>>}) by (<<.GroupBy>>)`. */
  readonly metricsQuery: string;
}

/** The template fields prometheus-adapter fills in. */
export type TemplateField = 'Series' | 'LabelMatchers' | 'GroupBy';
const TEMPLATE_FIELDS: readonly TemplateField[] = ['Series', 'LabelMatchers', 'GroupBy'];

/** Values for the template, as the adapter would pass them for one request. */
export type TemplateValues = Readonly<Record<TemplateField, string>>;

/** A prometheus-adapter rule: an immutable value, rendered into a PrometheusAdapterConfig's config.yaml. */
export class AdapterRule {
  constructor(readonly props: AdapterRuleProps) {}

  /** The metric name exposed to the metrics API: `name.as`, expanded for the series query's metric name. */
  get metricName(): string {
    const series = this.seriesName;
    return (series !== undefined ? this.exposedNameFor(series) : undefined) || this.props.nameAs;
  }

  /** The rule as it appears in the adapter's config, fields in the adapter docs' order. */
  toConfig(): Record<string, unknown> {
    const p = this.props;
    const overrides = p.resources.overrides
      ? Object.fromEntries(
          Object.keys(p.resources.overrides)
            .sort()
            .map((k) => {
              const gr = (p.resources.overrides as Record<string, GroupResource>)[k];
              return [k, gr.group ? { group: gr.group, resource: gr.resource } : { resource: gr.resource }];
            }),
        )
      : undefined;
    const resources: Record<string, unknown> = {};
    if (overrides) resources.overrides = overrides;
    if (p.resources.template !== undefined) resources.template = p.resources.template;
    if (p.resources.namespaced !== undefined) resources.namespaced = p.resources.namespaced;
    const out: Record<string, unknown> = { seriesQuery: p.seriesQuery };
    if (p.seriesFilters && p.seriesFilters.length > 0) out.seriesFilters = p.seriesFilters.map((f) => ({ ...f }));
    out.resources = resources;
    out.name = p.nameMatches === undefined ? { as: p.nameAs } : { matches: p.nameMatches, as: p.nameAs };
    out.metricsQuery = p.metricsQuery;
    return out;
  }

  /** The metricsQuery filled in with `values` (what the adapter sends to Prometheus). */
  render(values: TemplateValues): string {
    return fillMetricsQuery(this.props.metricsQuery, values).text;
  }

  /** The metric name of the series query, if it names exactly one (`foo{...}` or `{__name__="foo",...}`). */
  get seriesName(): string | undefined {
    return seriesNameOf(this.props.seriesQuery);
  }

  /** The exposed name for a series name, as the adapter computes it (`name.matches` expanded into `name.as`). */
  exposedNameFor(series: string): string | undefined {
    let re: RE2JS;
    try {
      re = RE2JS.compile(this.props.nameMatches ?? '.*');
    } catch {
      return undefined;
    }
    const m = re.matcher(series);
    if (!m.find()) return undefined;
    return this.props.nameAs.replace(
      /\$(?:\{(\w+)\}|(\d+))/g,
      (_all, braced: string | undefined, plain: string | undefined) => {
        const n = Number(braced ?? plain);
        return Number.isInteger(n) && n <= m.groupCount() ? (m.group(n) ?? '') : '';
      },
    );
  }

  /** Every problem with the rule; `field` prefixes field names (e.g. `rules[2]`). */
  check(where: string, field: string, prometheusVersion?: string): Problem[] {
    const p = this.props;
    const found = new ProblemList(where, field, '.');
    if (p.api !== 'custom' && p.api !== 'external')
      found.add(
        'api',
        p.api,
        'api must be "custom" or "external"',
        '"custom" for pods and object metrics, "external" for external metrics',
      );

    // seriesQuery: a series selector, as /api/v1/series takes it.
    const series = analyzePromQL(p.seriesQuery, { prometheusVersion });
    if (series.diagnostics.length > 0) {
      for (const d of series.diagnostics)
        found.add(
          'seriesQuery',
          p.seriesQuery,
          `${d.message} (at ${d.line}:${d.column})`,
          'write a series selector such as rlm_active_agents{namespace!="",pod!=""}',
        );
    } else if (series.ast?.kind !== 'vector' || series.ast.offsetMs !== undefined || series.ast.at !== undefined) {
      found.add(
        'seriesQuery',
        p.seriesQuery,
        'a series query must be a plain series selector (no functions, operators, ranges or modifiers)',
        'move computation into metricsQuery and keep seriesQuery a selector',
      );
    }
    for (const [i, f] of (p.seriesFilters ?? []).entries()) {
      const pattern = 'is' in f ? f.is : f.isNot;
      const err = goRegexpError(pattern);
      if (err) found.add(`seriesFilters[${i}]`, pattern, `not a Go regexp: ${err}`, 'write an RE2 regular expression');
    }

    // resources
    const overrides = p.resources?.overrides ?? {};
    for (const [label, gr] of Object.entries(overrides)) {
      if (!isValidLabelName(label))
        found.add(`resources.overrides.${label}`, label, 'not a Prometheus label name', 'use letters, digits and "_"');
      if (!gr || typeof gr.resource !== 'string' || gr.resource.trim() === '')
        found.add(
          `resources.overrides.${label}`,
          gr,
          'a group-resource needs a resource',
          'e.g. { resource: "pod" } or { group: "apps", resource: "deployment" }',
        );
    }
    if (p.api === 'custom' && Object.keys(overrides).length === 0 && p.resources?.template === undefined) {
      found.add(
        'resources',
        p.resources,
        'a custom-metrics rule must say which labels name Kubernetes objects, or the adapter attaches its series to nothing',
        'map labels with overrides, e.g. { namespace: { resource: "namespace" }, pod: { resource: "pod" } }',
      );
    }
    if (p.api === 'custom' && p.resources?.namespaced !== undefined) {
      found.add(
        'resources.namespaced',
        p.resources.namespaced,
        'namespaced applies to external rules only',
        'leave it out of custom-metrics rules',
      );
    }

    // name
    if (typeof p.nameAs !== 'string' || p.nameAs.trim() === '' || /[/%\s]/.test(p.nameAs)) {
      found.add(
        'name.as',
        p.nameAs,
        'the exposed metric name must be non-empty, without "/", "%" or spaces (it is a URL path segment)',
        'e.g. "rlm_active_agents"',
      );
    }
    if (p.nameMatches !== undefined) {
      const err = goRegexpError(p.nameMatches);
      if (err)
        found.add(
          'name.matches',
          p.nameMatches,
          `not a Go regexp: ${err}`,
          'write an RE2 regular expression such as ^rlm_active_agents$',
        );
    }
    const seriesName = this.seriesName;
    if (seriesName !== undefined && found.length === 0) {
      const exposed = this.exposedNameFor(seriesName);
      if (exposed === undefined) {
        found.add(
          'name.matches',
          p.nameMatches,
          `does not match the series "${seriesName}", so the adapter exposes nothing`,
          `e.g. "^${seriesName}$"`,
        );
      } else if (exposed === '') {
        found.add(
          'name.as',
          p.nameAs,
          `expands to an empty name for the series "${seriesName}"`,
          'reference a capture group of name.matches that matches',
        );
      }
    }

    // metricsQuery: a template of known fields, and PromQL once filled in.
    const filled = fillMetricsQuery(p.metricsQuery, sampleTemplateValues(this));
    for (const e of filled.errors)
      found.add('metricsQuery', p.metricsQuery, e, 'use only <<.Series>>, <<.LabelMatchers>> and <<.GroupBy>>');
    if (filled.errors.length === 0) {
      if (!p.metricsQuery.includes('<<.LabelMatchers>>')) {
        found.add(
          'metricsQuery',
          p.metricsQuery,
          'the query ignores <<.LabelMatchers>>, so every pod, object or namespace would get the same value',
          'select with {<<.LabelMatchers>>}, e.g. sum(<<.Series>>{<<.LabelMatchers>>}) by (<<.GroupBy>>)',
        );
      }
      for (const d of checkPromQL(filled.text, { prometheusVersion })) {
        found.add(
          'metricsQuery',
          p.metricsQuery,
          `${d.message} (at ${d.line}:${d.column} of the filled-in query ${filled.text})`,
          'make the filled-in query PromQL that Prometheus accepts',
        );
      }
    }
    return found.problems;
  }
}

/** The metric name a series selector selects, if it names one. */
export function seriesNameOf(selector: string): string | undefined {
  const ast = analyzePromQL(selector).ast;
  if (ast?.kind !== 'vector') return undefined;
  if (ast.name) return ast.name;
  const eq = ast.matchers.find((m) => m.name === '__name__' && m.op === '=');
  return eq?.value;
}

/**
 * Sample template values for checking a rule: two pods of a namespace (custom rules, as the adapter asks for
 * a pods metric) or a namespace (external rules).
 */
export function sampleTemplateValues(rule: AdapterRule): TemplateValues {
  const series = rule.seriesName ?? 'sample_metric';
  if (rule.props.api === 'external') {
    return {
      Series: series,
      LabelMatchers: rule.props.resources?.namespaced === false ? 'queue="sample"' : 'namespace="sample-namespace"',
      GroupBy: '',
    };
  }
  const overrides = Object.entries(rule.props.resources?.overrides ?? {});
  const object = overrides.find(([, gr]) => gr.resource !== 'namespace') ?? ['pod'];
  const label = object[0];
  return {
    Series: series,
    LabelMatchers: `namespace="sample-namespace",${label}=~"sample-1|sample-2"`,
    GroupBy: label,
  };
}

/** Fills `<<.Field>>` actions; anything else between `<<` and `>>` is reported. */
export function fillMetricsQuery(template: string, values: TemplateValues): { text: string; errors: string[] } {
  const errors: string[] = [];
  if (typeof template !== 'string' || template.trim() === '')
    return { text: '', errors: ['the metrics query is empty'] };
  const text = template.replace(/<<-?\s*([^>]*?)\s*-?>>/g, (_all, action: string) => {
    const m = /^\.(\w+)$/.exec(action);
    if (m && (TEMPLATE_FIELDS as readonly string[]).includes(m[1])) return values[m[1] as TemplateField];
    errors.push(m ? `unknown template field ".${m[1]}"` : `template action "<<${action}>>" cannot be checked here`);
    return '';
  });
  const stray = /<<|>>/.exec(text);
  if (errors.length === 0 && stray) errors.push(`unbalanced template delimiter "${stray[0]}"`);
  return { text, errors };
}

function goRegexpError(pattern: string): string | undefined {
  try {
    RE2JS.compile(pattern);
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}
