/**
 * amtool (Alertmanager 0.25, Debian package prometheus-alertmanager), the oracle for Alertmanager configs:
 * required under CI=true, skipped elsewhere with a printed reason when missing.
 */
import { spawnSync } from 'child_process';

let cached: string | null | undefined;

/** The amtool command, or null when it is not installed (and CI is not 'true'). */
export function findAmtool(): string | null {
  if (cached !== undefined) return cached;
  const probe = spawnSync('amtool', ['--version'], { encoding: 'utf8' });
  if (probe.status === 0) {
    cached = 'amtool';
  } else if (process.env.CI === 'true') {
    throw new Error('amtool is required under CI=true but was not found: install the Debian package "prometheus-alertmanager"');
  } else {
    console.log('SKIPPED: amtool not found on PATH; install the Debian package "prometheus-alertmanager" to run the amtool tests');
    cached = null;
  }
  return cached;
}

/** `it` when amtool is available, `it.skip` otherwise. */
export const itWithAmtool = (name: string, fn: (amtool: string) => void, timeout?: number): void => {
  const amtool = findAmtool();
  (amtool ? it : it.skip)(name, () => fn(amtool as string), timeout);
};

/** Runs amtool with an argv array (never a shell string). */
export function runAmtool(args: string[]): { status: number; stdout: string; output: string } {
  const r = spawnSync('amtool', args, { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  return { status: r.status ?? -1, stdout: r.stdout ?? '', output: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

/**
 * The receivers `amtool config routes test` resolves a label set to, comma-separated in routing order.
 * Labels are passed as `name="value"` matchers, quoted the way amtool unquotes them.
 */
export function amtoolRoutesTest(configFile: string, labels: Readonly<Record<string, string>>): { status: number; receivers: string; output: string } {
  const args = ['--no-version-check', 'config', 'routes', 'test', `--config.file=${configFile}`, ...Object.entries(labels).map(([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`)];
  const r = runAmtool(args);
  return { status: r.status, receivers: r.stdout.trim(), output: r.output };
}
