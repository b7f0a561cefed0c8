import { alert, brief, lintText, ruleFile } from './helpers';

const check = (id: string, text: string, config = {}): string[] => brief(lintText(text, config), id);

describe('promql/syntax', () => {
  it('reports one error per expression, the one Prometheus reports, at its position in the file', () => {
    const text = ruleFile(alert('A', 'abs(delta(count(x[1h]))) > 1'));
    expect(check('promql/syntax', text)).toEqual([
      '5:31 error promql/syntax expected type instant vector in aggregation expression, got range vector',
    ]);
  });

  it('maps positions inside block scalars', () => {
    const text = ruleFile(alert('A', '|\n    sum(\n      rate(x)\n    ) > 0'));
    expect(check('promql/syntax', text)).toEqual([
      '7:18 error promql/syntax expected type range vector in call to function "rate", got instant vector',
    ]);
  });

  it('follows the target Prometheus version', () => {
    const text = ruleFile(alert('A', 'holt_winters(x[1h], 0.5, 0.5) > 1'));
    expect(check('promql/syntax', text, { prometheusVersion: '2.42' })).toEqual([]);
    expect(check('promql/syntax', text)).toHaveLength(1);
  });

  it('cannot be turned off or disabled: Prometheus would refuse the file', () => {
    const text = `# watchkeeper-disable-file\n${ruleFile(alert('A', 'rate(x) > 1'))}`;
    expect(check('promql/syntax', text, { checks: { 'promql/syntax': 'off' } })).toHaveLength(1);
  });
});

describe('alerts/template', () => {
  it('reports template load errors as errors at their position in the annotation', () => {
    const text = ruleFile(
      alert('A', 'up == 0')
        .replace('severity: warning', 'severity: warning\n    x: "{{ $value }}"')
        .replace('summary: s', 'summary: "{{ $labels.job | nofunc }}"'),
    );
    expect(check('alerts/template', text)).toEqual([
      expect.stringMatching(/^9:\d+ warning alerts\/template label "x": .*\$value/),
      '11:38 error alerts/template annotation "summary": function "nofunc" not defined',
    ]);
  });

  it('reports render-time errors (arity) as errors and can be relaxed by configuration', () => {
    const text = ruleFile(alert('A', 'up == 0').replace('description: d', 'description: "{{ humanize }}"'));
    expect(check('alerts/template', text)).toEqual([
      expect.stringMatching(
        /^11:\d+ error alerts\/template annotation "description": wrong number of args for humanize/,
      ),
    ]);
    expect(check('alerts/template', text, { checks: { 'alerts/template': 'warning' } })[0]).toMatch(/ warning /);
  });

  it('reports $labels the expression cannot produce: aggregated away, absent(), scalar()', () => {
    const rules = [
      alert('Agg', 'sum by (job) (rate(x_total[5m])) > 1').replace(
        'summary: s',
        'summary: "{{ $labels.instance }} {{ $labels.job }}"',
      ),
      alert('Absent', 'absent(up{job="a"})').replace(
        'summary: s',
        'summary: "{{ $labels.job }} {{ $labels.instance }}"',
      ),
      alert('Scalar', 'vector(scalar(up)) > 1').replace('summary: s', 'summary: "{{ $labels.job }}"'),
      alert('Ok', 'up{job="a"} == 0').replace('summary: s', 'summary: "{{ $labels.instance }}"'),
      alert('Without', 'sum without (instance) (up) == 0').replace(
        'summary: s',
        'summary: "{{ $labels.instance }} {{ $labels.job }}"',
      ),
      alert('On', 'a > on (job) b').replace('summary: s', 'summary: "{{ $labels.instance }}"'),
    ];
    expect(check('alerts/template', ruleFile(...rules)).map((l) => l.replace(/: ".*$|, which.*$/, ''))).toEqual([
      '10:24 warning alerts/template annotation "summary" reads $labels.instance',
      '19:42 warning alerts/template annotation "summary" reads $labels.instance',
      '28:24 warning alerts/template annotation "summary" reads $labels.job',
      '46:24 warning alerts/template annotation "summary" reads $labels.instance',
      '55:24 warning alerts/template annotation "summary" reads $labels.instance',
    ]);
  });
});

describe('rule/name', () => {
  it('refuses label names Prometheus 2.x refuses, and warns about non-classic ones in 3.x', () => {
    const text = ruleFile(
      alert('A', 'up == 0', 'labels: {severity: warning, "bad-name": x}').replace(
        '  labels:\n    severity: warning\n',
        '',
      ),
    );
    expect(check('rule/name', text, { prometheusVersion: '2.42' })).toEqual([
      '11:37 error rule/name invalid label name: bad-name',
    ]);
    expect(check('rule/name', text)).toEqual([
      expect.stringMatching(/^11:37 warning rule\/name label name "bad-name" is not a classic label name/),
    ]);
  });

  it('refuses __name__ as a label and braces in record names in every release', () => {
    const text = ruleFile('- record: "x{a=\\"b\\"}"\n  expr: up\n  labels: {__name__: y}');
    expect(check('rule/name', text)).toEqual([
      expect.stringMatching(/^4:17 error rule\/name braces present in the recording rule name/),
      '6:18 error rule/name invalid label name: __name__',
    ]);
  });

  it('warns about record names outside level:metric:operations and alert names outside UpperCamelCase, configurably', () => {
    const text = ruleFile('- record: http_requests_rate\n  expr: rate(x_total[5m])', alert('high_errors', 'up == 0'));
    expect(check('rule/name', text).map((l) => l.replace(/ does not.*/, ''))).toEqual([
      '4:17 warning rule/name record name "http_requests_rate"',
      '6:16 warning rule/name alert name "high_errors"',
    ]);
    expect(check('rule/name', text, { names: { alert: '^[a-z_]+$', record: '^[a-z_]+$' } })).toEqual([]);
  });

  it('warns about the reserved __ prefix', () => {
    expect(check('rule/name', ruleFile('- record: a:b:c\n  expr: up\n  labels: {__x: y}'))).toEqual([
      expect.stringMatching(/^6:18 warning rule\/name label name "__x" starts with "__"/),
    ]);
  });
});

describe('alerts/comparison', () => {
  it('warns when an alert has no condition', () => {
    expect(check('alerts/comparison', ruleFile(alert('A', 'rate(errors_total[5m])')))).toEqual([
      '5:15 warning alerts/comparison the expression has no comparison or filter: the alert fires for every series it returns',
    ]);
  });

  it('warns about bool comparisons and constants', () => {
    const text = ruleFile(alert('B', 'up == bool 0'), alert('C', 'vector(1)'), alert('D', '(2 * 3)'));
    expect(check('alerts/comparison', text).map((l) => l.replace(/, which.*|: the alert.*/, ''))).toEqual([
      '5:18 warning alerts/comparison the comparison uses bool',
      '14:15 warning alerts/comparison the expression is a constant',
      '23:15 warning alerts/comparison the expression is a constant',
    ]);
  });

  it('accepts comparisons, set operations and absent(), anywhere the result depends on them', () => {
    const text = ruleFile(
      alert('A', 'sum(rate(x_total[5m])) / sum(rate(y_total[5m])) > 0.05'),
      alert('B', 'up unless on (job) maintenance'),
      alert('C', 'absent(up{job="a"})'),
      alert('D', 'max_over_time((up == 0)[5m:]) * 2'),
      alert('E', '(up == 0) or (down > 1)'),
    );
    expect(check('alerts/comparison', text)).toEqual([]);
  });

  it('reports range vectors, which fail at every evaluation', () => {
    expect(check('alerts/comparison', ruleFile(alert('A', 'up[5m]')))[0]).toMatch(
      /error alerts\/comparison the expression returns a range vector/,
    );
  });

  it('does not apply to recording rules', () => {
    expect(check('alerts/comparison', ruleFile('- record: job:up:sum\n  expr: sum by (job) (up)'))).toEqual([]);
  });
});

describe('rule/duplicate', () => {
  it('reports rules with the same name and labels that can fire for the same series, across files', () => {
    const { lintSources } = jest.requireActual('../../src/lint');
    const a = ruleFile(alert('A', 'up == 0'));
    const b = ruleFile(
      alert('A', 'up{job="x"} == 0'),
      alert('A', 'up == 0').replace('severity: warning', 'severity: critical'),
    );
    const r = lintSources(
      [
        { path: 'a.yaml', content: a },
        { path: 'b.yaml', content: b },
      ],
      { threads: 1 },
    );
    expect(
      r.diagnostics
        .filter((d: { check: string }) => d.check === 'rule/duplicate')
        .map((d: { file: string; line: number; message: string }) => `${d.file}:${d.line} ${d.message}`),
    ).toEqual([
      'b.yaml:4 same alert name and labels as a.yaml:4:16 (group "g"), in the directory ".": both can fire for the same series',
    ]);
    expect(
      r.diagnostics
        .filter((d: { check: string }) => d.check === 'rule/duplicate')
        .map((d: { severity: string }) => d.severity),
    ).toEqual(['warning']);
  });

  it('accepts rules whose selectors pin a label to different values', () => {
    expect(
      check('rule/duplicate', ruleFile(alert('A', 'up{job="a"} == 0'), alert('A', 'sum by (job) (up{job="b"}) == 0'))),
    ).toEqual([]);
    expect(
      check('rule/duplicate', ruleFile(alert('A', 'up{job="a"} == 0'), alert('A', 'sum(up{job="b"}) == 0'))),
    ).toHaveLength(1);
  });

  it('warns about recording rules that can write the same series, errs on the same rule twice', () => {
    expect(
      check('rule/duplicate', ruleFile('- record: a:b:c\n  expr: sum(x)', '- record: a:b:c\n  expr: sum(y)')),
    ).toEqual([expect.stringMatching(/^6:17 warning rule\/duplicate same record name and labels as rules.yaml:4:17/)]);
    expect(
      check(
        'rule/duplicate',
        ruleFile(
          '- record: a:b:c\n  expr: sum by (a, b) (x{j="1", k=~"2"})',
          '- record: a:b:c\n  expr: \'SUM BY(b,a)(  x{k=~"2",j="1"} )\'',
        ),
      ),
    ).toEqual([
      expect.stringMatching(
        /^6:17 error rule\/duplicate the same record as rules.yaml:4:17 \(group "g"\): same name, labels and expression/,
      ),
    ]);
  });

  it('does not compare plain rule files with PrometheusRule manifests (synth writes both renderings)', () => {
    const { lintSources } = jest.requireActual('../../src/lint');
    const manifest = `apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata: {name: x}\nspec:\n${ruleFile(
      alert('A', 'up == 0'),
    )
      .split('\n')
      .map((l) => `  ${l}`)
      .join('\n')}`;
    const r = lintSources(
      [
        { path: 'a.yaml', content: ruleFile(alert('A', 'up == 0')) },
        { path: 'm.yaml', content: manifest },
      ],
      { threads: 1 },
    );
    expect(r.diagnostics).toEqual([]);
  });
});

describe('rule/required', () => {
  it('asks for the severity label, summary, description and runbook_url', () => {
    const text = ruleFile('- alert: A\n  expr: up == 0\n  for: 5m');
    expect(check('rule/required', text)).toEqual([
      '4:16 warning rule/required alert has no "description" annotation',
      '4:16 warning rule/required alert has no "runbook_url" annotation',
      '4:16 warning rule/required alert has no "severity" label',
      '4:16 warning rule/required alert has no "summary" annotation',
    ]);
  });

  it('checks severity values, runbook_url and for bounds, all configurable', () => {
    const text = ruleFile(
      alert('A', 'up == 0')
        .replace('severity: warning', 'severity: page')
        .replace('https://runbooks.example.com/x', 'wiki/page')
        .replace('for: 5m', 'for: 2d'),
    );
    expect(check('rule/required', text)).toEqual([
      "6:14 warning rule/required for is 2d, longer than the policy's 1d: the alert waits too long to fire",
      '8:21 warning rule/required severity "page" is not one of critical, warning, info',
      '12:24 warning rule/required runbook_url "wiki/page" is not an absolute http(s) URL',
    ]);
    const config = {
      required: {
        labels: ['team'],
        severities: ['page', 'ticket'],
        annotations: ['summary'],
        for: { min: '1m', max: '3d' },
      },
    };
    expect(check('rule/required', text, config)).toEqual([
      '4:16 warning rule/required alert has no "team" label',
      '12:24 warning rule/required runbook_url "wiki/page" is not an absolute http(s) URL',
    ]);
    expect(check('rule/required', ruleFile(alert('A', 'up == 0').replace('  for: 5m\n', '')), config)).toContainEqual(
      expect.stringMatching(/^4:16 .*for is not set; the policy asks for at least 1m/),
    );
  });

  it('accepts runbook URLs with templates, and group labels (Prometheus 3)', () => {
    const text =
      'groups:\n  - name: g\n    labels: {severity: critical}\n    rules:\n      - alert: A\n        expr: up == 0\n        annotations: {summary: s, description: d, runbook_url: "https://rb.example.com/{{ $labels.job }}"}\n';
    expect(check('rule/required', text)).toEqual([]);
  });
});

describe('promql/rate', () => {
  it('warns about rate() on names that are not counters, and not about counters or recording rules', () => {
    const text = ruleFile(
      alert('A', 'rate(errors[5m]) > 1'),
      alert('B', 'rate(errors_total[5m]) + irate(x_count[5m]) + increase(y_bucket[5m]) + rate(job:z:sum[5m]) > 1'),
    );
    expect(check('promql/rate', text)).toEqual([
      expect.stringMatching(/^5:20 warning promql\/rate rate\(\) on "errors", which is not a counter/),
    ]);
  });

  it('warns about windows shorter than 4 x the scrape interval', () => {
    const text = ruleFile(alert('A', 'rate(x_total[2m]) > 1'));
    expect(check('promql/rate', text, { scrapeInterval: '1m' })).toEqual([
      expect.stringMatching(/^5:27 warning promql\/rate rate\(\) over 2m, less than 4 x the 1m scrape interval/),
    ]);
    expect(check('promql/rate', text, { scrapeInterval: '30s' })).toEqual([]);
  });

  it('warns about rate of an aggregation and raw counters compared with thresholds', () => {
    const text = ruleFile(alert('A', 'rate(sum(x_total)[5m:]) > 1'), alert('B', 'sum(errors_total) > 100'));
    expect(check('promql/rate', text).map((l) => l.replace(/:? (hides|which|aggregating).*/, ''))).toEqual([
      '5:20 warning promql/rate rate() of an aggregation',
      '14:19 warning promql/rate compares the raw value of counter "errors_total",',
    ]);
  });
});

describe('promql/regexp', () => {
  it('warns about literal regexes, redundant anchors and match-all or match-nothing matchers', () => {
    const text = ruleFile(alert('A', 'up{job=~"api", env=~"^prod$", a=~".*", b!~".*", c=~"x|y"} == 0'));
    expect(check('promql/regexp', text).map((l) => l.replace(/(" is|": Pro|" matches).*/, '"'))).toEqual([
      '5:18 warning promql/regexp job=~"api"',
      '5:30 warning promql/regexp env=~"^prod$"',
      '5:45 warning promql/regexp a=~".*"',
      '5:54 warning promql/regexp b!~".*"',
    ]);
  });
});

describe('promql/fragile', () => {
  it('warns about topk in alerts and absent() alerts without for', () => {
    const text = ruleFile(
      alert('A', 'topk(3, x) > 1'),
      alert('B', 'absent(up{job="a"})').replace('  for: 5m\n', ''),
      alert('C', 'absent(up{job="a"})'),
    );
    expect(check('promql/fragile', text).map((l) => l.replace(/(alert)[: ].*/, '$1'))).toEqual([
      '5:15 warning promql/fragile topk() in an alert',
      '14:15 warning promql/fragile absent() alert',
    ]);
  });
});

describe('rule/dependency', () => {
  it('warns about recording rules no linted file defines', () => {
    const text = ruleFile(
      '- record: job:x:rate5m\n  expr: sum by (job) (rate(x_total[5m]))',
      alert('A', 'job:x:rate5m > 1 and job:y:rate5m > 1'),
    );
    expect(check('rule/dependency', text)).toEqual([
      '7:36 warning rule/dependency reads "job:y:rate5m", a recording rule (its name has ":") that no linted file defines',
    ]);
  });
});
