import * as fs from 'fs';
import * as path from 'path';
import { run } from '../../src/cli/main';

describe('watchkeeper --version and --help', () => {
  const capture = (argv: string[]): { code: number; out: string } => {
    let out = '';
    const code = run(argv, { out: (t) => (out += t), err: (t) => (out += t) });
    return { code, out };
  };

  it('prints the package version', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
      version: string;
    };
    expect(capture(['--version'])).toEqual({ code: 0, out: `${pkg.version}\n` });
  });

  it('links lint --help to the docs that ship with the package, by a path that exists', () => {
    const { out } = capture(['lint', '--help']);
    const link = /checks:\s+(\S+lint\.md)/.exec(out)?.[1] as string;
    expect(path.isAbsolute(link)).toBe(true);
    expect(fs.existsSync(link)).toBe(true);
  });
});
