/**
 * The checker against the real thing: promtool 2.42's load verdicts (`promtool check rules`) and
 * renderings (`promtool test rules`) on tables of templates. Skipped, with the reason printed, when promtool
 * is not on PATH, unless CI=true.
 */
import { checkTemplate, isTemplateLoadError, type TemplateDiagnostic } from '../../src/gotemplate';
import { probePromtool, promtoolLoadErrors, promtoolRender, type PromtoolLoadError } from './promtool-oracle';

/** The release of the promtool these tables were written against (Debian's 2.42, built with Go 1.19). */
const VERSION = '2.42';

const probe = probePromtool();
const describeWithPromtool = probe.available ? describe : describe.skip;

/**
 * Templates and what Prometheus 2.42 does with them at load time; `null` means it loads. The expectations
 * are promtool's, pinned so that a difference is visible in the table and not only as a disagreement.
 * `goLine` is set where Go reports a later line than the token at fault (the line of its lookahead).
 */
const LOAD_CASES: ReadonlyArray<{ template: string; error: string | null; goLine?: number }> = [
  // Valid.
  { template: 'plain text, no actions', error: null },
  { template: '{{ $value }}', error: null },
  { template: '{{ $labels.instance }} is down', error: null },
  { template: '{{ .Labels.job }} {{ $.Value }} {{ $externalLabels.cluster }} {{ $externalURL }}', error: null },
  { template: '{{ $value | printf "%.2f" }}', error: null },
  { template: '{{ $value | humanizePercentage }}', error: null },
  { template: '{{ range query "up" }}{{ .Labels.instance }}{{ end }}', error: null },
  { template: '{{ with query "up" }}{{ . | first | value | humanize }}{{ end }}', error: null },
  { template: '{{ range $i, $e := query "up" }}{{ $i }}={{ $e.Value }}{{ else }}none{{ end }}', error: null },
  {
    template: '{{- if gt $value 0.9 -}} high {{- else if gt $value 0.5 -}} mid {{- else -}} low {{- end -}}',
    error: null,
  },
  { template: '{{/* a comment */}}{{- /* trimmed */ -}}x', error: null },
  {
    template: '{{ define "a" }}A{{ end }}{{ define "b" }}{{ template "a" . }}{{ end }}{{ template "b" . }}',
    error: null,
  },
  { template: '{{ block "x" . }}{{ .Labels.a }}{{ end }}', error: null },
  { template: '{{ range query "up" }}{{ if eq .Value 0.0 }}{{ continue }}{{ end }}{{ break }}{{ end }}', error: null },
  {
    template:
      '{{ \'a\' }} {{ `raw\nstring` }} {{ 0x1F }} {{ 1_000 }} {{ 1e3 }} {{ -.5 }} {{ 1+2i }} {{ nil | printf "%v" }}',
    error: null,
  },
  { template: '{{ $x := 1 }}{{ $x = 2 }}{{ $x }}', error: null },
  { template: '{{ toTime 1 }} {{ stripPort "a:1" }} {{ stripDomain "a.b" }} {{ parseDuration "1m" }}', error: null },
  { template: '{{ humanize }} {{ reReplaceAll "a" "b" }} {{ printf }} {{ label "a" }} {{ match "x" }}', error: null },
  { template: '{{ template "nowhere" }}', error: null },
  { template: '{{ 1 | }}', error: null },
  // Syntax errors.
  { template: '{{ $value', error: 'unclosed action' },
  { template: 'a\n{{ 1\n', error: 'unclosed action started at line 2' },
  { template: '{{ if true }}x', error: 'unexpected EOF' },
  { template: 'x {{ end }}', error: 'unexpected {{end}}' },
  { template: '{{ else }}', error: 'unexpected {{else}}' },
  { template: '{{ if 1 }}{{ else }}{{ else }}{{ end }}', error: 'expected end; found {{else}}' },
  { template: '{{ with 1 }}{{ else with 2 }}{{ end }}', error: 'unexpected <with> in else' },
  { template: '{{ "unterminated }}', error: 'unterminated quoted string' },
  { template: '{{ `raw }}', error: 'unterminated raw quoted string' },
  { template: "{{ 'ab' }}", error: "malformed character constant: 'ab'" },
  { template: '{{ 1x }}', error: 'bad number syntax: "1x"' },
  { template: '{{ 08 }}', error: 'integer overflow: "08"' },
  { template: '{{ 0x }}', error: 'illegal number syntax: "0x"' },
  { template: '{{ "\\q" }}', error: 'invalid syntax' },
  { template: '{{ (1 }}', error: 'unclosed left paren' },
  { template: '{{ 1) }}', error: 'unexpected ")" in command' },
  { template: '{{ }}', error: 'missing value for command' },
  { template: '{{ if }}{{ end }}', error: 'missing value for if' },
  { template: '{{ . | 1 }}', error: 'non executable command in pipeline stage 2' },
  { template: '{{ foo} }}', error: "bad character U+007D '}'" },
  { template: '{{ ✓ }}', error: "unrecognized character in action: U+2713 '✓'" },
  { template: '{{/* open', error: 'unclosed comment' },
  { template: '{{/* c */ }}', error: 'comment ends before closing delimiter' },
  { template: '{{ break }}', error: '{{break}} outside {{range}}' },
  { template: '{{ range $a, $b, $c := . }}{{ end }}', error: 'too many declarations in range' },
  { template: '{{ $x, $y := 1 }}', error: 'too many declarations in command' },
  { template: '{{ 1 := 2 }}', error: 'unexpected ":=" in operand' },
  { template: '{{ "a".b }}', error: 'unexpected . after term "\\"a\\""' },
  { template: '{{ end "abcdefghijklmnop" }}', error: 'unexpected "\\"abcdefghi"... in end' },
  { template: '{{ if true }}{{ define "x" }}{{ end }}{{ end }}', error: 'unexpected <define> in command' },
  { template: '{{ define "a" }}x{{ end }}{{ define "a" }}y{{ end }}', error: 'multiple definition of template "a"' },
  // Undefined functions and variables.
  { template: '{{ $value | foo }}', error: 'function "foo" not defined' },
  { template: '{{ now }}', error: 'function "now" not defined' },
  { template: '{{ urlQueryEscape "a b" }}', error: 'function "urlQueryEscape" not defined' },
  { template: '{{ tmpl "x" . }}', error: 'function "tmpl" not defined' },
  { template: '{{ $foo }}', error: 'undefined variable "$foo"' },
  { template: '{{ with $x := 1 }}{{ $x }}{{ end }}{{ $x }}', error: 'undefined variable "$x"' },
  { template: '{{ range $i, $e := . }}{{ end }}{{ $e }}', error: 'undefined variable "$e"' },
  { template: '{{ define "d" }}{{ $value }}{{ end }}', error: 'undefined variable "$value"' },
  { template: 'line 1\n{{ $labels.a }}\n{{ $nope\n}}', error: 'undefined variable "$nope"', goLine: 4 },
];

function firstLoadError(template: string): TemplateDiagnostic | undefined {
  return checkTemplate(template, { prometheusVersion: VERSION }).find(isTemplateLoadError);
}

/** Our first load error agrees with Go's: same message (ours may add a parenthesised hint), same line. */
function agrees(ours: TemplateDiagnostic | undefined, go: PromtoolLoadError | undefined, goLine?: number): boolean {
  if (!ours || !go) return !ours && !go;
  const sameMessage = ours.message === go.message || ours.message.startsWith(`${go.message} (`);
  return sameMessage && (goLine === undefined ? ours.line === go.line : go.line === goLine);
}

describeWithPromtool(`agreement with promtool (${probe.available ? probe.version : 'absent'})`, () => {
  const templates = LOAD_CASES.map((c) => c.template);

  it('pins the table to what promtool check rules says', () => {
    const go = promtoolLoadErrors(templates);
    const pinned = LOAD_CASES.map((c, i) => ({ template: c.template, error: go.get(i)?.message ?? null }));
    expect(pinned).toEqual(LOAD_CASES.map(({ template, error }) => ({ template, error })));
  });

  it.each(['annotation', 'label'] as const)(
    'agrees with promtool on every %s template: verdict, message and line',
    (placement) => {
      const go = promtoolLoadErrors(templates, placement);
      const disagreements = LOAD_CASES.filter((c, i) => !agrees(firstLoadError(c.template), go.get(i), c.goLine)).map(
        (c) => c.template,
      );
      expect(disagreements).toEqual([]);
    },
  );

  it('agrees with promtool on 1,500 mutated templates (verdict and message; Go lines only ever later)', () => {
    const mutated = mutations(1500);
    const go = promtoolLoadErrors(mutated);
    let lineAgreement = 0;
    const disagreements: string[] = [];
    mutated.forEach((t, i) => {
      const ours = firstLoadError(t);
      const theirs = go.get(i);
      const same =
        !ours || !theirs
          ? !ours && !theirs
          : ours.message === theirs.message || ours.message.startsWith(`${theirs.message} (`);
      if (!same || (ours && theirs && theirs.line < ours.line)) disagreements.push(t);
      if (!ours || !theirs || ours.line === theirs.line) lineAgreement++;
    });
    console.log(
      `promtool agreement on ${mutated.length} mutated templates: ${mutated.length - disagreements.length} verdicts+messages, ${lineAgreement} lines (${go.size} refused)`,
    );
    expect(disagreements).toEqual([]);
  });

  it('agrees with rendering by promtool test rules: our execution errors are exactly the templates that fail to render', () => {
    const cases = RENDER_CASES.map((c) => c.template);
    const rendered = promtoolRender(cases);
    const results = RENDER_CASES.map((c, i) => {
      const output = rendered.get(i) ?? '';
      const ours = checkTemplate(c.template, { prometheusVersion: VERSION }).filter((d) => d.severity === 'error');
      return {
        template: c.template,
        failsToRender: output.startsWith('<error expanding template'),
        weReport: ours.map((d) => d.code),
      };
    });
    expect(results.filter((r) => r.failsToRender !== r.weReport.length > 0)).toEqual([]);
    expect(results.map((r) => r.failsToRender)).toEqual(RENDER_CASES.map((c) => c.fails));
  });
});

/**
 * Templates that all load, rendered for alert `{alertname="A", instance="x:9090"}` with value 0.5.
 * `fails`: Go's execution fails (the arity and type errors that promtool check rules cannot see).
 */
const RENDER_CASES: ReadonlyArray<{ template: string; fails: boolean }> = [
  { template: '{{ $value | humanizePercentage }}', fails: false },
  { template: '{{ humanize $value }} {{ 1 | humanize }}', fails: false },
  { template: '{{ humanize }}', fails: true },
  { template: '{{ humanize 1 2 }}', fails: true },
  { template: '{{ 2 | humanize 1 }}', fails: true },
  { template: '{{ "x:1" | reReplaceAll ":.*" "" }}', fails: false },
  { template: '{{ reReplaceAll ":.*" "" }}', fails: true },
  { template: '{{ printf }}', fails: true },
  { template: '{{ printf "%s-%s" "a" "b" }}', fails: false },
  { template: '{{ match "x" }}', fails: true },
  { template: '{{ match "x" $labels.instance }}', fails: false },
  { template: '{{ eq 1 }}', fails: true },
  { template: '{{ ne 1 2 3 }}', fails: true },
  { template: '{{ len }}', fails: true },
  { template: '{{ not true false }}', fails: true },
  { template: '{{ index $labels "instance" }} {{ len $labels }}', fails: false },
  { template: '{{ $value | toUpper }}', fails: true },
  { template: '{{ toUpper 1 }}', fails: true },
  { template: '{{ $labels.instance | toUpper }}', fails: false },
  { template: '{{ .labels.instance }}', fails: true },
  { template: '{{ .Labels.instance }}', fails: false },
  { template: '{{ $labels.instance.host }}', fails: true },
  { template: '{{ $value.x }}', fails: true },
  { template: '{{ .Labels.instance 1 }}', fails: true },
  { template: '{{ $x := 1 }}{{ $x 2 }}', fails: true },
  { template: '{{ 1 2 }}', fails: true },
  { template: '{{ nil }}', fails: true },
  { template: '{{ template "nowhere" }}', fails: true },
  { template: '{{ define "t" }}{{ .Labels.instance }}{{ end }}{{ template "t" . }}', fails: false },
  { template: '{{ define "t" }}{{ .labels }}{{ end }}{{ template "t" . }}', fails: true },
  { template: '{{ $y = 1 }}', fails: true },
  { template: '{{ reReplaceAll "(a" "" "x" }}', fails: true },
  { template: '{{ match "[" "x" }}', fails: true },
  { template: '{{ parseDuration "5x" }}', fails: true },
  { template: '{{ parseDuration "1h30m" }}', fails: false },
  { template: '{{ range $k, $v := $labels }}{{ $k }}={{ $v | toUpper }} {{ end }}', fails: false },
  { template: '{{ with query "up" }}{{ . | len }}{{ end }}', fails: false },
  { template: '{{ printf "%d %d" 1 }}', fails: false },
];

/** Deterministic mutations (deletions, insertions, replacements) of valid templates: a small fuzzer. */
function mutations(count: number): string[] {
  const seeds = [
    ...LOAD_CASES.filter((c) => c.error === null).map((c) => c.template),
    'multi\nline {{ $labels.a\n | toUpper }}\n{{ end }}',
    '{{ (printf "%s" "a").x }} {{ index $labels "job" | toUpper }} {{ and (not true) (or 1 0) }}',
  ];
  const pieces = [
    '{',
    '}',
    '(',
    ')',
    '|',
    '$',
    '.',
    '"',
    "'",
    '`',
    '-',
    ':',
    '=',
    ',',
    ' ',
    '\n',
    '\t',
    'if ',
    'end',
    'else ',
    'range ',
    'with ',
    'define ',
    ':=',
    '/*',
    '*/',
    '{{',
    '}}',
    ' -}}',
    '{{- ',
    '\\',
    'é',
    '0x',
    'e',
    '_',
    'x',
    '1',
  ];
  let state = 20240601;
  const rand = (n: number): number => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state % n;
  };
  const out: string[] = [];
  for (let k = 0; k < count; k++) {
    let s = seeds[rand(seeds.length)];
    for (let e = 1 + rand(3); e > 0; e--) {
      const p = rand(s.length + 1);
      const piece = pieces[rand(pieces.length)];
      const op = rand(3);
      s =
        op === 0
          ? s.slice(0, p) + s.slice(p + 1 + rand(3))
          : op === 1
            ? s.slice(0, p) + piece + s.slice(p)
            : s.slice(0, p) + piece + s.slice(p + 1);
    }
    out.push(s);
  }
  return out;
}
