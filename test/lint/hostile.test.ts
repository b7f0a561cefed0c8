/**
 * Hostile input: every case ends with a diagnostic or a clear error, quickly (the jest timeout would catch a
 * hang), never an exception.
 */
import * as fs from 'fs';
import * as path from 'path';
import { lintPaths, lintSources } from '../../src/lint';
import { tempDir } from '../support/synth';
import { brief, lintText } from './helpers';

const bytes = (content: Uint8Array): string[] => brief(lintSources([{ path: 'x.yaml', content }], { threads: 1 }));

describe('hostile files', () => {
  it('alias bombs (billion laughs) are refused as Prometheus refuses them', () => {
    const lines = ['groups: &a [x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 12; i++)
      lines.push(
        `l${i}: &${String.fromCharCode(97 + i)} [${Array(9)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(', ')}]`,
      );
    expect(brief(lintText(lines.join('\n')))).toEqual([
      expect.stringMatching(/^\d+:\d+ error yaml\/structure YAML: document contains excessive aliasing$/),
    ]);
  });

  it('deep nesting is refused without exhausting the stack', () => {
    expect(brief(lintText(`groups: ${'['.repeat(50_000)}`))[0]).toMatch(
      /^1:\d+ error yaml\/structure YAML: nesting exceeded maxDepth/,
    );
    const deepExpr = `groups:\n- name: a\n  rules:\n  - record: a:b:c\n    expr: ${'('.repeat(5000)}up${')'.repeat(5000)}\n`;
    expect(lintText(deepExpr).summary.rules).toBe(1);
  });

  it('binary junk and non-UTF-8 files are refused with the offending byte', () => {
    const junk = Buffer.alloc(4096);
    for (let i = 0; i < junk.length; i++) junk[i] = (i * 7919) % 256;
    expect(bytes(junk)).toEqual([
      '1:1 error yaml/structure cannot read the file: a binary file (it holds NUL bytes), not YAML (byte 0)',
    ]);
    expect(bytes(Buffer.from('groups:\n- name: caf\xe9\n', 'latin1'))).toEqual([
      '2:12 error yaml/structure cannot read the file: not valid UTF-8; rule files must be UTF-8 (byte 19)',
    ]);
    expect(bytes(Buffer.from('a: "\x07"\n'))[0]).toMatch(/^1:\d+ error yaml\/structure YAML: /);
  });

  it('huge inputs: files past the size limit are refused, long lines and many documents are read', () => {
    const dir = tempDir('wk-lint-hostile-');
    fs.writeFileSync(path.join(dir, 'big.yaml'), `groups: []\n# ${'x'.repeat(2048)}\n`);
    expect(lintPaths([dir], { cwd: dir, maxFileBytes: 1024 }).problems).toEqual([
      'big.yaml: 0.0 MB, larger than the 0 MB lint reads; not a rule file?',
    ]);
    expect(brief(lintText(`groups: []\nx: ${'y'.repeat(5_000_000)}\n`))).toEqual([
      '2:1 error yaml/structure field x not found in type rulefmt.RuleGroups',
    ]);
    const docs = Array.from(
      { length: 5000 },
      (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c${i}}`,
    ).join('\n---\n');
    expect(lintText(docs).diagnostics).toEqual([]);
  });

  it('a file that is not a rule file at all is one diagnostic', () => {
    expect(brief(lintText('{{ .Values.rules | toYaml }}\n'))).toEqual([
      '1:1 error yaml/structure a mapping used as a mapping key: not a rule file (an unrendered template?)',
    ]);
    expect(brief(lintText('groups:\n  - name: {{ .Values.name }}\n'))).toEqual([
      '2:11 error yaml/structure Groupname must not be empty',
      '2:11 error yaml/structure name must be a single value, got a mapping',
    ]);
  });
});
