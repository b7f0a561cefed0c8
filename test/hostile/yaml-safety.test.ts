/**
 * YAML read by any command: no custom tags, bounded aliases, no prototype pollution from `__proto__` or
 * `constructor` keys.
 */
import { lintSources } from '../../src/lint';

const lint = (text: string) => lintSources([{ path: 'x.yaml', content: Buffer.from(text) }], { threads: 1 });

describe('YAML safety', () => {
  afterEach(() => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('__proto__ and constructor keys cannot pollute objects', () => {
    const result = lint(
      [
        '__proto__: { polluted: true }',
        'constructor: { prototype: { polluted: true } }',
        'groups:',
        '- name: g',
        '  __proto__: { polluted: true }',
        '  rules:',
        '  - alert: A',
        '    expr: up == 0',
        '    labels: { __proto__: { polluted: true }, severity: critical }',
        '',
      ].join('\n'),
    );
    expect(result.diagnostics.some((d) => d.severity === 'error')).toBe(true);
  });

  it('custom tags are refused, not executed', () => {
    const result = lint('groups: !!js/function "function () { globalThis.polluted = true }"\n');
    expect(result.diagnostics[0]).toMatchObject({ severity: 'error', check: 'yaml/structure' });
    expect((globalThis as Record<string, unknown>).polluted).toBeUndefined();
    expect(lint('groups: !custom [1]\n').diagnostics[0]).toMatchObject({ severity: 'error', check: 'yaml/structure' });
  });
});
