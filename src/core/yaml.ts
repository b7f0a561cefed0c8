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
  const fast = fastYaml(value);
  return fast !== undefined ? fast : toYamlByDocument(value);
}

/** toYaml through the `yaml` package's document model: the reference the fast writer below must match. */
export function toYamlByDocument(value: unknown): string {
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

/**
 * The fast writer: the same bytes as toYamlByDocument for the shapes synth writes (plain objects and arrays of
 * strings, finite numbers, booleans and null at the top level of a map), without building a document; undefined
 * (the caller falls back to the document model) for anything else: other roots, other objects, control and
 * other escaped characters, strings the `yaml` package treats specially (document markers, block scalars
 * ending in white space, over-long keys).
 */
function fastYaml(value: unknown): string | undefined {
  if (!isPlainObject(value)) return undefined;
  try {
    return `${writeMap(value, '')}\n`;
  } catch (e) {
    if (e === FALL_BACK) return undefined;
    throw e;
  }
}

/** Thrown inside the fast writer for what it leaves to the document model. */
const FALL_BACK = new Error('toYaml: fall back to the document model');

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Characters the fast writer leaves to the document model (escaped, or quoted by the `yaml` package). */
// eslint-disable-next-line no-control-regex -- control characters are what this pattern finds
const FAST_UNSAFE = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]/;
/** Strings the `yaml` package will not write plain (its plainString test), one line. */
const PLAIN_REFUSED = /^[\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|:[ \t]|[\t ]#|[\t :]$/;
const DOCUMENT_MARKER = /^(?:%|---|\.\.\.)/m;

/** How a one-line string is written: plain, or its quoted form; cached, as label values repeat a lot. */
const scalarCache = new Map<string, string>();

function oneLine(s: string): string {
  let out = scalarCache.get(s);
  if (out !== undefined) return out;
  if (FAST_UNSAFE.test(s) || DOCUMENT_MARKER.test(s)) throw FALL_BACK;
  if (isTypedAsNonString(s) || NEEDS_DOUBLE_QUOTES.test(s)) out = JSON.stringify(s);
  else if (PLAIN_REFUSED.test(s)) out = s.includes('"') && !s.includes("'") ? `'${s}'` : JSON.stringify(s);
  else out = s;
  if (scalarCache.size > 100_000) scalarCache.clear();
  scalarCache.set(s, out);
  return out;
}

function writeKey(k: string): string {
  if (k.includes('\n')) throw FALL_BACK;
  const out = oneLine(k);
  if (out.length > 1024) throw FALL_BACK;
  return out;
}

/** A scalar in a block collection's value position; `indent` is the indentation of its continuation lines. */
function writeScalar(v: unknown, indent: string): string {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'boolean':
      return v ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(v) || Object.is(v, -0)) throw FALL_BACK;
      return JSON.stringify(v);
    case 'string':
      return v.includes('\n') ? blockLiteral(v, indent) : oneLine(v);
    default:
      throw FALL_BACK;
  }
}

/** A multi-line string as the `yaml` package writes it (its blockString, literal, no comment). */
function blockLiteral(value: string, indent: string): string {
  if (FAST_UNSAFE.test(value) || isTypedAsNonString(value) || NEEDS_DOUBLE_QUOTES.test(value)) throw FALL_BACK;
  if (/\n[\t ]+$/.test(value) || DOCUMENT_MARKER.test(value)) throw FALL_BACK;
  let endStart;
  for (endStart = value.length; endStart > 0; --endStart) {
    const ch = value[endStart - 1];
    if (ch !== '\n' && ch !== '\t' && ch !== ' ') break;
  }
  let end = value.substring(endStart);
  const endNlPos = end.indexOf('\n');
  let chomp: string;
  if (endNlPos === -1) chomp = '-';
  else if (value === end || endNlPos !== end.length - 1) chomp = '+';
  else chomp = '';
  if (end) {
    value = value.slice(0, -end.length);
    if (end[end.length - 1] === '\n') end = end.slice(0, -1);
    end = end.replace(/(^|(?<!\n))\n+(?!\n|$)/g, `$&${indent}`);
  }
  let startWithSpace = false;
  let startEnd;
  let startNlPos = -1;
  for (startEnd = 0; startEnd < value.length; ++startEnd) {
    const ch = value[startEnd];
    if (ch === ' ') startWithSpace = true;
    else if (ch === '\n') startNlPos = startEnd;
    else break;
  }
  let start = value.substring(0, startNlPos < startEnd ? startNlPos + 1 : startEnd);
  if (start) {
    value = value.substring(start.length);
    start = start.replace(/\n+/g, `$&${indent}`);
  }
  const header = (startWithSpace ? '2' : '') + chomp;
  return `|${header}\n${indent}${start}${value.replace(/\n+/g, `$&${indent}`)}${end}`;
}

/** A non-empty block map's lines, the first without indentation; `indent` is that of its keys. */
function writeMap(obj: Record<string, unknown>, indent: string): string {
  const inner = `${indent}  `;
  let out = '';
  let first = true;
  for (const k of Object.keys(obj)) {
    const v = obj[k];
    if (v === undefined) continue;
    const line = `${writeKey(k)}:${writeValue(v, inner)}`;
    out += first ? line : `\n${indent}${line}`;
    first = false;
  }
  return first ? '{}' : out;
}

/** What follows a key's colon: ` scalar`, ` []`, ` {}`, or the collection on the following lines. */
function writeValue(v: unknown, inner: string): string {
  if (Array.isArray(v)) return v.length === 0 ? ' []' : `\n${inner}${writeSeq(v, inner)}`;
  if (v !== null && typeof v === 'object') {
    if (!isPlainObject(v)) throw FALL_BACK;
    const m = writeMap(v, inner);
    return m === '{}' ? ' {}' : `\n${inner}${m}`;
  }
  return ` ${writeScalar(v, inner)}`;
}

/** A non-empty block sequence's lines, the first without indentation; `indent` is that of its dashes. */
function writeSeq(arr: readonly unknown[], indent: string): string {
  const inner = `${indent}  `;
  let out = '';
  for (let i = 0; i < arr.length; i++) {
    if (!(i in arr)) throw FALL_BACK;
    const v = arr[i];
    let item: string;
    if (v === undefined) throw FALL_BACK;
    if (Array.isArray(v)) item = v.length === 0 ? '[]' : writeSeq(v, inner);
    else if (v !== null && typeof v === 'object') {
      if (!isPlainObject(v)) throw FALL_BACK;
      item = writeMap(v, inner);
    } else item = writeScalar(v, inner);
    out += i === 0 ? `- ${item}` : `\n${indent}- ${item}`;
  }
  return out;
}

function escapeChar(ch: string): string {
  const code = ch.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** Serializes documents separated by `---`, as kubectl reads them. */
export function toYamlDocuments(values: readonly unknown[]): string {
  return values.map(toYaml).join('---\n');
}
