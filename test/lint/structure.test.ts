import { alert, brief, lintText, only, ruleFile } from './helpers';

const structure = (text: string, config = {}): string[] => brief(lintText(text, config), 'yaml/structure');

describe('yaml/structure', () => {
  it('reports YAML syntax errors at their position, as errors', () => {
    const r = lintText('groups:\n  - name: a\n    rules: [\n');
    expect(brief(r)).toEqual([expect.stringMatching(/^4:1 error yaml\/structure YAML: /)]);
  });

  it('reports duplicate mapping keys, which Prometheus refuses too', () => {
    expect(structure(ruleFile(alert('A', 'up == 0', 'expr: up == 1')))).toEqual([
      expect.stringMatching(/duplicated mapping key/),
    ]);
  });

  it('refuses unknown fields in files, groups and rules', () => {
    const text =
      'groups:\n  - name: a\n    interval: 1m\n    evaluation_interval: 1m\n    rules:\n      - alert: A\n        expr: up == 0\n        severity: critical\nextra: 1\n';
    expect(structure(text)).toEqual([
      '4:5 error yaml/structure field evaluation_interval not found in rule group',
      '8:9 error yaml/structure rule 1 ("A"): field severity not found in rule',
      '9:1 error yaml/structure field extra not found in type rulefmt.RuleGroups',
    ]);
  });

  it('knows which group fields each Prometheus release has, and accepts configured extra fields', () => {
    const text =
      'groups:\n  - name: a\n    query_offset: 1m\n    labels: {team: x}\n    partial_response_strategy: warn\n    rules: []\n';
    expect(structure(text, { prometheusVersion: '2.42' })).toEqual([
      expect.stringMatching(/^3:5 .*field query_offset not found in rule group/),
      expect.stringMatching(/^4:5 .*field labels not found in rule group/),
      expect.stringMatching(/^5:5 .*field partial_response_strategy not found/),
    ]);
    expect(structure(text, { prometheusVersion: '3.5', extraFields: ['partial_response_strategy'] })).toEqual([]);
  });

  it('needs exactly one of record and alert', () => {
    const text = ruleFile('- alert: A\n  record: a:b:c\n  expr: up', '- expr: up');
    expect(structure(text)).toEqual([
      `4:9 error yaml/structure rule 1 ("A"): only one of 'record' and 'alert' must be set`,
      `7:9 error yaml/structure rule 2 (""): one of 'record' or 'alert' must be set`,
    ]);
  });

  it('reports an empty or missing expr as promql/syntax, since the expression is what Prometheus refuses', () => {
    const text = ruleFile('- alert: B\n  expr: ""', '- alert: C', '- alert: D\n  expr:');
    expect(brief(lintText(text), 'promql/syntax')).toEqual([
      `5:15 error promql/syntax field 'expr' must be set in rule`,
      `6:16 error promql/syntax field 'expr' must be set in rule`,
      `8:9 error promql/syntax field 'expr' must be set in rule`,
    ]);
  });

  it('refuses for, keep_firing_for and annotations on recording rules', () => {
    const text = ruleFile('- record: a:b:c\n  expr: up\n  for: 5m\n  keep_firing_for: 1m\n  annotations: {summary: x}');
    expect(structure(text)).toEqual([
      `6:9 error yaml/structure rule 1 ("a:b:c"): invalid field 'for' in recording rule`,
      `7:9 error yaml/structure rule 1 ("a:b:c"): invalid field 'keep_firing_for' in recording rule`,
      `8:9 error yaml/structure rule 1 ("a:b:c"): invalid field 'annotations' in recording rule`,
    ]);
  });

  it('checks durations as Prometheus parses them', () => {
    const text =
      'groups:\n  - name: a\n    interval: 1.5m\n    rules:\n' +
      ruleFile(alert('A', 'up == 0')).split('\n').slice(3).join('\n').replace('for: 5m', 'for: 5');
    expect(structure(text)).toEqual([
      '3:15 error yaml/structure interval: not a valid duration string: "1.5m"',
      '7:14 error yaml/structure rule 1 ("A"): for: not a valid duration string: "5"',
    ]);
  });

  it('refuses empty and repeated group names', () => {
    const text = 'groups:\n  - name: ""\n    rules: []\n  - name: a\n    rules: []\n  - name: a\n    rules: []\n';
    expect(structure(text)).toEqual([
      '2:11 error yaml/structure Groupname must not be empty',
      '6:11 error yaml/structure groupname: "a" is repeated in the same file',
    ]);
  });

  it('refuses values of the wrong shape', () => {
    const text =
      'groups:\n  - name: a\n    limit: many\n    rules:\n      - alert: A\n        expr: [up]\n        labels: [x]\n';
    expect(structure(text)).toEqual([
      '3:12 error yaml/structure limit: cannot unmarshal "many" into int',
      '6:15 error yaml/structure rule 1: expr must be a single value, got a list',
      '7:17 error yaml/structure rule 1: labels must be a mapping of names to values, got a list',
    ]);
  });

  it('reads PrometheusRule manifests and checks apiVersion, metadata and spec.groups', () => {
    const manifest = [
      'apiVersion: monitoring.coreos.com/v1beta1',
      'kind: PrometheusRule',
      'metadata: {}',
      'spec:',
      '  groups:',
      '    - name: a',
      '      rules:',
      '        - alert: A',
      '          expr: rate(x)',
    ].join('\n');
    const r = lintText(manifest);
    expect(brief(r, 'yaml/structure')).toEqual([
      '1:13 error yaml/structure PrometheusRule apiVersion must be "monitoring.coreos.com/v1", got "monitoring.coreos.com/v1beta1"',
      '3:11 error yaml/structure a PrometheusRule needs metadata.name',
    ]);
    expect(brief(r, 'promql/syntax')).toEqual([
      expect.stringMatching(/^9:22 error promql\/syntax expected type range vector/),
    ]);
    expect(
      structure(
        'apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata: {name: x}\nspec: {groups: [], extra: 1}\n',
      ),
    ).toEqual(['4:20 error yaml/structure unknown field "spec.extra" in PrometheusRule']);
    expect(structure('apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata: {name: x}\n')).toEqual([
      '1:1 error yaml/structure a PrometheusRule needs a spec with groups',
    ]);
  });

  it('reads every document of multi-document files and Lists, skipping other objects', () => {
    const text = [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: {name: x}',
      '---',
      'apiVersion: v1',
      'kind: List',
      'items:',
      '  - apiVersion: v1',
      '    kind: ConfigMap',
      '  - apiVersion: monitoring.coreos.com/v1',
      '    kind: PrometheusRule',
      '    metadata: {name: r}',
      '    spec:',
      '      groups:',
      '        - name: g',
      '          rules:',
      '            - record: a:b:c',
      '              expr: sum(',
      '---',
      'apiVersion: monitoring.coreos.com/v1',
      'kind: PrometheusRule',
      'metadata: {name: s}',
      'spec: {groups: [{name: h, rules: [{record: "x:y:z", expr: "rate(x)"}]}]}',
    ].join('\n');
    const r = lintText(text);
    expect(brief(r, 'promql/syntax').map((s) => s.split(' ')[0])).toEqual(['18:25', '23:65']);
    expect(r.summary).toMatchObject({ groups: 2, rules: 2 });
  });

  it('warns that Prometheus reads only the first document of a plain rule file', () => {
    const text = 'groups: []\n---\ngroups:\n  - name: b\n    rules: []\n';
    expect(structure(text)).toEqual([
      expect.stringMatching(/^3:1 error yaml\/structure Prometheus and promtool read only the first YAML document/),
    ]);
  });

  it('reports a named file that holds neither rules nor Kubernetes objects, but skips it when found in a directory', () => {
    expect(structure('just text\n')).toEqual([
      '1:1 error yaml/structure expected a rule file (a mapping with "groups") or a Kubernetes object, got the text "just text"',
    ]);
    const { lintSources } = jest.requireActual('../../src/lint');
    expect(
      lintSources([{ path: 'x.yaml', content: 'name: compose\n', explicit: false }], { threads: 1 }).diagnostics,
    ).toEqual([]);
  });

  it('accepts an empty file and empty groups, as Prometheus does', () => {
    expect(lintText('').diagnostics).toEqual([]);
    expect(lintText('groups:\n').diagnostics).toEqual([]);
    expect(only(lintText('groups: [{name: a, rules: []}]\n'), 'yaml/structure')).toEqual([]);
  });
});
