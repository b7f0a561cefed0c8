/**
 * Reading YAML fast and still knowing where everything is.
 *
 * js-yaml's loader is several times faster than the `yaml` package's Document API on big rule files, but
 * returns plain values without positions. Its `listener` option reports every node it opens and closes with
 * the reader's offset; from those events this module builds a light tree of {@link YNode}s (offsets, kind,
 * children, scalar text) beside the values, which the checks walk in step with the values to find where a
 * field sits. Offsets become lines and columns only for the findings that need them.
 *
 * Scalars load with the failsafe schema (every scalar a string, as Go decodes them into Prometheus's string
 * fields), plus `<<` merge keys. Anchors and aliases are counted so that a document expanding aliases
 * excessively (a "billion laughs" file) is refused, as Prometheus's YAML library refuses it.
 */
import * as jsyaml from 'js-yaml';
import { mapScalar } from './scalar-map';

/** What a node is. `alias` is `*name`; `empty` a missing value. */
export type YNodeKind = 'empty' | 'scalar' | 'mapping' | 'sequence' | 'alias';

/** A node of a file's position tree: an index into its {@link YamlTree}. */
export type YNode = number;

const KINDS: readonly YNodeKind[] = ['empty', 'scalar', 'mapping', 'sequence', 'alias'];

/**
 * The position tree of a file, as parallel arrays (a few large arrays instead of a million small objects,
 * which keeps the garbage collector out of the way on big files). Children are linked first-child /
 * next-sibling; a node is closed after its children, so ids grow from leaves to roots.
 */
export class YamlTree {
  private opens = new Int32Array(1024);
  private closes = new Int32Array(1024);
  private kinds = new Uint8Array(1024);
  private firstChildren = new Int32Array(1024);
  private nextSiblings = new Int32Array(1024);
  private readonly values: Array<string | undefined> = [];
  private count = 0;

  /** Adds a node whose children (already added) start at `firstChild` (-1 for none); returns its id. */
  add(open: number, close: number, kind: YNodeKind, firstChild: number, value: string | undefined): YNode {
    if (this.count === this.opens.length) this.grow();
    const id = this.count++;
    this.opens[id] = open;
    this.closes[id] = close;
    this.kinds[id] = KINDS.indexOf(kind);
    this.firstChildren[id] = firstChild;
    this.nextSiblings[id] = -1;
    this.values.push(value);
    return id;
  }

  /** Links `next` after `prev` among siblings. */
  link(prev: YNode, next: YNode): void {
    this.nextSiblings[prev] = next;
  }

  /** Where the loader started reading the node: its content follows after spaces, comments, tag and anchor. */
  open(n: YNode): number {
    return this.opens[n];
  }

  /** Offset after the node (after trailing spaces and comments for some kinds). */
  close(n: YNode): number {
    return this.closes[n];
  }

  kind(n: YNode): YNodeKind {
    return KINDS[this.kinds[n]];
  }

  /** A scalar's value. */
  value(n: YNode): string | undefined {
    return this.values[n];
  }

  firstChild(n: YNode): YNode {
    return this.firstChildren[n];
  }

  nextSibling(n: YNode): YNode {
    return this.nextSiblings[n];
  }

  /** A node's children: mapping keys and values in source order (possibly with empty nodes), sequence items. */
  children(n: YNode): YNode[] {
    const out: YNode[] = [];
    for (let c = this.firstChildren[n]; c >= 0; c = this.nextSiblings[c]) out.push(c);
    return out;
  }

  private grow(): void {
    const size = this.opens.length * 2;
    const copy = <T extends Int32Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(size);
      b.set(a);
      return b;
    };
    this.opens = copy(this.opens, (n) => new Int32Array(n));
    this.closes = copy(this.closes, (n) => new Int32Array(n));
    this.kinds = copy(this.kinds, (n) => new Uint8Array(n));
    this.firstChildren = copy(this.firstChildren, (n) => new Int32Array(n));
    this.nextSiblings = copy(this.nextSiblings, (n) => new Int32Array(n));
  }
}

/** One YAML document: its value and position tree root. */
export interface YamlDocument {
  readonly value: unknown;
  readonly node: YNode;
  /** 0-based index in the file. */
  readonly index: number;
}

/** A YAML error: message and offset. */
export interface YamlError {
  readonly message: string;
  readonly offset: number;
}

/** The documents of a file and the errors that kept others from loading. */
export interface YamlLoad {
  readonly documents: YamlDocument[];
  readonly errors: YamlError[];
}

/** Limits on what a file may make the loader do. */
export interface YamlLimits {
  /** Deepest nesting of collections. @default 100 */
  readonly maxDepth?: number;
}

const jsyamlTypes = (jsyaml as unknown as { types: { merge: jsyaml.Type } }).types;
const SCHEMA = jsyaml.FAILSAFE_SCHEMA.extend({ implicit: [jsyamlTypes.merge] });

/** js-yaml's loader state, with the fields the listener reads. */
interface LoaderState {
  readonly position: number;
  readonly kind: string | null;
  readonly result: unknown;
  readonly anchor?: string | null;
}

/**
 * Loads every document of a source's text, filling its position tree. When the file as a whole does not
 * load, each `---`-separated part is loaded on its own so that the documents before and after a broken one
 * are still checked.
 */
export function loadYamlDocuments(source: YamlSource, limits: YamlLimits = {}): YamlLoad {
  const text = source.text;
  const whole = loadPart(source, 0, text.length, limits);
  if (whole.error === undefined) return { documents: whole.documents, errors: [] };
  const parts = splitDocuments(text);
  if (parts.length <= 1) return { documents: [], errors: [whole.error] };
  const documents: YamlDocument[] = [];
  const errors: YamlError[] = [];
  for (const [from, to] of parts) {
    const part = loadPart(source, from, to, limits);
    if (part.error) errors.push(part.error);
    else for (const d of part.documents) documents.push({ ...d, index: documents.length });
  }
  return { documents, errors };
}

/** Offsets of the parts between `---` / `...` lines. */
function splitDocuments(text: string): Array<[number, number]> {
  const parts: Array<[number, number]> = [];
  const marker = /^(?:---|\.\.\.)(?=[ \t\r\n]|$)/gm;
  let from = 0;
  for (let m = marker.exec(text); m !== null; m = marker.exec(text)) {
    if (m.index > from) parts.push([from, m.index]);
    from = m[0] === '...' ? m.index + 3 : m.index;
    marker.lastIndex = m.index + 3;
  }
  if (from < text.length) parts.push([from, text.length]);
  return parts.filter(([a, b]) =>
    /[^\s]/.test(
      text
        .slice(a, b)
        .replace(/^(?:---|\.\.\.)/, '')
        .replace(/#[^\n]*/g, ''),
    ),
  );
}

interface PartLoad {
  readonly documents: YamlDocument[];
  readonly error?: YamlError;
}

/** Excessive aliasing, as go-yaml v3 decides it (decoder.go, allowedAliasRatio). */
function excessiveAliasing(decoded: number, viaAlias: number): boolean {
  if (viaAlias <= 100 || decoded <= 1000) return false;
  const low = 400_000;
  const high = 4_000_000;
  const allowed = decoded <= low ? 0.99 : decoded >= high ? 0.1 : 0.99 - 0.89 * ((decoded - low) / (high - low));
  return viaAlias / decoded > allowed;
}

function loadPart(source: YamlSource, from: number, to: number, limits: YamlLimits): PartLoad {
  const text = source.text;
  const tree = source.tree;
  const input = from === 0 && to === text.length ? text : text.slice(from, to);
  // Open nodes: where each started, and its first and last child so far.
  const opens: number[] = [];
  const firsts: number[] = [];
  const lasts: number[] = [];
  let first = -1;
  let last = -1;
  const values: unknown[] = [];
  // Alias accounting (expanded size of each node), only when the text can define anchors at all.
  const counting = input.includes('&');
  const weights = new Map<number, number>();
  const anchorWeights = new Map<string, number>();
  let viaAlias = 0;
  let aliasError: YamlError | undefined;

  const listener = (event: 'open' | 'close', state: LoaderState): void => {
    if (event === 'open') {
      opens.push(state.position);
      firsts.push(first);
      lasts.push(last);
      first = -1;
      last = -1;
      return;
    }
    const kind = state.kind;
    const result = state.result;
    const open = opens.pop() as number;
    const nodeKind: YNodeKind =
      kind === 'scalar'
        ? 'scalar'
        : kind === 'mapping'
          ? 'mapping'
          : kind === 'sequence'
            ? 'sequence'
            : result === null || result === undefined
              ? 'empty'
              : 'alias';
    const id = tree.add(
      open + from,
      state.position + from,
      nodeKind,
      first,
      kind === 'scalar' && typeof result === 'string' ? result : undefined,
    );
    if (counting) {
      let weight = 1;
      if (nodeKind === 'alias') {
        weight = anchorWeights.get(aliasName(input, open)) ?? 1;
        viaAlias += weight;
      } else for (let c = first; c >= 0; c = tree.nextSibling(c)) weight += weights.get(c) ?? 1;
      weights.set(id, weight);
      if (state.anchor) anchorWeights.set(state.anchor, weight);
      if (aliasError === undefined && weight > 1000 && excessiveAliasing(weight, viaAlias)) {
        aliasError = { message: 'document contains excessive aliasing', offset: open + from };
      }
    }
    first = firsts.pop() as number;
    last = lasts.pop() as number;
    if (last >= 0) tree.link(last, id);
    else first = id;
    last = id;
  };

  try {
    jsyaml.loadAll(input, (doc) => values.push(doc), {
      schema: SCHEMA,
      json: false,
      listener: listener as unknown as jsyaml.LoadOptions['listener'],
      ...({ maxDepth: limits.maxDepth ?? 100 } as object),
    });
  } catch (e) {
    return { documents: [], error: toYamlError(e, from) };
  }
  if (aliasError) return { documents: [], error: aliasError };
  const roots: YNode[] = [];
  for (let c = first; c >= 0; c = tree.nextSibling(c)) roots.push(c);
  const documents = values.map((value, index) => ({
    value,
    node: roots[index] ?? tree.add(from, from, 'empty', -1, undefined),
    index,
  }));
  return { documents };
}

function toYamlError(e: unknown, from: number): YamlError {
  if (e instanceof jsyaml.YAMLException) {
    const mark = (e as jsyaml.YAMLException & { mark?: jsyaml.Mark }).mark;
    return { message: e.reason || e.message, offset: (mark?.position ?? 0) + from };
  }
  if (e instanceof RangeError) return { message: 'the document nests too deeply to read', offset: from };
  throw e;
}

/** The name of the alias whose node opened at `open` in `input`. */
function aliasName(input: string, open: number): string {
  const star = input.indexOf('*', open);
  if (star < 0) return '';
  let end = star + 1;
  while (end < input.length && !/[\s,[\]{}]/.test(input[end])) end++;
  return input.slice(star + 1, end);
}

/** A position in a file: 1-based line, 1-based column in code points. */
export interface FilePosition {
  readonly line: number;
  readonly column: number;
}

/** A file's text with lazily built line index; turns offsets and nodes into positions. */
export class YamlSource {
  private lineStarts?: Int32Array;
  /** The position tree, filled by {@link loadYamlDocuments}. */
  readonly tree = new YamlTree();

  constructor(readonly text: string) {}

  /** The line and column of an offset. */
  position(offset: number): FilePosition {
    const starts = this.lines();
    const at = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= at) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: codePoints(this.text, starts[lo], at) + 1 };
  }

  /** The 1-based line of an offset. */
  line(offset: number): number {
    return this.position(offset).line;
  }

  /** Offset of the first character of line `line` (1-based). */
  lineStart(line: number): number {
    const starts = this.lines();
    return starts[Math.max(0, Math.min(line - 1, starts.length - 1))];
  }

  /** Number of lines. */
  get lineCount(): number {
    return this.lines().length;
  }

  /** Where a node's content starts: after spaces, line breaks, comments and `!tag` / `&anchor` properties. */
  contentStart(node: YNode): number {
    const t = this.text;
    let p = this.tree.open(node);
    for (;;) {
      const c = t.charCodeAt(p);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0xfeff) p++;
      else if (c === 0x23 /* # */) while (p < t.length && t.charCodeAt(p) !== 0x0a) p++;
      else if (c === 0x21 /* ! */ || c === 0x26 /* & */) p = skipToken(t, p);
      else return p;
    }
  }

  /** Position of a node's content. */
  nodePosition(node: YNode): FilePosition {
    return this.position(this.contentStart(node));
  }

  /**
   * Position of the character at `offset` in a scalar's value (`value` as loaded). Falls back to the
   * scalar's start when the value cannot be aligned with its source.
   */
  scalarPosition(node: YNode, value: string, offset: number): FilePosition {
    const start = this.contentStart(node);
    if (offset <= 0) return this.position(start);
    const map = this.scalarMap(node, start, value);
    if (!map) return this.position(start);
    return this.position(map[Math.min(offset, value.length)]);
  }

  private cachedMap?: { node: YNode; map: Int32Array | undefined };

  private scalarMap(node: YNode, start: number, value: string): Int32Array | undefined {
    if (this.cachedMap?.node === node) return this.cachedMap.map;
    const map = mapScalar(this.text, start, value);
    this.cachedMap = { node, map };
    return map;
  }

  private lines(): Int32Array {
    if (!this.lineStarts) {
      const t = this.text;
      let n = 1;
      for (let i = t.indexOf('\n'); i >= 0; i = t.indexOf('\n', i + 1)) n++;
      const starts = new Int32Array(n);
      let k = 1;
      for (let i = t.indexOf('\n'); i >= 0; i = t.indexOf('\n', i + 1)) starts[k++] = i + 1;
      this.lineStarts = starts;
    }
    return this.lineStarts;
  }
}

function skipToken(t: string, p: number): number {
  while (p < t.length && !/[\s]/.test(t[p])) p++;
  return p;
}

/** Code points in `text.slice(from, to)`. */
function codePoints(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff && i > from) {
      const prev = text.charCodeAt(i - 1);
      if (prev >= 0xd800 && prev <= 0xdbff) continue;
    }
    n++;
  }
  return n;
}

/** The key and value nodes of `key` in a mapping node, if the tree shows them. */
export function mappingEntry(
  source: YamlSource,
  mapping: YNode | undefined,
  key: string,
): { key: YNode; value?: YNode } | undefined {
  const tree = source.tree;
  if (mapping === undefined || tree.kind(mapping) !== 'mapping') return undefined;
  for (let k = tree.firstChild(mapping); k >= 0; k = tree.nextSibling(k)) {
    if (tree.value(k) === key && isKey(source, k)) {
      const v = tree.nextSibling(k);
      return { key: k, value: v >= 0 ? v : undefined };
    }
  }
  return undefined;
}

/** Every key of a mapping node with its value node, in one pass. */
export function mappingEntries(
  source: YamlSource,
  mapping: YNode | undefined,
): Map<string, { key: YNode; value?: YNode }> {
  const out = new Map<string, { key: YNode; value?: YNode }>();
  const tree = source.tree;
  if (mapping === undefined || tree.kind(mapping) !== 'mapping') return out;
  for (let k = tree.firstChild(mapping); k >= 0; k = tree.nextSibling(k)) {
    const key = tree.value(k);
    if (key === undefined || out.has(key) || !isKey(source, k)) continue;
    const v = tree.nextSibling(k);
    out.set(key, { key: k, value: v >= 0 ? v : undefined });
    if (v >= 0) k = v;
  }
  return out;
}

/** Whether a scalar node is a mapping key: a `:` follows it. */
function isKey(source: YamlSource, node: YNode): boolean {
  const text = source.text;
  let p = source.tree.close(node);
  while (p < text.length && (text.charCodeAt(p) === 0x20 || text.charCodeAt(p) === 0x09)) p++;
  return text.charCodeAt(p) === 0x3a;
}

/** The item nodes of a sequence node. */
export function sequenceItems(source: YamlSource, node: YNode | undefined): readonly YNode[] {
  return node !== undefined && source.tree.kind(node) === 'sequence' ? source.tree.children(node) : [];
}

/**
 * Decodes a file's bytes as UTF-8 text, refusing binary files and invalid UTF-8 with the offset of the
 * first offending byte. A UTF-8 byte order mark is dropped.
 */
export function decodeUtf8(bytes: Uint8Array): { text: string } | { error: string; byteOffset: number } {
  const nul = bytes.indexOf(0);
  if (nul >= 0) return { error: 'a binary file (it holds NUL bytes), not YAML', byteOffset: nul };
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { error: 'a UTF-16 file; rule files must be UTF-8', byteOffset: 0 };
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return { text };
  } catch {
    return { error: 'not valid UTF-8; rule files must be UTF-8', byteOffset: firstInvalidUtf8(bytes) };
  }
}

/** Offset of the first byte that does not belong to a valid UTF-8 sequence. */
function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    let n = 0;
    let min = 0;
    if (c < 0x80) {
      i++;
      continue;
    } else if (c >= 0xc2 && c <= 0xdf) {
      n = 1;
      min = 0x80;
    } else if (c >= 0xe0 && c <= 0xef) {
      n = 2;
      min = 0x800;
    } else if (c >= 0xf0 && c <= 0xf4) {
      n = 3;
      min = 0x10000;
    } else return i;
    let cp = c & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const d = b[i + k];
      if (d === undefined || (d & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (d & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return b.length;
}
