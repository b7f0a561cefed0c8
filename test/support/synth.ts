/** Synthesizing test apps into temporary directories. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { WatchkeeperApp } from '../../src';

/** A fresh temporary directory, removed by the OS eventually. */
export function tempDir(prefix = 'wk-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Every file under `dir` (relative path -> content), sorted. */
export function readTree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(path.relative(dir, p).split(path.sep).join('/'), fs.readFileSync(p, 'utf8'));
    }
  };
  walk(dir);
  return out;
}

/** Synthesizes `app` into a new temporary directory and returns it. */
export function synthToTemp(app: WatchkeeperApp): string {
  const dir = path.join(tempDir(), 'dist');
  app.synthTo(dir);
  return dir;
}
