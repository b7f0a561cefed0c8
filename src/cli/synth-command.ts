/**
 * `watchkeeper synth`: runs the app named by cdk8s.yaml's `app:` (or `--app`), as `cdk8s synth` does, with
 * the output directory passed through `CDK8S_OUTDIR` (which a WatchkeeperApp without an explicit `outdir`
 * takes) and `WATCHKEEPER_OUTDIR`; the app's synthApp reports what it wrote. The app's command is split into an argv
 * array and started without a shell.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';

/** Where commands write. */
export interface CommandIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

/** Options of `watchkeeper synth`. */
export interface SynthCommandOptions {
  /** The app command, e.g. `npx tsx main.ts`. @default cdk8s.yaml's `app:` */
  readonly app?: string;
  /** The output directory. @default cdk8s.yaml's `output:`, else `dist` */
  readonly output?: string;
  /** The project directory. @default process.cwd() */
  readonly cwd?: string;
  /** Print nothing on success (the app's synthApp reads WATCHKEEPER_QUIET=1). @default false */
  readonly quiet?: boolean;
}

/** What cdk8s.yaml says, if there is one. */
export interface Cdk8sConfig {
  readonly app?: string;
  readonly output?: string;
}

/** Reads `cdk8s.yaml` in `dir`; undefined when there is none. @throws Error when it is not YAML */
export function readCdk8sConfig(dir: string): Cdk8sConfig | undefined {
  const file = path.join(dir, 'cdk8s.yaml');
  if (!fs.existsSync(file)) return undefined;
  const doc = parse(fs.readFileSync(file, 'utf8')) as unknown;
  if (typeof doc !== 'object' || doc === null) return {};
  const d = doc as Record<string, unknown>;
  return {
    app: typeof d.app === 'string' ? d.app : undefined,
    output: typeof d.output === 'string' ? d.output : undefined,
  };
}

/**
 * Splits a command line into argv the way a POSIX shell splits plain words and quotes; refuses what needs a
 * shell (pipes, redirections, `;`, `&&`, `$`, backquotes). @throws Error naming the character
 */
export function splitCommand(command: string): string[] {
  const args: string[] = [];
  let cur = '';
  let inWord = false;
  for (let i = 0; i < command.length; i++) {
    const c = command[i];
    if (c === "'") {
      const end = command.indexOf("'", i + 1);
      if (end < 0) throw new Error('unterminated single quote');
      cur += command.slice(i + 1, end);
      i = end;
      inWord = true;
    } else if (c === '"') {
      let j = i + 1;
      for (; j < command.length && command[j] !== '"'; j++) {
        if (command[j] === '\\' && j + 1 < command.length) cur += command[++j];
        else if (command[j] === '$' || command[j] === '`')
          throw new Error(`"${command[j]}" needs a shell; write the command without it`);
        else cur += command[j];
      }
      if (j >= command.length) throw new Error('unterminated double quote');
      i = j;
      inWord = true;
    } else if (c === '\\' && i + 1 < command.length) {
      cur += command[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) args.push(cur);
      cur = '';
      inWord = false;
    } else if ('|&;<>$`(){}'.includes(c)) {
      throw new Error(`"${c}" needs a shell; write the app as one command, e.g. "npx tsx main.ts"`);
    } else {
      cur += c;
      inWord = true;
    }
  }
  if (inWord) args.push(cur);
  if (args.length === 0) throw new Error('the app command is empty');
  return args;
}

/** Runs an app command in `cwd` writing to `outdir`; returns its exit code (its output goes to io). */
export function runApp(
  app: string,
  cwd: string,
  outdir: string,
  io: CommandIo,
  env: Readonly<Record<string, string>> = {},
): number {
  const argv = splitCommand(app);
  const r = spawnSync(argv[0], argv.slice(1), {
    cwd,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, CDK8S_OUTDIR: outdir, WATCHKEEPER_OUTDIR: outdir, ...env },
  });
  if (r.error) {
    io.err(`watchkeeper synth: could not start "${argv[0]}": ${r.error.message}\n`);
    return 1;
  }
  if (r.stdout) io.out(r.stdout);
  if (r.stderr) io.err(r.stderr);
  return r.status ?? 1;
}

/** The app command and output directory for a project, from options and cdk8s.yaml. @throws Error when there is no app */
export function resolveApp(opts: SynthCommandOptions): { app: string; cwd: string; outdir: string } {
  const cwd = path.resolve(opts.cwd ?? process.cwd());
  const config = readCdk8sConfig(cwd);
  const app = opts.app ?? config?.app;
  if (!app)
    throw new Error(
      `no app to run: ${config ? 'cdk8s.yaml has no "app:"' : `no cdk8s.yaml in ${cwd}`}; pass --app "npx tsx main.ts"`,
    );
  const outdir = path.resolve(cwd, opts.output ?? config?.output ?? 'dist');
  return { app, cwd, outdir };
}

/** `watchkeeper synth`: 0 written, 1 the app failed, 2 no app to run. */
export function synthCommand(opts: SynthCommandOptions, io: CommandIo): number {
  let resolved;
  try {
    resolved = resolveApp(opts);
  } catch (e) {
    io.err(`watchkeeper synth: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  let code: number;
  try {
    code = runApp(resolved.app, resolved.cwd, resolved.outdir, io, opts.quiet ? { WATCHKEEPER_QUIET: '1' } : {});
  } catch (e) {
    io.err(`watchkeeper synth: app "${resolved.app}": ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  if (code !== 0) {
    io.err(`watchkeeper synth: the app (${resolved.app}) exited with ${code}\n`);
    return 1;
  }
  return 0;
}
