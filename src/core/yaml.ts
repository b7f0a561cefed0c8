/**
 * YAML output: one writer for every file synth writes, so output is byte-stable, diffs stay small, and every
 * YAML reader loads exactly the values we wrote.
 *
 * A plain (unquoted) scalar is typed by the reader's schema, and the schemas disagree: YAML 1.2 readers (the
 * `yaml` package, go-yaml v3) read `yes`, `09:00` and `=` as strings, while YAML 1.1 readers — PyYAML, go-yaml
 * v2, which kubectl and many operators still use — read them as true, 540 and the `value` tag (which PyYAML
 * refuses to construct), and `<<` as a merge key. So a string that any of those schemas would type as anything
 * but a string is written double-quoted.
 */
import { Document, Scalar, visit } from 'yaml';

/**
 * Plain scalars that a YAML 1.1 reader does not read as strings: PyYAML's implicit resolvers (bool, int, float,
 * merge, null, timestamp, value) plus go-yaml v2's single-letter booleans.
 */
const YAML_1_1_TYPED: readonly RegExp[] = [
  /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/,
  /^[-+]?(?:0b[0-1_]+|0[0-7_]+|(?:0|[1-9][0-9_]*)|0x[0-9a-fA-F_]+|[0-9][0-9_]*(?::[0-5]?[0-9])+)$/,
  /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?|\.[0-9_]+(?:[eE][-+]?[0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/,
  /^(?:~|null|Null|NULL|)$/,
  /^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)$/,
  /^(?:<<|=)$/,
];

/** Plain scalars that YAML 1.2's core schema does not read as strings. */
const YAML_1_2_TYPED: readonly RegExp[] = [
  /^(?:true|True|TRUE|false|False|FALSE|~|null|Null|NULL|)$/,
  /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$/,
  /^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/,
];

/**
 * Characters that must not appear raw in the output: C0 and C1 controls (tab, LF and CR aside), which YAML 1.1
 * readers refuse; U+0085, U+2028 and U+2029, which they read as line breaks (and fold, even inside quotes); byte
 * order marks and non-characters; lone surrogates.
 */
const MUST_ESCAPE =
  // eslint-disable-next-line no-control-regex -- control characters are what this pattern finds
  /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Strings whose plain or block form some reader reads differently: leading or trailing white space (trimmed
 * or read as indentation), tabs and carriage returns (refused in plain scalars by PyYAML), and characters that
 * must be escaped.
 */
const NEEDS_DOUBLE_QUOTES =
  // eslint-disable-next-line no-control-regex -- as above
  /^[^\S\n]|[^\S\n]$|[\t\r]|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]/;

/** Whether a string written as a plain scalar would be read as something else by a YAML 1.1 or 1.2 reader. */
export function isTypedAsNonString(s: string): boolean {
  return YAML_1_1_TYPED.some((re) => re.test(s)) || YAML_1_2_TYPED.some((re) => re.test(s));
}

/**
 * Serializes one document: 2-space indent, no line folding, no anchors or aliases, and strings quoted wherever
 * a YAML 1.1 or 1.2 reader would otherwise type them differently (see the module comment).
 */
export function toYaml(value: unknown): string {
  const doc = new Document(value, { version: '1.2', schema: 'core', aliasDuplicateObjects: false });
  visit(doc, {
    Scalar(_key, node: Scalar) {
      if (typeof node.value === 'string' && (isTypedAsNonString(node.value) || NEEDS_DOUBLE_QUOTES.test(node.value))) {
        node.type = Scalar.QUOTE_DOUBLE;
      }
    },
  });
  // Every string holding such a character was double-quoted above, so each raw occurrence is inside double
  // quotes, where an escape means the same character to every reader.
  return doc.toString({ indent: 2, lineWidth: 0, minContentWidth: 0 }).replace(MUST_ESCAPE, escapeChar);
}

function escapeChar(ch: string): string {
  const code = ch.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** Serializes documents separated by `---`, as kubectl reads them. */
export function toYamlDocuments(values: readonly unknown[]): string {
  return values.map(toYaml).join('---\n');
}
