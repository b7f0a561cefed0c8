/**
 * Small helpers for rendering objects deterministically: no undefined fields, keys in sorted order.
 */

/** A copy without the undefined fields, so output never holds `key: null`. */
export function omitEmpty<T extends object>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out as T;
}

/** A copy with keys in sorted order, so output never depends on declaration order. */
export function sortedCopy(r: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of Object.keys(r).sort()) out[k] = r[k];
  return out;
}

/** As sortedCopy, but undefined for a missing or empty record (a field to leave out of the output). */
export function sortedRecord(r: Readonly<Record<string, string>> | undefined): Record<string, string> | undefined {
  return r && Object.keys(r).length > 0 ? sortedCopy(r) : undefined;
}

/**
 * Labels of a `with()` copy: the changes' labels merged over the original's (a change wins per key). Every
 * value's `with()` merges labels this way; undefined when neither has labels.
 */
export function mergeLabels(
  base: Readonly<Record<string, string>> | undefined,
  changes: Readonly<Record<string, string>> | undefined,
): Record<string, string> | undefined {
  return base === undefined && changes === undefined ? undefined : { ...base, ...changes };
}
