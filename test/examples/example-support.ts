/**
 * Shared checks of the example charts' alerts: synthesize a chart, read back its rule files and manifests,
 * find the Markdown anchors of a seed runbook, and run alerting rules through `promtool test rules`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parse, parseAllDocuments, stringify } from 'yaml';
import { WatchkeeperApp } from '../../src';
import { runPromtool } from '../support/promtool';
import { synthToTemp, tempDir } from '../support/synth';

/** One alerting rule as read back from a synthesized rule file. */
export interface AlertFromFile {
  readonly group: string;
  readonly alert: string;
  readonly expr: string;
  readonly for?: string;
  readonly labels: Record<string, string>;
  readonly annotations: Record<string, string>;
}

/**
 * What a chart synthesized: rule files (absolute paths), their text, manifests, and the alerts of its
 * runbook alert files (`*-alerts*.rules.yaml`, or the files `alertFiles` matches, e.g. a ServiceMonitoring's
 * one file) but for SLO groups (`slo-*`; SLO and capacity rules are their modules' to test).
 */
export interface SynthesizedExample {
  readonly dist: string;
  readonly ruleFiles: string[];
  readonly ruleFileText: Map<string, string>;
  readonly manifests: Array<Record<string, any>>;
  readonly alerts: AlertFromFile[];
}

/** Synthesizes the charts `build` adds to a fresh app, into a temporary directory. */
export function synthExample(
  build: (app: WatchkeeperApp) => void,
  alertFiles = /-alerts(-[a-z-]+)?\.rules\.yaml$/,
): SynthesizedExample {
  const app = new WatchkeeperApp();
  build(app);
  const dist = synthToTemp(app);
  const rulesDir = path.join(dist, 'rules');
  const ruleFiles = fs
    .readdirSync(rulesDir)
    .sort()
    .map((f) => path.join(rulesDir, f));
  const ruleFileText = new Map(ruleFiles.map((f) => [path.basename(f), fs.readFileSync(f, 'utf8')]));
  const manifests = fs
    .readdirSync(dist)
    .filter((f) => f.endsWith('.k8s.yaml'))
    .sort()
    .flatMap((f) => parseAllDocuments(fs.readFileSync(path.join(dist, f), 'utf8')).map((d) => d.toJS()));
  const alerts: AlertFromFile[] = [];
  for (const [file, text] of ruleFileText) {
    if (!alertFiles.test(file)) continue;
    for (const g of parse(text).groups) {
      if (g.name.startsWith('slo-')) continue;
      for (const r of g.rules) {
        if (r.alert !== undefined) alerts.push({ group: g.name, labels: {}, annotations: {}, ...r });
      }
    }
  }
  return { dist, ruleFiles, ruleFileText, manifests, alerts };
}

/**
 * The anchors GitHub gives a Markdown document's headings: lower-cased, punctuation other than `-` and `_`
 * removed, each space turned into `-`, repeats suffixed `-1`, `-2`, ... Fenced code blocks hold no headings.
 */
export function githubAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  let fence: string | undefined;
  for (const line of markdown.split('\n')) {
    const f = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(line);
    if (fence === undefined && f) {
      fence = f[1][0];
      continue;
    }
    if (fence !== undefined) {
      // A closing fence has no info string.
      if (f && f[1][0] === fence && f[2].trim() === '') fence = undefined;
      continue;
    }
    const h = /^ {0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!h) continue;
    const slug = h[1]
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
      .replace(/ /g, '-');
    const n = seen.get(slug) ?? 0;
    seen.set(slug, n + 1);
    anchors.add(n === 0 ? slug : `${slug}-${n}`);
  }
  return anchors;
}

/** One `promtool test rules` case: input series, and the alerts expected to fire at `evalTime`. */
export interface FiringCase {
  /** Series selector -> promtool expanding notation, e.g. `'0+10x30'`. */
  readonly series: Readonly<Record<string, string>>;
  readonly evalTime: string;
  readonly alert: string;
  /** The labels of each expected alert (alertname excluded); empty: the alert must not fire. */
  readonly expect: ReadonlyArray<Readonly<Record<string, string>>>;
}

/**
 * Runs the alerting rules of `ruleFile` against `cases` with `promtool test rules` (series sampled every
 * minute). Annotations are dropped from a copy of the file first: the cases check expressions and labels;
 * templates are checked at synthesis.
 */
export function promtoolTestAlerts(ruleFile: string, cases: readonly FiringCase[]): { status: number; output: string } {
  const dir = tempDir('wk-promtool-test-');
  const doc = parse(fs.readFileSync(ruleFile, 'utf8'));
  for (const g of doc.groups) for (const r of g.rules) delete r.annotations;
  const rules = path.join(dir, 'rules.yaml');
  fs.writeFileSync(rules, stringify(doc));
  const tests = {
    rule_files: [rules],
    evaluation_interval: '1m',
    tests: cases.map((c) => ({
      interval: '1m',
      input_series: Object.entries(c.series).map(([series, values]) => ({ series, values })),
      alert_rule_test: [
        { eval_time: c.evalTime, alertname: c.alert, exp_alerts: c.expect.map((labels) => ({ exp_labels: labels })) },
      ],
    })),
  };
  const testFile = path.join(dir, 'tests.yaml');
  fs.writeFileSync(testFile, stringify(tests));
  return runPromtool(['test', 'rules', testFile]);
}
