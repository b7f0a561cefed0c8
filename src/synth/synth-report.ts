/**
 * What a synth did: the files it wrote by kind, compared with the output directory it replaced (added,
 * changed, unchanged, removed), the lint warnings found in the output, and how long it took. `synthApp`
 * prints it (`formatSynthReport`); `WatchkeeperApp.synth()`/`synthTo()` return it.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { RuleWarning } from '../rules';

/** The kinds of output files, by path. */
export type OutputKind = 'manifests' | 'rules' | 'dashboards' | 'alertmanager' | 'tests' | 'other';

/** Every kind, in the order the summary lists them. */
export const OUTPUT_KINDS: readonly OutputKind[] = [
  'manifests',
  'rules',
  'dashboards',
  'alertmanager',
  'tests',
  'other',
];

/**
 * The kind of an output file (relative, `/`-separated): `rules/`, `dashboards/`, `alertmanager/` and `tests/`
 * by their directory, chart manifests by the app's output file extension (`.k8s.yaml`), the rest `other`.
 */
export function outputKind(relativePath: string, manifestExtension = '.k8s.yaml'): OutputKind {
  const top = relativePath.split('/')[0];
  if (
    relativePath.includes('/') &&
    (top === 'rules' || top === 'dashboards' || top === 'alertmanager' || top === 'tests')
  )
    return top;
  if (relativePath.endsWith(manifestExtension)) return 'manifests';
  return 'other';
}

/** How a file of the new output compares with the previous output directory. */
export type FileChange = 'added' | 'changed' | 'unchanged' | 'removed';

/** Counts for one kind. `files` is how many were written (added + changed + unchanged). */
export interface OutputKindCounts {
  readonly files: number;
  readonly added: number;
  readonly changed: number;
  readonly unchanged: number;
  /** Files of the previous output that the new one no longer has. */
  readonly removed: number;
}

/** One file that is not byte-identical to the previous output's. */
export interface OutputChange {
  /** Relative to the output directory, `/`-separated. */
  readonly path: string;
  readonly kind: OutputKind;
  readonly change: Exclude<FileChange, 'unchanged'>;
}

/** The comparison of a new output with the directory it replaces. */
export interface OutputComparison {
  /** Whether the output directory existed before (false: every file is `added`). */
  readonly previousOutput: boolean;
  readonly kinds: Readonly<Record<OutputKind, OutputKindCounts>>;
  /** Added, changed and removed files, sorted by path. */
  readonly changes: readonly OutputChange[];
}

/** What one synth did. */
export interface SynthReport extends OutputComparison {
  /** The output directory, as the app was given it. */
  readonly outdir: string;
  /**
   * What the rule checks (`watchkeeper lint`'s) found below the error level (errors fail the synth): the
   * PrometheusRule, its rule file (relative to the output directory), group, rule, field, check, message.
   */
  readonly ruleWarnings: readonly RuleWarning[];
  /** From the start of validation to the new directory in place. */
  readonly durationMs: number;
}

/**
 * Compares `files` (relative path -> content) with what directory `dir` holds now, byte for byte. A missing
 * directory (or a file where the directory would be) is no previous output. Reads only files whose size
 * matches; an entry that cannot be read, or is not a regular file, counts as changed; a directory that cannot be
 * listed is skipped. Never throws for what the directory holds.
 */
export function compareWithDirectory(
  dir: string,
  files: ReadonlyMap<string, string>,
  manifestExtension = '.k8s.yaml',
): OutputComparison {
  const comparer = new DirectoryComparer(dir, manifestExtension);
  for (const [rel, content] of files) comparer.compare(rel, content);
  return comparer.result();
}

/**
 * compareWithDirectory one file at a time, for output written as it is rendered: lists the directory when
 * made (before anything replaces it), compares each file when given it, and keeps only each path's outcome.
 * @internal used by WatchkeeperApp.synthTo
 */
export class DirectoryComparer {
  private readonly previousOutput: boolean;
  /** Regular files and other entries of the old directory, by relative path. */
  private readonly old = new Map<string, { readonly abs: string; readonly isFile: boolean }>();
  /** The new output's paths (normalized), in the order given, and how each compares. */
  private readonly next = new Map<string, FileChange>();

  constructor(
    dir: string,
    private readonly manifestExtension = '.k8s.yaml',
  ) {
    const root = path.resolve(dir);
    let previousOutput = false;
    try {
      previousOutput = fs.statSync(root).isDirectory();
    } catch {
      previousOutput = false;
    }
    this.previousOutput = previousOutput;
    const walk = (abs: string, rel: string): void => {
      let entries: fs.Dirent[];
      try {
        entries = fs.readdirSync(abs, { withFileTypes: true });
      } catch {
        return; // unreadable: what it held is not counted (the report never fails a synth)
      }
      for (const e of entries) {
        const r = rel ? `${rel}/${e.name}` : e.name;
        const p = path.join(abs, e.name);
        if (e.isDirectory()) {
          walk(p, r);
          continue;
        }
        this.old.set(r, { abs: p, isFile: e.isFile() });
      }
    };
    if (previousOutput) walk(root, '');
  }

  /** Notes one file of the new output (relative path, content), compared with the old directory's. */
  compare(rel: string, content: string): void {
    const r = path.posix.normalize(rel);
    const before = this.old.get(r);
    this.next.set(
      r,
      before === undefined ? 'added' : before.isFile && sameBytes(before.abs, content) ? 'unchanged' : 'changed',
    );
  }

  /** The comparison of every file given so far with the old directory. */
  result(): OutputComparison {
    const counts = new Map<
      OutputKind,
      { files: number; added: number; changed: number; unchanged: number; removed: number }
    >(OUTPUT_KINDS.map((k) => [k, { files: 0, added: 0, changed: 0, unchanged: 0, removed: 0 }]));
    const changes: OutputChange[] = [];
    const note = (rel: string, change: FileChange): void => {
      const kind = outputKind(rel, this.manifestExtension);
      const c = counts.get(kind) as { files: number } & Record<FileChange, number>;
      c[change]++;
      if (change !== 'removed') c.files++;
      if (change !== 'unchanged') changes.push({ path: rel, kind, change });
    };
    for (const [rel, change] of this.next) note(rel, change);
    for (const rel of this.old.keys()) if (!this.next.has(rel)) note(rel, 'removed');
    changes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    return {
      previousOutput: this.previousOutput,
      kinds: Object.fromEntries(counts) as Record<OutputKind, OutputKindCounts>,
      changes,
    };
  }
}

function sameBytes(file: string, content: string): boolean {
  try {
    if (fs.statSync(file).size !== Buffer.byteLength(content)) return false;
    return fs.readFileSync(file).equals(Buffer.from(content));
  } catch {
    return false;
  }
}

/** Options of formatSynthReport. */
export interface FormatSynthReportOptions {
  /** Paths inside this directory are shown relative to it. @default process.cwd() */
  readonly cwd?: string;
  /** At most this many lines of changed files, and of lint warnings, each. @default 20 */
  readonly maxLines?: number;
}

/**
 * The summary synthApp prints, e.g.
 * ```
 * watchkeeper synth: wrote dist/ in 1.2 s
 *   manifests      4 files (1 changed, 3 unchanged)
 *   rules         13 files (1 changed, 12 unchanged)
 *   changed:
 *     dist/rlm-hypervisor.k8s.yaml
 *     dist/rules/rlm-hypervisor-critical.rules.yaml
 * checks: 1 warning
 *   dist/rules/api.rules.yaml [promql/fragile] group "api" rule "ApiDown" expr: ...
 * ```
 * Files are not listed one by one on a first synth (all added). Ends with a newline.
 */
export function formatSynthReport(report: SynthReport, options: FormatSynthReportOptions = {}): string {
  const max = Math.max(0, options.maxLines ?? 20);
  const dir = displayDirectory(report.outdir, options.cwd ?? process.cwd());
  const inDir = (rel: string): string => `${dir}${rel}`;
  const nothingChanged = report.previousOutput && report.changes.length === 0;
  const lines = [
    `watchkeeper synth: wrote ${dir} in ${formatDuration(report.durationMs)}${nothingChanged ? ', nothing changed' : ''}`,
  ];
  const shown = OUTPUT_KINDS.filter((k) => report.kinds[k].files + report.kinds[k].removed > 0);
  const width = Math.max(1, ...shown.map((k) => String(report.kinds[k].files).length));
  for (const k of shown) {
    const c = report.kinds[k];
    const parts = (
      [
        ['changed', c.changed],
        ['added', c.added],
        ['removed', c.removed],
        ['unchanged', c.unchanged],
      ] as const
    )
      .filter(([, n]) => n > 0)
      .map(([what, n]) => `${n} ${what}`);
    lines.push(
      `  ${k.padEnd(13)} ${String(c.files).padStart(width)} ${c.files === 1 ? 'file ' : 'files'} (${parts.join(', ')})`,
    );
  }
  if (shown.length === 0) lines.push('  no files');
  if (report.previousOutput) {
    let budget = max;
    for (const change of ['changed', 'added', 'removed'] as const) {
      const paths = report.changes.filter((c) => c.change === change).map((c) => `    ${inDir(c.path)}`);
      if (paths.length === 0) continue;
      lines.push(`  ${change}:`, ...capped(paths, budget, 'files', undefined, '    '));
      budget = Math.max(0, budget - paths.length);
    }
  }
  const warnings = report.ruleWarnings.filter((w) => w.severity === 'warning').length;
  const infos = report.ruleWarnings.length - warnings;
  const counted = [plural(warnings, 'warning'), ...(infos > 0 ? [plural(infos, 'info')] : [])].join(', ');
  lines.push(`checks: ${report.ruleWarnings.length === 0 ? 'no warnings' : counted}`);
  lines.push(
    ...capped(
      report.ruleWarnings.map((w) => {
        const level = w.severity === 'warning' ? '' : `${w.severity} `;
        return `  ${inDir(w.file)} ${level}[${w.check}] group "${w.group}" rule "${w.rule}" ${w.field}: ${w.message}`;
      }),
      max,
      'warnings',
      `watchkeeper lint ${dir} lists them all`,
    ),
  );
  return `${lines.join('\n')}\n`;
}

function capped(lines: string[], max: number, what: string, hint?: string, indent = '  '): string[] {
  if (lines.length <= max) return lines;
  return [...lines.slice(0, max), `${indent}... and ${lines.length - max} more ${what}${hint ? ` (${hint})` : ''}`];
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** `340 ms` below a second, `1.2 s` above. */
function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** The output directory as the user would type it from `cwd`, ending in `/`. */
function displayDirectory(outdir: string, cwd: string): string {
  let shown = outdir;
  if (path.isAbsolute(outdir)) {
    const rel = path.relative(cwd, outdir);
    if (rel === '') shown = '.';
    else if (!rel.startsWith('..') && !path.isAbsolute(rel)) shown = rel;
  }
  shown = shown.split(path.sep).join('/');
  return shown.endsWith('/') ? shown : `${shown}/`;
}
