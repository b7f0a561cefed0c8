/**
 * `watchkeeper diff`: what a change does to monitoring, against the last synthesized output or a git ref.
 *
 *   watchkeeper diff                 the app as it is now (synthesized to a temporary folder) against dist/
 *   watchkeeper diff --ref main      the app as it is now against the app at `main`, synthesized in a
 *                                    temporary git worktree with this project's node_modules
 *   watchkeeper diff old/ new/       two output folders
 *
 * Git and the app run from argv arrays, never through a shell.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { diffOutputs, formatMarkdown, formatText } from '../diff/diff-outputs';
import { readOutput } from '../diff/output-model';
import { CommandIo, resolveApp, runApp, splitCommand } from './synth-command';

/** Options of `watchkeeper diff`. */
export interface DiffCommandOptions {
  readonly ref?: string;
  readonly format?: string;
  readonly exitCode?: boolean;
  readonly app?: string;
  readonly output?: string;
  readonly cwd?: string;
}

function git(args: readonly string[], cwd: string): { ok: boolean; out: string } {
  const r = spawnSync('git', [...args], { cwd, encoding: 'utf8' });
  return { ok: r.status === 0, out: `${r.stdout ?? ''}${r.stderr ?? ''}`.trim() };
}

/** Synthesizes the app into a new temporary folder; the folder, or undefined after printing why not. */
function synthToTemp(app: string, appDir: string, io: CommandIo, env?: { binDir?: string }): string | undefined {
  const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'watchkeeper-diff-')), 'dist');
  let command = app;
  if (env?.binDir) {
    // In a worktree without node_modules, `npx tool` would fetch the tool: run this project's copy instead.
    const argv = splitCommand(app);
    if (argv[0] === 'npx' && argv.length > 1 && fs.existsSync(path.join(env.binDir, argv[1])))
      command = [path.join(env.binDir, argv[1]), ...argv.slice(2)].map(quote).join(' ');
  }
  const quiet: CommandIo = { out: () => undefined, err: io.err };
  const code = runApp(command, appDir, outdir, quiet);
  if (code !== 0) {
    io.err(`watchkeeper diff: synthesizing ${appDir} failed (exit ${code})\n`);
    return undefined;
  }
  return outdir;
}

const quote = (s: string): string => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, '')}'`);

/** `watchkeeper diff`: 0 no changes (or changes without --exit-code), 1 changes with --exit-code, 2 usage or failure. */
export function diffCommand(dirs: readonly string[], opts: DiffCommandOptions, io: CommandIo): number {
  const format = opts.format ?? 'text';
  if (format !== 'text' && format !== 'markdown') {
    io.err(`watchkeeper diff: unknown format "${format}"; use text or markdown\n`);
    return 2;
  }
  if (dirs.length > 2 || (opts.ref && dirs.length > 1)) {
    io.err('watchkeeper diff: give two output folders, or --ref <ref> and at most one output folder\n');
    return 2;
  }
  const cwd = path.resolve(opts.cwd ?? process.cwd());
  const cleanup: Array<() => void> = [];
  try {
    let before: string;
    let after: string;
    let title: string;
    if (dirs.length === 2 && !opts.ref) {
      [before, after] = dirs.map((d) => path.resolve(cwd, d));
      title = `Monitoring changes ${dirs[0]} -> ${dirs[1]}`;
    } else {
      let resolved;
      try {
        resolved = resolveApp({ app: opts.app, output: opts.output, cwd });
      } catch (e) {
        io.err(`watchkeeper diff: ${e instanceof Error ? e.message : String(e)}\n`);
        return 2;
      }
      const current = dirs.length === 1 ? path.resolve(cwd, dirs[0]) : synthToTemp(resolved.app, cwd, io);
      if (!current) return 2;
      if (dirs.length === 0) cleanup.push(() => fs.rmSync(path.dirname(current), { recursive: true, force: true }));
      after = current;
      if (opts.ref) {
        const top = git(['rev-parse', '--show-toplevel'], cwd);
        if (!top.ok) {
          io.err(`watchkeeper diff: --ref needs a git repository: ${top.out}\n`);
          return 2;
        }
        const commit = git(['rev-parse', '--verify', `${opts.ref}^{commit}`], cwd);
        if (!commit.ok) {
          io.err(`watchkeeper diff: unknown git ref "${opts.ref}"\n`);
          return 2;
        }
        // The worktree lives inside the project so the app resolves this project's node_modules.
        const holder = path.join(cwd, '.watchkeeper');
        fs.mkdirSync(holder, { recursive: true });
        const tree = fs.mkdtempSync(path.join(holder, 'diff-'));
        fs.rmSync(tree, { recursive: true, force: true });
        const add = git(['worktree', 'add', '--detach', tree, commit.out], cwd);
        if (!add.ok) {
          io.err(`watchkeeper diff: git worktree add failed: ${add.out}\n`);
          return 2;
        }
        cleanup.push(() => {
          git(['worktree', 'remove', '--force', tree], cwd);
          fs.rmSync(tree, { recursive: true, force: true });
          if (fs.existsSync(holder) && fs.readdirSync(holder).length === 0) fs.rmdirSync(holder);
        });
        const appDir = path.join(tree, path.relative(top.out, cwd));
        const old = synthToTemp(resolved.app, appDir, io, { binDir: path.join(cwd, 'node_modules', '.bin') });
        if (!old) return 2;
        cleanup.push(() => fs.rmSync(path.dirname(old), { recursive: true, force: true }));
        before = old;
        title = `Monitoring changes since ${opts.ref}`;
      } else {
        before = resolved.outdir;
        if (!fs.existsSync(before)) {
          io.err(
            `watchkeeper diff: ${path.relative(cwd, before) || before} does not exist: run watchkeeper synth first, or use --ref <git ref>\n`,
          );
          return 2;
        }
        title = `Monitoring changes against ${path.relative(cwd, before) || before}/`;
      }
    }
    for (const d of [before, after]) {
      if (!fs.existsSync(d)) {
        io.err(`watchkeeper diff: ${d} does not exist\n`);
        return 2;
      }
    }
    const changes = diffOutputs(readOutput(before), readOutput(after));
    io.out(format === 'markdown' ? formatMarkdown(changes, title) : formatText(changes, title));
    return changes.length > 0 && opts.exitCode ? 1 : 0;
  } finally {
    for (const c of cleanup.reverse()) {
      try {
        c();
      } catch {
        // best effort
      }
    }
  }
}
