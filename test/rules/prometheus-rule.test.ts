import * as fs from 'fs';
import * as path from 'path';
import { Chart, Testing } from 'cdk8s';
import { parse, parseAllDocuments } from 'yaml';
import { PrometheusRule, RuleGroup, WatchkeeperApp } from '../../src';
import { kubernetesAjv } from '../support/ajv';
import { itWithShared, lazily, prometheusRuleSchema } from '../support/shared';
import { synthToTemp } from '../support/synth';

/** The CRD's validator, compiled when a test first asks (../shared may be absent). */
const crdValidator = lazily(() => kubernetesAjv().compile(prometheusRuleSchema()));

function appWith(build: (chart: Chart) => void): WatchkeeperApp {
  const app = new WatchkeeperApp();
  build(new Chart(app, 'test', { namespace: 'monitoring' }));
  return app;
}

const goodGroup = (): RuleGroup =>
  new RuleGroup('api', { interval: '30s' })
    .addAlert({
      alert: 'HighErrorRate',
      expr: 'sum(rate(errors_total[5m])) / sum(rate(requests_total[5m])) > 0.05',
      for: '5m',
      labels: { severity: 'critical' },
      annotations: { summary: 'Error rate {{ $value | humanizePercentage }}' },
    })
    .addRecording({ record: 'job:requests:rate5m', expr: 'sum by (job) (rate(requests_total[5m]))' });

describe('PrometheusRule', () => {
  itWithShared('synthesizes a monitoring.coreos.com/v1 PrometheusRule that the CRD schema accepts', () => {
    const chart = Testing.chart();
    new PrometheusRule(chart, 'api-rules', {
      namespace: 'monitoring',
      labels: { release: 'kps' },
      groups: [goodGroup()],
    });
    const validateCrd = crdValidator();
    const [obj] = Testing.synth(chart);
    expect(obj).toMatchObject({
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'PrometheusRule',
      metadata: { namespace: 'monitoring', labels: { release: 'kps' } },
      spec: {
        groups: [
          {
            name: 'api',
            interval: '30s',
            rules: [{ alert: 'HighErrorRate', for: '5m' }, { record: 'job:requests:rate5m' }],
          },
        ],
      },
    });
    expect(validateCrd(obj.spec ? obj : {})).toBe(true);
    expect(validateCrd.errors ?? []).toEqual([]);
  });

  itWithShared('the CRD schema check can fail (a rule without expr is refused)', () => {
    const validateCrd = crdValidator();
    expect(
      validateCrd({
        apiVersion: 'monitoring.coreos.com/v1',
        kind: 'PrometheusRule',
        spec: { groups: [{ name: 'g', rules: [{ alert: 'A' }] }] },
      }),
    ).toBe(false);
  });

  it('lands rules added after construction (rendered lazily)', () => {
    const chart = Testing.chart();
    const rules = new PrometheusRule(chart, 'late');
    rules.addGroup('later').addAlert({ alert: 'Late', expr: 'up == 0' });
    expect(Testing.synth(chart)[0].spec.groups[0].rules[0].alert).toBe('Late');
  });

  it('writes the same groups as a plain rule file named after the resource', () => {
    const app = appWith((chart) => new PrometheusRule(chart, 'api-rules', { groups: [goodGroup()] }));
    const dir = synthToTemp(app);
    const file = parse(fs.readFileSync(path.join(dir, 'rules', 'test-api-rules.rules.yaml'), 'utf8'));
    const manifest = parseAllDocuments(fs.readFileSync(path.join(dir, 'test.k8s.yaml'), 'utf8')).map((d) => d.toJS());
    expect(file).toEqual({ groups: manifest[0].spec.groups });
    expect(manifest[0].metadata.name).toBe('test-api-rules');
  });

  it('refuses construct ids Kubernetes would refuse, naming the id and a fix', () => {
    expect(() => new PrometheusRule(Testing.chart(), 'api_rules')).toThrow(
      /\[.*api_rules\] id: .*DNS-1123.*\(got "api_rules"\).*Fix: .*"api-rules"/,
    );
    expect(() => new PrometheusRule(Testing.chart(), 'API.rules')).toThrow(/DNS-1123/);
  });
});

describe('rule checks at synth', () => {
  const synthError = (group: RuleGroup, more?: RuleGroup): string => {
    const app = appWith((chart) => new PrometheusRule(chart, 'checked', { groups: more ? [group, more] : [group] }));
    try {
      app.synthesizeFiles();
    } catch (e) {
      return (e as Error).message;
    }
    throw new Error('synth did not fail');
  };

  test.each([
    [
      'an invalid expression',
      new RuleGroup('g').addAlert({ alert: 'A', expr: 'rate(foo)' }),
      /test\/checked.*alert "A" expr: expected type range vector in call to function "rate", got instant vector \(at 1:6\) \(got "rate\(foo\)"\)/,
    ],
    [
      'an empty expression',
      new RuleGroup('g').addAlert({ alert: 'A', expr: ' ' }),
      /alert "A" expr: no expression found in input/,
    ],
    [
      'an empty alert name',
      new RuleGroup('g').addAlert({ alert: '', expr: 'up' }),
      /alert "" alert: the alert name must be a non-empty/,
    ],
    [
      'a record name that is not a metric name',
      new RuleGroup('g').addRecording({ record: 'job-requests', expr: 'up' }),
      /record "job-requests" record: not a valid metric name/,
    ],
    [
      'a record name off the convention',
      new RuleGroup('g').addRecording({ record: 'job_requests', expr: 'up' }),
      /level:metric:operations/,
    ],
    [
      'a bad label name',
      new RuleGroup('g').addAlert({ alert: 'A', expr: 'up', labels: { 'team-name': 'x' } }),
      /labels.team-name: not a valid label name \(got "team-name"\)/,
    ],
    [
      'a reserved label name',
      new RuleGroup('g').addAlert({ alert: 'A', expr: 'up', labels: { __x: 'y' } }),
      /reserved/,
    ],
    [
      'a bad for',
      new RuleGroup('g').addAlert({ alert: 'A', expr: 'up', for: '5 minutes' as never }),
      /alert "A" for: not a valid duration string: "5 minutes"/,
    ],
    [
      'a bad keep_firing_for',
      new RuleGroup('g').addAlert({ alert: 'A', expr: 'up', keepFiringFor: '1h30' as never }),
      /keepFiringFor: not a valid duration string/,
    ],
    ['a bad interval', new RuleGroup('g', { interval: '0s' }), /interval: the duration must be greater than 0/],
    [
      'a bad template',
      new RuleGroup('g').addAlert({
        alert: 'A',
        expr: 'up',
        annotations: { summary: '{{ $value | humanizePercent }}' },
      }),
      /alert "A" annotations.summary: function "humanizePercent" not defined/,
    ],
    [
      'an undeclared template variable',
      new RuleGroup('g').addAlert({ alert: 'A', expr: 'up', annotations: { summary: '{{ $foo }}' } }),
      /undefined variable "\$foo"/,
    ],
    [
      'a duplicate alert',
      new RuleGroup('g').addAlert({ alert: 'A', expr: 'up' }).addAlert({ alert: 'A', expr: 'up' }),
      /alert "A" alert: the same alert as rules\/test-checked.rules.yaml \(group "g"\)/,
    ],
    ['an empty group', new RuleGroup('g'), /group "g" rules: a rule group needs at least one rule/],
  ])('fails on %s, naming construct path, rule, field and value', (_what, group, pattern) => {
    expect(synthError(group)).toMatch(pattern);
  });

  it('one alert over two conditions (same name, different expressions) is a warning, as lint says, not a failure', () => {
    const app = appWith(
      (chart) =>
        new PrometheusRule(chart, 'checked', {
          groups: [new RuleGroup('g').addAlert({ alert: 'A', expr: 'up' }).addAlert({ alert: 'A', expr: 'up == 0' })],
        }),
    );
    const { ruleWarnings } = app.synthesizeOutput();
    expect(ruleWarnings.map((w) => [w.check, w.group, w.rule, w.severity])).toContainEqual([
      'rule/duplicate',
      'g',
      'A',
      'warning',
    ]);
  });

  it('fails on duplicate group names', () => {
    const a = new RuleGroup('same').addAlert({ alert: 'A', expr: 'up' });
    const b = new RuleGroup('same').addAlert({ alert: 'B', expr: 'up' });
    expect(synthError(a, b)).toMatch(/group "same" name: groupname: "same" is repeated in the same PrometheusRule/);
  });

  it('accepts the same alert name with different labels (one alert per severity)', () => {
    const g = new RuleGroup('g')
      .addAlert({ alert: 'A', expr: 'up > 1', labels: { severity: 'warning' } })
      .addAlert({ alert: 'A', expr: 'up > 2', labels: { severity: 'critical' } });
    const app = appWith((chart) => new PrometheusRule(chart, 'ok', { groups: [g] }));
    expect(() => app.synthesizeFiles()).not.toThrow();
  });

  it("checks against the app's Prometheus version", () => {
    const g = (): RuleGroup => new RuleGroup('g').addAlert({ alert: 'A', expr: 'holt_winters(foo[1h], 0.5, 0.5) > 1' });
    const old = new WatchkeeperApp({ prometheusVersion: '2.42' });
    new PrometheusRule(new Chart(old, 'c'), 'r', { groups: [g()] });
    expect(() => old.synthesizeFiles()).not.toThrow();
    const current = new WatchkeeperApp();
    new PrometheusRule(new Chart(current, 'c'), 'r', { groups: [g()] });
    expect(() => current.synthesizeFiles()).toThrow(/unknown function with name "holt_winters"/);
  });
});
