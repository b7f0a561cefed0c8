/**
 * amtool (Alertmanager 0.25, Debian package prometheus-alertmanager), the oracle for Alertmanager configs:
 * required under CI=true, skipped elsewhere with a printed reason when missing.
 */
import { oracleTool } from './oracle-tool';

const amtool = oracleTool('amtool', 'prometheus-alertmanager');

/** The amtool command, or null when it is not installed (and CI is not 'true'). */
export const findAmtool = (): string | null => amtool.find();
/** `it` when amtool is available, `it.skip` otherwise. */
export const itWithAmtool = (name: string, fn: (amtool: string) => void, timeout?: number): void =>
  amtool.it(name, fn, timeout);
/** Runs amtool with an argv array (never a shell string). */
export const runAmtool = (args: string[]): { status: number; stdout: string; output: string } => amtool.run(args);

/**
 * The receivers `amtool config routes test` resolves a label set to, comma-separated in routing order.
 * Labels are passed as `name="value"` matchers, quoted the way amtool unquotes them.
 */
export function amtoolRoutesTest(
  configFile: string,
  labels: Readonly<Record<string, string>>,
): { status: number; receivers: string; output: string } {
  const args = [
    '--no-version-check',
    'config',
    'routes',
    'test',
    `--config.file=${configFile}`,
    ...Object.entries(labels).map(
      ([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`,
    ),
  ];
  const r = runAmtool(args);
  return { status: r.status, receivers: r.stdout.trim(), output: r.output };
}
