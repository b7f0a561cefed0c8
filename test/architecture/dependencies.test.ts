/**
 * The layer rules of .dependency-cruiser.js catch what they are for: planted in a scratch tree shaped like
 * src/, an upward import and a cycle each fail the check, and a downward import passes. (`npm test` runs the
 * same check on src/ itself: `npm run deps`.)
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { tempDir } from '../support/synth';

const root = path.resolve(__dirname, '../..');
const depcruise = path.join(root, 'node_modules', '.bin', 'depcruise');

function cruise(files: Record<string, string>): { code: number | null; out: string } {
  const dir = tempDir();
  fs.writeFileSync(
    path.join(dir, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { module: 'commonjs', strict: true } }),
  );
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  const r = spawnSync(
    depcruise,
    ['src', '--config', path.join(root, '.dependency-cruiser.js'), '--output-type', 'err'],
    { cwd: dir, encoding: 'utf8' },
  );
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

describe('dependency rules', () => {
  it('pass a downward import (rules -> promql)', () => {
    const r = cruise({
      'src/index.ts': "export * from './rules';\n",
      'src/rules/index.ts': "import { parse } from '../promql';\nexport const rule = parse;\n",
      'src/promql/index.ts': 'export const parse = (s: string): string => s;\n',
    });
    expect(r.out).not.toMatch(/error/);
    expect(r.code).toBe(0);
  });

  it('fail an upward import (promql -> rules), naming the layer rule', () => {
    const r = cruise({
      'src/index.ts': "export * from './rules';\n",
      'src/rules/index.ts': "export const rule = 'r';\n",
      'src/promql/index.ts':
        "import { rule } from '../rules';\nexport const parse = (s: string): string => s + rule;\n",
    });
    expect(r.out).toMatch(/error layer-promql: src\/promql\/index\.ts → src\/rules\/index\.ts/);
    expect(r.code).not.toBe(0);
  });

  it('fail an import between folders of one layer (dashboards -> slo)', () => {
    const r = cruise({
      'src/index.ts': "export * from './dashboards';\n",
      'src/dashboards/index.ts': "import { slo } from '../slo';\nexport const d = slo;\n",
      'src/slo/index.ts': "export const slo = 's';\n",
    });
    expect(r.out).toMatch(/error layer-dashboards/);
    expect(r.code).not.toBe(0);
  });

  it('fail a cycle inside a folder', () => {
    const r = cruise({
      'src/index.ts': "export * from './core/a';\n",
      'src/core/a.ts': "import { b } from './b';\nexport const a = (): string => b();\n",
      'src/core/b.ts': "import { a } from './a';\nexport const b = (): string => typeof a;\n",
    });
    expect(r.out).toMatch(/error no-circular/);
    expect(r.code).not.toBe(0);
  });
});
