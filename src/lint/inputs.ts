/**
 * What to lint: files, directories (walked recursively for `.yaml`/`.yml`, skipping hidden directories and
 * node_modules) and globs, resolved against a working directory. Symbolic links are followed, each real
 * directory visited once (so links that loop end), and anything unreadable is a problem the caller reports.
 */
import * as fs from 'fs';
import * as path from 'path';
import { globSync } from 'tinyglobby';

/** A file to lint. */
export interface InputFile {
  /** Absolute path. */
  readonly path: string;
  /** The path shown in diagnostics: relative to the working directory when inside it, `/`-separated. */
  readonly display: string;
  /** Named on the command line (not found by walking a directory or matching a glob). */
  readonly explicit: boolean;
}

/** The files found, and what could not be read (each a one-line message). */
export interface ExpandedInputs {
  readonly files: InputFile[];
  readonly problems: string[];
}

const RULE_FILE = /\.ya?ml$/i;
const GLOB_CHARS = /[*?[\]{}!]/;
const SKIPPED_DIRS = new Set(['node_modules']);

/** Expands command-line paths into files. */
export function expandInputs(patterns: readonly string[], cwd: string): ExpandedInputs {
  const files = new Map<string, InputFile>();
  const problems: string[] = [];
  const display = (abs: string): string => {
    const rel = path.relative(cwd, abs);
    const shown = rel === '' || rel.startsWith('..') || path.isAbsolute(rel) ? abs : rel;
    return shown.split(path.sep).join('/');
  };
  const add = (abs: string, explicit: boolean): void => {
    let real: string;
    try {
      real = fs.realpathSync(abs);
    } catch (e) {
      problems.push(`${display(abs)}: ${describeError(e)}`);
      return;
    }
    const existing = files.get(real);
    if (!existing || (explicit && !existing.explicit)) files.set(real, { path: abs, display: display(abs), explicit });
  };

  for (const pattern of patterns) {
    const abs = path.resolve(cwd, pattern);
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(abs);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' && GLOB_CHARS.test(pattern)) {
        const matches = globSync(pattern, {
          cwd,
          absolute: true,
          onlyFiles: true,
          followSymbolicLinks: false,
          dot: false,
        });
        const found = matches.filter((m) => !isSkipped(m, cwd)).sort();
        if (found.length === 0) problems.push(`${pattern}: no files match`);
        for (const m of found) add(path.normalize(m), false);
        continue;
      }
      problems.push(`${pattern}: ${describeError(e)}`);
      continue;
    }
    if (stat.isDirectory()) {
      const before = files.size;
      walk(
        abs,
        new Set(),
        (f) => add(f, false),
        (p) => problems.push(p),
        display,
      );
      if (files.size === before) problems.push(`${pattern}: no .yaml or .yml files in this directory`);
    } else if (stat.isFile()) add(abs, true);
    else problems.push(`${pattern}: not a regular file`);
  }
  const sorted = [...files.values()].sort((a, b) => (a.display < b.display ? -1 : a.display > b.display ? 1 : 0));
  return { files: sorted, problems };
}

/** Whether a glob match lies under node_modules or a hidden directory. */
function isSkipped(file: string, cwd: string): boolean {
  const parts = path.relative(cwd, path.dirname(file)).split(path.sep);
  return parts.some((p) => SKIPPED_DIRS.has(p) || (p.startsWith('.') && p !== '.' && p !== '..'));
}

function walk(
  dir: string,
  visited: Set<string>,
  onFile: (file: string) => void,
  onProblem: (message: string) => void,
  display: (p: string) => string,
): void {
  let real: string;
  try {
    real = fs.realpathSync(dir);
  } catch (e) {
    onProblem(`${display(dir)}: ${describeError(e)}`);
    return;
  }
  if (visited.has(real)) return;
  visited.add(real);
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    onProblem(`${display(dir)}: ${describeError(e)}`);
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!entry.name.startsWith('.') && !SKIPPED_DIRS.has(entry.name)) walk(full, visited, onFile, onProblem, display);
    } else if (entry.isFile()) {
      if (RULE_FILE.test(entry.name)) onFile(full);
    } else if (entry.isSymbolicLink()) {
      let target: fs.Stats;
      try {
        target = fs.statSync(full);
      } catch (e) {
        if (RULE_FILE.test(entry.name) || (e as NodeJS.ErrnoException).code === 'ELOOP')
          onProblem(`${display(full)}: ${describeError(e)}`);
        continue;
      }
      if (target.isDirectory()) {
        if (!entry.name.startsWith('.') && !SKIPPED_DIRS.has(entry.name))
          walk(full, visited, onFile, onProblem, display);
      } else if (target.isFile() && RULE_FILE.test(entry.name)) onFile(full);
    }
  }
}

/** A file system error as a short phrase. */
export function describeError(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err.code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'symbolic link loop';
    case 'EISDIR':
      return 'is a directory';
    case 'ENAMETOOLONG':
      return 'file name too long';
    default:
      return err.message ?? String(e);
  }
}
