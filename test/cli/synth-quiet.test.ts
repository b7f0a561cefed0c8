import * as fs from 'fs';
import * as path from 'path';
import { synthCommand } from '../../src/cli/synth-command';
import { tempDir } from '../support/synth';

describe('watchkeeper synth --quiet', () => {
  it('asks the app to print nothing on success (WATCHKEEPER_QUIET=1, which synthApp reads)', () => {
    const dir = tempDir();
    fs.writeFileSync(
      path.join(dir, 'app.js'),
      "process.stdout.write(`quiet=${process.env.WATCHKEEPER_QUIET ?? 'unset'}`);\n",
    );
    fs.writeFileSync(path.join(dir, 'cdk8s.yaml'), 'app: node app.js\n');
    const outputs = [false, true].map((quiet) => {
      let out = '';
      expect(synthCommand({ cwd: dir, quiet }, { out: (t) => (out += t), err: (t) => (out += t) })).toBe(0);
      return out;
    });
    expect(outputs).toEqual(['quiet=unset', 'quiet=1']);
  });
});
