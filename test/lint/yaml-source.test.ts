import { mapScalar } from '../../src/lint/scalar-map';
import { YamlSource, decodeUtf8, loadYamlDocuments, mappingEntry, sequenceItems } from '../../src/lint/yaml-source';

function load(text: string): { source: YamlSource; docs: ReturnType<typeof loadYamlDocuments> } {
  const source = new YamlSource(text);
  return { source, docs: loadYamlDocuments(source) };
}

/** Where value offset `i` of the scalar at key `key` lands, as line:column. */
function at(text: string, key: string, i: number): string {
  const { source, docs } = load(text);
  const entry = mappingEntry(source, docs.documents[0].node, key);
  const value = (docs.documents[0].value as Record<string, string>)[key];
  const p = source.scalarPosition(entry!.value!, value, i);
  return `${p.line}:${p.column}`;
}

describe('YAML positions', () => {
  it('finds keys and values of nested mappings and sequences', () => {
    const text = 'groups:\n  - name: a\n    rules:\n      - alert: X\n        expr: up == 0\n';
    const { source, docs } = load(text);
    const groups = mappingEntry(source, docs.documents[0].node, 'groups')!.value!;
    const group = sequenceItems(source, groups)[0];
    const rule = sequenceItems(source, mappingEntry(source, group, 'rules')!.value!)[0];
    expect(source.nodePosition(mappingEntry(source, rule, 'expr')!.value!)).toEqual({ line: 5, column: 15 });
    expect(source.nodePosition(mappingEntry(source, rule, 'expr')!.key)).toEqual({ line: 5, column: 9 });
    expect(source.nodePosition(rule)).toEqual({ line: 4, column: 9 });
  });

  it('maps offsets inside plain, quoted and escaped scalars', () => {
    expect(at('expr: rate(x[5m])\n', 'expr', 5)).toBe('1:12');
    expect(at("expr: 'it''s x'\n", 'expr', 5)).toBe('1:14');
    expect(at('expr: "a\\"b c"\n', 'expr', 2)).toBe('1:11');
    expect(at('expr: "\\u00e9 x"\n', 'expr', 2)).toBe('1:15');
  });

  it('maps offsets inside literal and folded block scalars', () => {
    const literal = 'expr: |\n  sum(\n    rate(x[5m])\n  )\n';
    // value: "sum(\n  rate(x[5m])\n)\n"; offset 7 is "r" of rate
    expect(at(literal, 'expr', 7)).toBe('3:5');
    const folded = 'expr: >-\n  sum(rate(x[5m]))\n  > 0\n';
    // value: "sum(rate(x[5m])) > 0"; offset 17 is ">"
    expect(at(folded, 'expr', 17)).toBe('3:3');
    const indicator = 'expr: |2\n    a\n   b\n';
    expect(at(indicator, 'expr', 2)).toBe('2:5');
  });

  it('maps offsets in multi-line plain and double-quoted scalars (folding)', () => {
    expect(at('expr: sum(x)\n  / count(x)\n', 'expr', 9)).toBe('2:5');
    expect(at('expr: "sum(x)\n  / count(x)"\n', 'expr', 9)).toBe('2:5');
    expect(at('expr: "sum(x) \\\n  / count(x)"\n', 'expr', 9)).toBe('2:5');
  });

  it('gives up alignment when the value is not the source and falls back to the start', () => {
    expect(mapScalar('x: abc', 3, 'xyz')).toBeUndefined();
  });

  it('reads every document and recovers documents around a broken one', () => {
    expect(load('a: 1\n---\nb: 2\n---\nc: 3\n').docs.documents.map((d) => d.value)).toEqual([
      { a: '1' },
      { b: '2' },
      { c: '3' },
    ]);
    const broken = load('a: 1\n---\nb: [\n---\nc: 3\n').docs;
    expect(broken.documents.map((d) => d.value)).toEqual([{ a: '1' }, { c: '3' }]);
    expect(broken.errors).toHaveLength(1);
  });

  it('loads every scalar as text, as Go does for string fields, and supports merge keys', () => {
    const { docs } = load('a: 1\nb: true\nc: 1.50\nbase: &b {x: "1"}\nd:\n  <<: *b\n  y: null\n');
    expect(docs.documents[0].value).toEqual({
      a: '1',
      b: 'true',
      c: '1.50',
      base: { x: '1' },
      d: { x: '1', y: 'null' },
    });
  });

  it('refuses documents that expand aliases excessively (billion laughs)', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      lines.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const { docs } = load(lines.join('\n'));
    expect(docs.documents).toEqual([]);
    expect(docs.errors[0].message).toBe('document contains excessive aliasing');
  });

  it('refuses nesting deeper than 100 levels without overflowing the stack', () => {
    const { docs } = load(`${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    expect(docs.errors[0].message).toMatch(/nesting exceeded maxDepth|nests too deeply/);
  });

  it('decodes UTF-8 and refuses binary or non-UTF-8 bytes with the offending offset', () => {
    expect(decodeUtf8(Buffer.from('\ufeffa: é\n'))).toEqual({ text: 'a: é\n' });
    expect(decodeUtf8(Buffer.from([0x61, 0x3a, 0x20, 0xe9, 0x0a]))).toMatchObject({
      byteOffset: 3,
      error: expect.stringMatching(/UTF-8/),
    });
    expect(decodeUtf8(Buffer.from([0x61, 0x00, 0x62]))).toMatchObject({
      byteOffset: 1,
      error: expect.stringMatching(/binary/),
    });
    expect(decodeUtf8(Buffer.from([0xff, 0xfe, 0x61, 0x00]))).toMatchObject({
      error: expect.stringMatching(/binary|UTF-16/),
    });
  });

  it('counts columns in code points', () => {
    const source = new YamlSource('a: "😀x"\n');
    expect(source.position(6)).toEqual({ line: 1, column: 6 });
  });
});
