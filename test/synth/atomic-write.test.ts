import * as fs from 'fs';
import * as path from 'path';
import { writeDirectoryAtomically } from '../../src/synth';
import { tempDir } from '../support/synth';

describe('writeDirectoryAtomically: permissions', () => {
  const modeOf = (p: string): number => fs.statSync(p).mode & 0o777;

  it.each([
    [0o022, 0o755],
    [0o002, 0o775],
    [0o077, 0o700],
  ])('the output directory follows the umask %o (mode %o), as mkdir would make it', (umask, expected) => {
    const previous = process.umask(umask);
    try {
      const out = path.join(tempDir(), 'dist');
      writeDirectoryAtomically(out, new Map([['rules/a.rules.yaml', 'groups: []\n']]));
      expect(modeOf(out)).toBe(expected);
      expect(modeOf(path.join(out, 'rules'))).toBe(expected);
      // Replacing an existing directory keeps honouring it.
      writeDirectoryAtomically(out, new Map([['b.yaml', 'x: 1\n']]));
      expect(modeOf(out)).toBe(expected);
      expect(fs.readdirSync(path.dirname(out))).toEqual(['dist']);
    } finally {
      process.umask(previous);
    }
  });
});
