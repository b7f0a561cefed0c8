/**
 * Ajv for Kubernetes OpenAPI schemas: their `pattern`s are Go regexes (the API server compiles them with Go's
 * regexp, e.g. `(?i)`), so patterns are compiled with re2js instead of JavaScript's RegExp.
 */
import Ajv from 'ajv';
import { RE2JS } from 're2js';

const goRegExp = (pattern: string): { test: (s: string) => boolean } => {
  const re = RE2JS.compile(pattern);
  return { test: (s: string) => re.matcher(s).find() };
};
goRegExp.code = 'goRegExp';

/** An Ajv instance for CRD openAPIV3Schemas (unknown x-kubernetes-* keywords ignored). */
export function kubernetesAjv(): Ajv {
  return new Ajv({ strict: false, allErrors: true, code: { regExp: goRegExp as never } });
}
