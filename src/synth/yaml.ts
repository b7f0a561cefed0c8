/**
 * YAML output: one formatting for every file, so output is byte-stable and diffs stay small.
 */
import { stringify } from 'yaml';

/** Serializes one document: 2-space indent, no line folding, strings quoted only where YAML needs it. */
export function toYaml(value: unknown): string {
  return stringify(value, { indent: 2, lineWidth: 0, minContentWidth: 0, aliasDuplicateObjects: false });
}

/** Serializes documents separated by `---`, as kubectl reads them. */
export function toYamlDocuments(values: readonly unknown[]): string {
  return values.map(toYaml).join('---\n');
}
