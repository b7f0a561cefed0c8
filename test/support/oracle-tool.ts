/**
 * The real tools tests compare against (promtool, amtool): required under CI=true, skipped elsewhere with a
 * printed reason when missing. They always run from argv arrays, never through a shell.
 */
import { spawnSync } from 'child_process';

/** What a run of the tool gave. */
export interface ToolRun {
  readonly status: number;
  readonly stdout: string;
  /** stdout and stderr together. */
  readonly output: string;
}

/** One oracle command. */
export interface OracleTool {
  /** The command, or null when it is not installed (and CI is not 'true'). @throws under CI=true when missing */
  find(): string | null;
  /** `it` when the tool is available, `it.skip` (with a printed reason) otherwise. */
  it(name: string, fn: (command: string) => void, timeout?: number): void;
  /** Runs the tool with `args`. */
  run(args: readonly string[]): ToolRun;
}

/** An oracle for `command`, installed by the Debian package `debianPackage`. */
export function oracleTool(command: string, debianPackage: string): OracleTool {
  let cached: string | null | undefined;
  const find = (): string | null => {
    if (cached !== undefined) return cached;
    const probe = spawnSync(command, ['--version'], { encoding: 'utf8' });
    if (probe.status === 0) {
      cached = command;
    } else if (process.env.CI === 'true') {
      throw new Error(
        `${command} is required under CI=true but was not found: install the Debian package "${debianPackage}"`,
      );
    } else {
      console.log(
        `SKIPPED: ${command} not found on PATH; install the Debian package "${debianPackage}" to run the ${command} tests`,
      );
      cached = null;
    }
    return cached;
  };
  return {
    find,
    it(name, fn, timeout) {
      const found = find();
      (found ? it : it.skip)(name, () => fn(found as string), timeout);
    },
    run(args) {
      const r = spawnSync(command, [...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      return { status: r.status ?? -1, stdout: r.stdout ?? '', output: `${r.stdout ?? ''}${r.stderr ?? ''}` };
    },
  };
}
