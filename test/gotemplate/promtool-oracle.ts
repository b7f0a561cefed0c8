/**
 * promtool as the oracle for alert templates: `promtool check rules` says which templates Prometheus
 * refuses to load (and with which Go message), `promtool test rules` renders them as a firing alert would.
 * Every template goes into one rule file, one annotation (or label) per template, so one promtool run
 * judges a whole table. promtool runs from argv arrays, never through a shell.
 *
 * When promtool is not on PATH the tests skip with a printed reason, except under CI=true, where a
 * missing promtool fails them.
 */
import { spawnSync } from 'child_process';
import { findPromtool, runPromtool } from '../support/promtool';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

/** Whether promtool can be used, and its version line or why not. */
export type PromtoolProbe = { available: true; version: string } | { available: false; reason: string };

let probed: PromtoolProbe | undefined;

/**
 * Looks for promtool on PATH (once), through the shared oracle helper.
 * @throws Error under CI=true when promtool is missing: CI must not silently skip the oracle.
 */
export function probePromtool(): PromtoolProbe {
  if (probed) return probed;
  probed = findPromtool()
    ? { available: true, version: runPromtool(['--version']).output.split('\n')[0] }
    : { available: false, reason: 'promtool not found on PATH' };
  return probed;
}

/** Go's verdict on one template: its 1-based line and message (the `__alert_A:` name replaced by "line"). */
export interface PromtoolLoadError {
  readonly line: number;
  readonly message: string;
}

/** Where each template goes in the rule: an annotation value or a label value. */
export type Placement = 'annotation' | 'label';

function withRuleFile<T>(
  name: string,
  content: string,
  extra: Record<string, string>,
  run: (dir: string, file: string) => T,
): T {
  const dir = mkdtempSync(join(tmpdir(), 'watchkeeper-templates-'));
  try {
    const file = join(dir, name);
    writeFileSync(file, content);
    for (const [n, c] of Object.entries(extra)) writeFileSync(join(dir, n), c);
    return run(dir, file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One alerting rule holding the templates as `t0`, `t1`, ... (JSON is YAML, so no quoting worries). */
function ruleFile(templates: readonly string[], placement: Placement): string {
  const values: Record<string, string> = {};
  templates.forEach((t, i) => {
    values[`t${i}`] = t;
  });
  const rule = {
    alert: 'A',
    expr: 'vector(0.5)',
    ...(placement === 'label' ? { labels: values } : { annotations: values }),
  };
  return JSON.stringify({ groups: [{ name: 'templates', rules: [rule] }] });
}

/**
 * Runs `promtool check rules` on the templates; returns Go's load error for each refused template, by index.
 * Messages lose Go's "template: " prefix (on duplicate definitions) and name lines as "line N".
 */
export function promtoolLoadErrors(
  templates: readonly string[],
  placement: Placement = 'annotation',
): Map<number, PromtoolLoadError> {
  return withRuleFile('rules.yml', ruleFile(templates, placement), {}, (_dir, file) => {
    const r = spawnSync('promtool', ['check', 'rules', file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const errors = new Map<number, PromtoolLoadError>();
    for (const line of `${r.stdout}${r.stderr}`.split('\n')) {
      const m = /(?:annotation|label) "t(\d+)": template: __alert_A:(\d+): (.*)$/.exec(line);
      if (!m) continue;
      const message = m[3].replace(/__alert_A:(\d+)/g, 'line $1').replace(/^template: /, '');
      errors.set(Number(m[1]), { line: Number(m[2]), message });
    }
    if (errors.size === 0 && r.status !== 0)
      throw new Error(`promtool check rules failed without template errors:\n${r.stdout}${r.stderr}`);
    return errors;
  });
}

/**
 * Renders the templates (which must all load) as annotations of a firing alert with labels
 * `{alertname="A", instance="x:9090"}` and value 0.5, through `promtool test rules`; returns each
 * rendered value as Go quoted it. A template that fails while executing renders as
 * `<error expanding template: ...>`.
 */
export function promtoolRender(templates: readonly string[]): Map<number, string> {
  const annotations: Record<string, string> = {};
  templates.forEach((t, i) => {
    annotations[`t${i}`] = t;
  });
  const rules = JSON.stringify({
    groups: [
      { name: 'templates', rules: [{ alert: 'A', expr: 'vector(0.5)', labels: { instance: 'x:9090' }, annotations }] },
    ],
  });
  // Expecting no alert makes promtool print the alert it got, with every annotation rendered.
  const test = JSON.stringify({
    rule_files: ['rules.yml'],
    evaluation_interval: '1m',
    tests: [
      { interval: '1m', input_series: [], alert_rule_test: [{ eval_time: '1m', alertname: 'A', exp_alerts: [] }] },
    ],
  });
  return withRuleFile('test.yml', test, { 'rules.yml': rules }, (_dir, file) => {
    const r = spawnSync('promtool', ['test', 'rules', file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const out = `${r.stdout}${r.stderr}`;
    const annotationsLine = out.split('\n').find((l) => l.includes('Annotations:{'));
    if (!annotationsLine) throw new Error(`promtool test rules printed no rendered annotations:\n${out}`);
    const rendered = new Map<number, string>();
    for (const m of annotationsLine.matchAll(/\bt(\d+)="((?:[^"\\]|\\.)*)"/g)) rendered.set(Number(m[1]), m[2]);
    return rendered;
  });
}
