/**
 * promtool, the oracle: required under CI=true, skipped elsewhere with a printed reason when missing.
 */
import { spawnSync } from 'child_process';

let cached: string | null | undefined;

/** The promtool command, or null when it is not installed (and CI is not 'true'). */
export function findPromtool(): string | null {
  if (cached !== undefined) return cached;
  const probe = spawnSync('promtool', ['--version'], { encoding: 'utf8' });
  if (probe.status === 0) {
    cached = 'promtool';
  } else if (process.env.CI === 'true') {
    throw new Error('promtool is required under CI=true but was not found: install the Debian package "prometheus"');
  } else {
    console.log('SKIPPED: promtool not found on PATH; install the Debian package "prometheus" to run the promtool tests');
    cached = null;
  }
  return cached;
}

/** `it` when promtool is available, `it.skip` otherwise. */
export const itWithPromtool = (name: string, fn: (promtool: string) => void, timeout?: number): void => {
  const promtool = findPromtool();
  (promtool ? it : it.skip)(name, () => fn(promtool as string), timeout);
};

/** Runs promtool with an argv array (never a shell string). */
export function runPromtool(args: string[]): { status: number; output: string } {
  const r = spawnSync('promtool', args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status ?? -1, output: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}
