/**
 * docs/lint.md documents every check, with a default severity matching the code, an example that really
 * produces the check, and a fix.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as jsyaml from 'js-yaml';
import { CHECKS, resolveLintConfig, type LintConfig } from '../../src/lint';
import { lintText } from './helpers';

const doc = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'lint.md'), 'utf8');

function section(id: string): string {
  const start = doc.indexOf(`### \`${id}\``);
  if (start < 0) return '';
  const next = doc.indexOf('\n##', start + 1);
  return doc.slice(start, next < 0 ? doc.length : next);
}

describe('docs/lint.md', () => {
  it.each(CHECKS.map((c) => [c.id, c] as const))(
    'documents %s with an example that produces it and a fix',
    (id, info) => {
      const text = section(id);
      expect(text).not.toBe('');
      expect(text).toMatch(/\nFix: /);
      expect(doc).toContain(`| [\`${id}\`](#${id.replace(/[^a-z]/g, '')}) | ${info.severity} |`);
      const example = /```yaml\n([\s\S]*?)```/.exec(text)?.[1];
      expect(example).toBeDefined();
      const checks = lintText(example!, {}, 'example.yaml').diagnostics.map((d) => d.check);
      expect(checks).toContain(id);
    },
  );

  it('shows an inline-disable example that works', () => {
    const example = /```yaml\n(groups:\n {2}- name: meta[\s\S]*?)```/.exec(doc)![1];
    const checks = lintText(example).diagnostics.map((d) => d.check);
    expect(checks).not.toContain('alerts/comparison');
    expect(checks).not.toContain('rule/required');
  });

  it('shows configuration examples lint accepts', () => {
    const examples = [...doc.matchAll(/```yaml\n(lint:\n[\s\S]*?)```/g)].map((m) => m[1]);
    expect(examples.length).toBeGreaterThanOrEqual(2);
    for (const text of examples) {
      const config = (jsyaml.load(text) as { lint: LintConfig }).lint;
      expect(() => resolveLintConfig(config)).not.toThrow();
    }
  });

  it('has a GitHub Actions workflow running lint --format github', () => {
    expect(doc).toMatch(/- run: npx watchkeeper lint .* --format github/);
  });
});
