/**
 * YAML output: one formatting for every file, so output is byte-stable and diffs stay small.
 */
import { stringify } from 'yaml';

/**
 * Serializes one document: 2-space indent, no line folding, strings quoted where any YAML reader needs it.
 * Quoting follows YAML 1.1 (no directive is written), so `"09:00"`, `"yes"` and `"on"` stay strings for 1.1
 * readers too (PyYAML, older Go tooling), not 540 or true.
 */
export function toYaml(value: unknown): string {
  return stringify(value, { version: '1.1', indent: 2, lineWidth: 0, minContentWidth: 0, aliasDuplicateObjects: false });
}

/** Serializes documents separated by `---`, as kubectl reads them. */
export function toYamlDocuments(values: readonly unknown[]): string {
  return values.map(toYaml).join('---\n');
}
