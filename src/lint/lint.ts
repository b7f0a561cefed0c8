/**
 * The linter: files in, sorted diagnostics out. Reads each file (YAML with positions), finds its rule
 * groups, runs the per-rule checks and the cross-file ones, then applies the configured severities and
 * `watchkeeper-disable` comments.
 */
import type { Problem } from '../core/errors';
import { check as checkInfo } from '../checks/registry';
import { findingSeverity } from '../checks/severity';
import {
  checkDependencies,
  checkDuplicates,
  checkGroupLabels,
  duplicateCandidates,
  type RuleCheckResult,
} from '../checks';
import { resolveLintConfig, type LintConfig, type ResolvedLintConfig } from '../checks/config';
import { loadSetsOf } from '../checks/load-sets';
import { locate } from './locate';
import { checkRulesInParallel, checkRulesHere } from './parallel';
import { readRuleGroups } from './read-rules';
import type { RuleFinding } from '../checks/rule-data';
import type { Finding, LintFile, LintGroup, LintRule } from './rule-model';
import { FileSuppressions, findSuppressions } from './suppressions';
import type { LintDiagnostic, LintResult, DiagnosticSeverity, ParallelOptions } from './types';
import { YamlSource, decodeUtf8, loadYamlDocuments } from './yaml-source';

/** One input: a path to show and its content. */
export interface LintSource {
  /** The path diagnostics show. */
  readonly path: string;
  /** The content: text, or bytes (checked to be UTF-8). */
  readonly content: string | Uint8Array;
  /**
   * Named explicitly (command line, synth): a document that is neither a rule file nor a Kubernetes
   * object is then reported rather than skipped. @default true
   */
  readonly explicit?: boolean;
}

/** Options of the lint functions. */
export interface LintOptions extends ParallelOptions {
  /** The configuration (`.watchkeeper.yaml`'s `lint` section). @default all defaults */
  readonly config?: LintConfig;
}

/**
 * Lints rule files given as contents. Never throws for bad input: everything wrong is a diagnostic.
 * @throws LintConfigError when the configuration is invalid.
 */
export function lintSources(sources: readonly LintSource[], options: LintOptions = {}): LintResult {
  const config = resolveLintConfig(options.config);
  return runLintEngine(sources, config, options);
}

/**
 * Lints files held in memory, e.g. what `WatchkeeperApp.synthesizeFiles()` is about to write (relative
 * path -> content). Documents that are not rules (Deployments, dashboards' ConfigMaps) are skipped; only
 * `.yaml`/`.yml` entries are read.
 */
export function lintFiles(
  files: ReadonlyMap<string, string> | Readonly<Record<string, string>>,
  options: LintOptions = {},
): LintResult {
  const entries = files instanceof Map ? [...files.entries()] : Object.entries(files as Record<string, string>);
  const sources = entries
    .filter(([p]) => /\.ya?ml$/i.test(p))
    .map(([path, content]) => ({ path, content, explicit: true }));
  return lintSources(sources, options);
}

/**
 * The error diagnostics of a result as Problems (`where` is `file:line:column`), for callers that throw a
 * WatchkeeperError: `npm run synth` refuses to write what lint rejects.
 */
export function lintProblems(result: LintResult): Problem[] {
  return result.diagnostics
    .filter((d) => d.severity === 'error')
    .map((d) => ({
      where: `${d.file}:${d.line}:${d.column}`,
      field: [d.group !== null ? `group "${d.group}"` : '', d.rule !== null ? `rule "${d.rule}"` : '', `[${d.check}]`]
        .filter((s) => s !== '')
        .join(' '),
      message: d.message,
      fix: d.fix,
    }));
}

/** The engine, with a resolved configuration. */
export function runLintEngine(
  sources: readonly LintSource[],
  config: ResolvedLintConfig,
  options: LintOptions = {},
): LintResult {
  const findings: Finding[] = [];
  const report = (f: Finding): void => {
    findings.push(f);
  };
  const phase = phaseTimer();
  const totalLength = sources.reduce((n, s) => n + s.content.length, 0);
  // Start a worker early, so that it loads while this thread reads the YAML.
  const parallel = checkRulesInParallel(totalLength, options, options.config ?? {});
  const files: Array<{ file: LintFile; groups: LintGroup[] }> = [];
  for (const s of sources) {
    const file = readSource(s, config, report);
    if (file) files.push(file);
  }
  phase('read');
  const rules: LintRule[] = [];
  let groupCount = 0;
  for (const { groups } of files) {
    for (const group of groups) {
      groupCount++;
      for (const p of checkGroupLabels(config, group.labels)) {
        report({
          check: 'rule/name',
          message: p.message,
          fatal: p.fatal,
          tier: p.tier,
          fix: p.fix,
          file: group.file,
          position: group.file.source.nodePosition(group.node),
          group: group.name,
        });
      }
      for (const rule of group.rules) rules.push(rule);
    }
  }
  const compared = duplicateCandidates(rules);
  const results: RuleCheckResult[] = parallel
    ? parallel.run(rules, config, compared)
    : checkRulesHere(rules, config, compared);
  phase(parallel ? 'rules (2 threads)' : 'rules');
  const checked = rules.map((rule, i) => ({ rule, facts: results[i].facts }));
  /** A finding of the check core, placed in the rule's file. */
  const reportFinding = (rule: LintRule, f: RuleFinding): void =>
    report({
      check: f.check,
      message: f.message,
      fix: f.fix,
      severity: f.severity,
      fatal: f.fatal,
      tier: f.tier,
      file: rule.group.file,
      position: locate(rule, f.location),
      group: rule.group.name,
      rule,
    });
  rules.forEach((rule, i) => {
    for (const f of results[i].findings) reportFinding(rule, f);
  });
  const sets = new Map<LintGroup, string[]>();
  const setsOf = (rule: LintRule): string[] => {
    let s = sets.get(rule.group);
    if (!s)
      sets.set(
        rule.group,
        (s = loadSetsOf(
          { path: rule.group.file.path, scope: rule.group.scope, manifest: rule.group.manifest },
          config.loadSets,
        )),
      );
    return s;
  };
  const describe = (rule: LintRule): string => {
    const at = locate(rule, { at: 'name' });
    return `${rule.group.file.path}:${at.line}:${at.column} (group "${rule.group.name}")`;
  };
  checkDuplicates(reportFinding, checked, { setsOf, describe });
  // Dependencies: within configured load sets; without any, a definition anywhere linted counts.
  checkDependencies(reportFinding, checked, config.loadSets && config.loadSets.length > 0 ? setsOf : undefined);
  phase('cross-rule');
  const diagnostics = finish(findings, files, config);
  phase('finish');
  const count = (s: DiagnosticSeverity): number => diagnostics.filter((d) => d.severity === s).length;
  return {
    diagnostics,
    summary: {
      files: sources.length,
      groups: groupCount,
      rules: rules.length,
      errors: count('error'),
      warnings: count('warning'),
      infos: count('info'),
    },
  };
}

function readSource(
  s: LintSource,
  config: ResolvedLintConfig,
  report: (f: Finding) => void,
): { file: LintFile; groups: LintGroup[] } | undefined {
  let text: string;
  if (typeof s.content === 'string') text = s.content.charCodeAt(0) === 0xfeff ? s.content.slice(1) : s.content;
  else {
    const decoded = decodeUtf8(s.content);
    if ('error' in decoded) {
      const position = bytePosition(s.content, decoded.byteOffset);
      const file: LintFile = { path: s.path, source: new YamlSource(''), explicit: s.explicit ?? true };
      report({
        check: 'yaml/structure',
        message: `cannot read the file: ${decoded.error} (byte ${decoded.byteOffset})`,
        fatal: true,
        file,
        position,
        group: null,
        fix: 'lint YAML rule files only, saved as UTF-8',
      });
      return undefined;
    }
    text = decoded.text;
  }
  const file: LintFile = { path: s.path, source: new YamlSource(text), explicit: s.explicit ?? true };
  const loaded = loadYamlDocuments(file.source);
  for (const e of loaded.errors) {
    report({
      check: 'yaml/structure',
      message: `YAML: ${e.message}`,
      fatal: true,
      file,
      position: file.source.position(e.offset),
      group: null,
      fix: 'fix the YAML syntax',
    });
  }
  const groups = readRuleGroups(file, loaded.documents, {
    report,
    version: config.version,
    extraFields: config.extraFields,
  });
  return { file, groups };
}

/** With WATCHKEEPER_LINT_TIMINGS set, prints how long each phase took to stderr. */
function phaseTimer(): (name: string) => void {
  if (!process.env.WATCHKEEPER_LINT_TIMINGS) return () => undefined;
  let last = process.hrtime.bigint();
  return (name) => {
    const now = process.hrtime.bigint();
    process.stderr.write(`lint: ${name} ${Number(now - last) / 1e6} ms\n`);
    last = now;
  };
}

/** Line and column of a byte offset (columns count bytes; used only for undecodable files). */
function bytePosition(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < bytes.length; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** Applies severities and suppressions, and sorts. */
function finish(
  findings: readonly Finding[],
  files: ReadonlyArray<{ file: LintFile; groups: LintGroup[] }>,
  config: ResolvedLintConfig,
): LintDiagnostic[] {
  const suppressions = new Map<LintFile, FileSuppressions>();
  for (const { file, groups } of files) {
    if (!file.source.text.includes('watchkeeper-disable')) continue;
    suppressions.set(
      file,
      new FileSuppressions(
        file,
        findSuppressions(file.source.text),
        groups.flatMap((g) => g.rules),
      ),
    );
  }
  const out: LintDiagnostic[] = [];
  for (const f of findings) {
    const severity = findingSeverity(config, f);
    if (severity === undefined) continue;
    if (!f.fatal && suppressions.get(f.file)?.disabled(f.check, f.rule)) continue;
    out.push({
      file: f.file.path,
      line: f.position.line,
      column: f.position.column,
      severity,
      check: f.check,
      message: f.message,
      group: f.group ?? f.rule?.group.name ?? null,
      rule: f.rule?.name ?? f.ruleName ?? null,
      fix: f.fix ?? checkInfo(f.check).fix,
    });
  }
  return out.sort(compareDiagnostics);
}

/** Orders diagnostics by file, line, column, check, message. */
export function compareDiagnostics(a: LintDiagnostic, b: LintDiagnostic): number {
  return (
    cmp(a.file, b.file) || a.line - b.line || a.column - b.column || cmp(a.check, b.check) || cmp(a.message, b.message)
  );
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
