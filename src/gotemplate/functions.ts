/**
 * The functions a Prometheus alert template may call: Go's text/template builtins and Prometheus's own
 * (`template/template.go`), with their parameters and the release that added them.
 */
import { isAtLeast, parsePrometheusVersion, type PrometheusVersion } from '../promql/version';

/** What a parameter accepts, as far as the checker can tell from literals: a string, or anything. */
export type TemplateParamKind = 'string' | 'any';

/** One function of the template function table. */
export interface TemplateFunction {
  readonly name: string;
  /** `go`: a text/template builtin; `prometheus`: from Prometheus's template package. */
  readonly origin: 'go' | 'prometheus';
  /** Fixed parameters, in order. */
  readonly params: readonly TemplateParamKind[];
  /** Kind of the further arguments a variadic function takes; absent when it takes exactly `params`. */
  readonly variadic?: TemplateParamKind;
  /** Fewest arguments, when more than `params.length` are needed (`eq` needs two). */
  readonly minArgs?: number;
  /** Most arguments of a variadic function, when limited (`slice` takes at most three indexes). */
  readonly maxArgs?: number;
  /** First Prometheus release with the function (`major.minor`); absent: every 2.x and 3.x release. */
  readonly since?: string;
}

const S: TemplateParamKind = 'string';
const A: TemplateParamKind = 'any';

function go(name: string, params: readonly TemplateParamKind[], more?: Partial<TemplateFunction>): TemplateFunction {
  return { name, origin: 'go', params, ...more };
}

function prom(name: string, params: readonly TemplateParamKind[], more?: Partial<TemplateFunction>): TemplateFunction {
  return { name, origin: 'prometheus', params, ...more };
}

/**
 * Every function any supported release has. Prometheus 2.42 (checked against `promtool check rules` 2.42)
 * has all but `toDuration`, `now` (3.6, prometheus/prometheus#16619) and `urlQueryEscape` (3.8, #17404).
 * `tmpl` exists only in console templates, never in rule templates.
 */
export const TEMPLATE_FUNCTIONS: readonly TemplateFunction[] = [
  // Go text/template builtins (Go 1.19+).
  go('and', [A], { variadic: A }),
  go('or', [A], { variadic: A }),
  go('not', [A]),
  go('len', [A]),
  go('index', [A], { variadic: A }),
  go('slice', [A], { variadic: A, maxArgs: 4 }),
  go('print', [], { variadic: A }),
  go('printf', [S], { variadic: A }),
  go('println', [], { variadic: A }),
  go('html', [], { variadic: A }),
  go('js', [], { variadic: A }),
  go('urlquery', [], { variadic: A }),
  go('eq', [A], { variadic: A, minArgs: 2 }),
  go('ne', [A, A]),
  go('lt', [A, A]),
  go('le', [A, A]),
  go('gt', [A, A]),
  go('ge', [A, A]),
  go('call', [A], { variadic: A }),
  // Prometheus: queries.
  prom('query', [S]),
  prom('first', [A]),
  prom('label', [S, A]),
  prom('value', [A]),
  prom('strvalue', [A]),
  prom('sortByLabel', [S, A]),
  // Prometheus: numbers and times.
  prom('humanize', [A]),
  prom('humanize1024', [A]),
  prom('humanizeDuration', [A]),
  prom('humanizePercentage', [A]),
  prom('humanizeTimestamp', [A]),
  prom('toTime', [A], { since: '2.38' }),
  prom('toDuration', [A], { since: '3.6' }),
  prom('now', [], { since: '3.6' }),
  prom('parseDuration', [S]),
  // Prometheus: strings.
  prom('title', [S]),
  prom('toUpper', [S]),
  prom('toLower', [S]),
  prom('match', [S, S]),
  prom('reReplaceAll', [S, S, S]),
  prom('stripPort', [S], { since: '2.33' }),
  prom('stripDomain', [S], { since: '2.36' }),
  prom('urlQueryEscape', [S], { since: '3.8' }),
  prom('graphLink', [S]),
  prom('tableLink', [S]),
  prom('safeHtml', [S]),
  // Prometheus: others.
  prom('args', [], { variadic: A }),
  prom('pathPrefix', []),
  prom('externalURL', []),
];

const BY_NAME: ReadonlyMap<string, TemplateFunction> = new Map(TEMPLATE_FUNCTIONS.map((f) => [f.name, f]));

/** The function of that name in any release, or undefined. */
export function findTemplateFunction(name: string): TemplateFunction | undefined {
  return BY_NAME.get(name);
}

/** True when release `version` has `f`. */
export function hasFunctionIn(f: TemplateFunction, version: PrometheusVersion): boolean {
  return f.since === undefined || isAtLeast(version, f.since);
}

/** The functions release `version` (e.g. `'2.42'`) has, by name. */
export function templateFunctionsFor(version: string | PrometheusVersion): ReadonlyMap<string, TemplateFunction> {
  const v = typeof version === 'string' ? parsePrometheusVersion(version) : version;
  const key = `${v.major}.${v.minor}`;
  let table = tablesByVersion.get(key);
  if (!table) {
    table = new Map(TEMPLATE_FUNCTIONS.filter((f) => hasFunctionIn(f, v)).map((f) => [f.name, f]));
    tablesByVersion.set(key, table);
  }
  return table;
}

/** One table per release: every template of a synth asks for the same one. */
const tablesByVersion = new Map<string, ReadonlyMap<string, TemplateFunction>>();

/** Fewest and most arguments `f` takes (`max` is Infinity for open-ended variadics). */
export function templateFunctionArity(f: TemplateFunction): { min: number; max: number } {
  const min = f.minArgs ?? f.params.length;
  const max = f.variadic === undefined ? f.params.length : (f.maxArgs ?? Infinity);
  return { min, max };
}
