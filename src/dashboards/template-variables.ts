/**
 * Grafana template variables inside queries (`$service`, `${service}`, `${service:regex}`, `[[service]]`,
 * `$__rate_interval`): finding them, and replacing them with sample values so the query can be checked as
 * Prometheus will receive it. Pure functions.
 */

const REFERENCE = /\$\{(\w+)(?:[.:][^}]*)?\}|\[\[(\w+)(?::[^\]]*)?\]\]|\$(\w+)/g;

/** A variable referenced in a text, with where it is. */
export interface VariableReference {
  readonly name: string;
  readonly from: number;
  readonly to: number;
}

/** Every template variable reference in `text`, in order. */
export function variableReferences(text: string): VariableReference[] {
  return [...text.matchAll(REFERENCE)].map((m) => ({
    name: m[1] ?? m[2] ?? m[3],
    from: m.index ?? 0,
    to: (m.index ?? 0) + m[0].length,
  }));
}

/** Whether `name` is one of Grafana's global variables (`__interval`, `__rate_interval`, `__range`, ...). */
export function isBuiltinVariable(name: string): boolean {
  return name.startsWith('__');
}

/** The sample values built-in variables get: durations where Grafana interpolates durations, numbers else. */
const BUILTIN_SAMPLES: Readonly<Record<string, string>> = {
  __interval: '1m',
  __rate_interval: '4m',
  __range: '1h',
  __auto: '1m',
  __interval_ms: '60000',
  __rate_interval_ms: '240000',
  __range_ms: '3600000',
  __range_s: '3600',
  __from: '1700000000000',
  __to: '1700003600000',
};

/**
 * `text` with each variable replaced by a sample value: built-ins by a value of the kind Grafana puts there
 * (`[$__rate_interval]` -> `[4m]`), other variables by `samples[name]` or, unknown, a placeholder that is
 * valid inside label values and as a label name.
 */
export function interpolateSamples(text: string, samples: ReadonlyMap<string, string> = new Map()): string {
  return text.replace(REFERENCE, (_m, a: string | undefined, b: string | undefined, c: string | undefined) => {
    const name = (a ?? b ?? c) as string;
    return samples.get(name) ?? BUILTIN_SAMPLES[name] ?? (isBuiltinVariable(name) ? '1' : 'sample_value');
  });
}
