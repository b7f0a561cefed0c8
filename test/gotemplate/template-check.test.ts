import {
  checkTemplate,
  isTemplateLoadError,
  labelsReferenced,
  type TemplateCheckOptions,
  type TemplateDiagnostic,
} from '../../src/gotemplate';

const V242: TemplateCheckOptions = { prometheusVersion: '2.42' };

/** `line:column code message` of each diagnostic: compact and readable in failures. */
function summary(text: string, options: TemplateCheckOptions = V242): string[] {
  return checkTemplate(text, options).map((d) => `${d.line}:${d.column} ${d.code} ${d.message}`);
}

function only(text: string, options: TemplateCheckOptions = V242): TemplateDiagnostic {
  const all = checkTemplate(text, options);
  expect(all).toHaveLength(1);
  return all[0];
}

describe('checkTemplate: templates Prometheus loads and renders', () => {
  it.each([
    'no actions at all',
    '{{ $labels.instance }} of job {{ $labels.job }} has been down for more than 5 minutes.',
    '{{ $value | humanizePercentage }} of requests fail',
    '{{ $value | printf "%.2f" }}',
    '{{ printf "%.1f%%" $value }}',
    '{{ with query "up" }}{{ . | first | value | humanize }}{{ end }}',
    '{{ range query "up" }}{{ .Labels.instance }} {{ .Value }}{{ end }}',
    '{{ range $i, $s := query "up" | sortByLabel "instance" }}{{ if $i }}, {{ end }}{{ $s | label "instance" }}{{ end }}',
    '{{ reReplaceAll "(.*):.*" "$1" $labels.instance }}',
    '{{ if match "^prod" $labels.env }}page{{ else }}ticket{{ end }}',
    '{{ $labels.instance | stripPort | stripDomain | toUpper }}',
    '{{ humanizeDuration (parseDuration "1h30m") }} {{ humanizeTimestamp 1e9 }} {{ humanize1024 1024 }}',
    '{{ graphLink "up" }} {{ tableLink "up" }} {{ pathPrefix }} {{ externalURL }} {{ $externalURL }}',
    '{{ (toTime 0).Format "2006" }}',
    '{{ define "host" }}{{ .Labels.instance }}{{ end }}{{ template "host" . }}',
    '{{ block "summary" . }}{{ .Labels.job }} {{ $.Value }}{{ end }}',
    '{{- /* comment */ -}}\n{{- if gt $value 0.5 -}}\n  high\n{{- else if gt $value 0.1 -}}\n  medium\n{{- else -}}\n  low\n{{- end -}}',
    '{{ range $k, $v := $labels }}{{ $k }}={{ $v | toUpper }} {{ end }}',
    '{{ $x := 1 }}{{ if true }}{{ $x = 2 }}{{ end }}{{ $x }}',
    '{{ index $labels "instance" }} {{ len $labels }} {{ and true 1 }} {{ eq $labels.a "b" "c" }}',
    '{{ range query "up" }}{{ if eq .Value 0.0 }}{{ continue }}{{ end }}{{ break }}{{ end }}',
  ])('%j has no findings', (text) => {
    expect(summary(text)).toEqual([]);
  });
});

describe('checkTemplate: positions', () => {
  it('gives 1-based line and column inside a multi-line template', () => {
    const text = 'Instance {{ $labels.instance }}\n  is down: {{ $value\n    | humanize\n    | nosuch }}';
    expect(summary(text)).toEqual(['4:7 undefined-function function "nosuch" not defined']);
  });

  it('counts columns in characters, with CRLF line ends counting one line', () => {
    expect(summary('é→ {{ $nope }}')).toEqual(['1:7 undefined-variable undefined variable "$nope"']);
    expect(summary('a\r\nb\r\n{{ $nope }}')).toEqual(['3:4 undefined-variable undefined variable "$nope"']);
    expect(summary('😀 {{ $nope }}')).toEqual(['1:6 undefined-variable undefined variable "$nope"']);
  });

  it('places "unexpected EOF" at the end and "unclosed action" where Go stops, naming the start line', () => {
    expect(summary('{{ if true }}\nbody\n')).toEqual(['3:1 syntax-error unexpected EOF']);
    expect(summary('a\n{{ 1 \n')).toEqual(['3:1 syntax-error unclosed action started at line 2']);
    expect(summary('a\n{{ "x\n}}')).toEqual(['2:4 syntax-error unterminated quoted string']);
    expect(summary('{{ printf "%s"\n  "unterminated }}')).toEqual([
      '2:3 syntax-error unterminated quoted string in action started at line 1',
    ]);
  });

  it('points at the offending token of a syntax error', () => {
    expect(summary('ok {{ end }}')).toEqual(['1:7 syntax-error unexpected {{end}}']);
    expect(summary('{{ 1 | 2 }}')).toEqual(['1:8 syntax-error non executable command in pipeline stage 2']);
    expect(summary('{{ 1.5x }}')).toEqual(['1:4 syntax-error bad number syntax: "1.5x"']);
  });

  it('orders findings by position and reports every undefined name, not only the first', () => {
    expect(summary('{{ $a }} {{ f1 }}\n{{ $b | f2 }}')).toEqual([
      '1:4 undefined-variable undefined variable "$a"',
      '1:13 undefined-function function "f1" not defined',
      '2:4 undefined-variable undefined variable "$b"',
      '2:9 undefined-function function "f2" not defined',
    ]);
  });
});

describe('checkTemplate: syntax errors (load errors, Go wording)', () => {
  it.each([
    ['{{ $value', 'unclosed action'],
    ['{{ if 1 }}x', 'unexpected EOF'],
    ['{{ range . }}', 'unexpected EOF'],
    ['{{ define "x" }}', 'unexpected EOF'],
    ['{{ end }}', 'unexpected {{end}}'],
    ['{{ else }}', 'unexpected {{else}}'],
    ['{{ else if 1 }}', 'unexpected {{else}}'],
    ['{{ if 1 }}{{ else }}{{ else }}{{ end }}', 'expected end; found {{else}}'],
    ['{{ with . }}{{ else if 1 }}{{ end }}', 'unexpected <if> in input'],
    ['{{ define "a" }}{{ else }}{{ end }}', 'unexpected {{else}} in define clause'],
    ['{{ end 1 }}', 'unexpected "1" in end'],
    ['{{ "abc }}', 'unterminated quoted string'],
    ['{{ `abc }}', 'unterminated raw quoted string'],
    ["{{ 'a }}", 'unterminated character constant'],
    ["{{ 'ab' }}", "malformed character constant: 'ab'"],
    ["{{ '' }}", 'invalid syntax'],
    ['{{ "\\400" }}', 'invalid syntax'],
    ['{{ 1x }}', 'bad number syntax: "1x"'],
    ['{{ 0b2 }}', 'bad number syntax: "0b2"'],
    ['{{ 1+2 }}', 'bad number syntax: "1+2"'],
    ['{{ 0x }}', 'illegal number syntax: "0x"'],
    ['{{ 1e400 }}', 'illegal number syntax: "1e400"'],
    ['{{ 1__0 }}', 'illegal number syntax: "1__0"'],
    ['{{ 08 }}', 'integer overflow: "08"'],
    ['{{ 18446744073709551616 }}', 'integer overflow: "18446744073709551616"'],
    ['{{ 1+i }}', 'syntax error scanning complex number'],
    ['{{ 1+0x2i }}', 'strconv.ParseFloat: parsing "+0x2": invalid syntax'],
    ['{{ - }}', 'illegal number syntax: "-"'],
    ['{{ (1 }}', 'unclosed left paren'],
    ['{{ 1) }}', 'unexpected ")" in command'],
    ['{{ () }}', 'missing value for parenthesized pipeline'],
    ['{{ }}', 'missing value for command'],
    ['{{ if }}{{ end }}', 'missing value for if'],
    ['{{ block "b" }}{{ end }}', 'missing value for block clause'],
    ['{{ | }}', 'unexpected "|" in command'],
    ['{{ 1, 2 }}', 'unexpected "," in operand'],
    ['{{ . | 1 }}', 'non executable command in pipeline stage 2'],
    ['{{ "a" | printf | "b" }}', 'non executable command in pipeline stage 3'],
    ['{{ foo} }}', "bad character U+007D '}'"],
    ['{{ $x=1 }}', "bad character U+003D '='"],
    ['{{ ✓ }}', "unrecognized character in action: U+2713 '✓'"],
    ['{{ # }}', 'unexpected "#" in command'],
    ['{{ :}}', 'expected :='],
    ['{{/* never closed', 'unclosed comment'],
    ['{{/* c */ }}', 'comment ends before closing delimiter'],
    ['{{ true.x }}', 'unexpected . after term "true"'],
    ['{{ "a".b }}', 'unexpected . after term "\\"a\\""'],
    ['{{ .a..b }}', 'unexpected <.> in operand'],
    ['{{ end "abcdefghijklmnop" }}', 'unexpected "\\"abcdefghi"... in end'],
    ['{{ template x }}', 'unexpected "x" in template clause'],
    ['{{ define x }}{{ end }}', 'unexpected "x" in define clause'],
    ['{{ if 1 }}{{ define "x" }}{{ end }}{{ end }}', 'unexpected <define> in command'],
    ['{{ break }}', '{{break}} outside {{range}}'],
    ['{{ range . }}{{ else }}{{ continue }}{{ end }}', '{{continue}} outside {{range}}'],
    ['{{ range . }}{{ define "x" }}{{ end }}{{ end }}', 'unexpected <define> in command'],
    ['{{ define "x" }}{{ break }}{{ end }}', '{{break}} outside {{range}}'],
    ['{{ range . }}{{ break 1 }}{{ end }}', 'unexpected "1" in {{break}}'],
  ])('%j: %s', (text, message) => {
    const d = checkTemplate(text, V242)[0];
    expect(d).toMatchObject({ message, severity: 'error', code: 'syntax-error' });
    expect(isTemplateLoadError(d)).toBe(true);
  });

  it('stops at the first syntax error, as Go does', () => {
    expect(summary('{{ end }}{{ if }}')).toEqual(['1:4 syntax-error unexpected {{end}}']);
  });
});

describe('checkTemplate: declarations, assignments and scopes', () => {
  it.each([
    ['{{ $x, $y := 1 }}', 'too many declarations in command'],
    ['{{ if $a, $b := 1 }}{{ end }}', 'too many declarations in if'],
    ['{{ range $a, $b, $c := . }}{{ end }}', 'too many declarations in range'],
    ['{{ range $a, 1 }}{{ end }}', 'range can only initialize variables'],
    ['{{ := 1 }}', 'unexpected ":=" in command'],
    ['{{ 1 := 2 }}', 'unexpected ":=" in operand'],
    ['{{ .a := 2 }}', 'unexpected ":=" in operand'],
    ['{{ $x := }}', 'missing value for command'],
  ])('wrong use of := in %j: %s', (text, message) => {
    expect(only(text)).toMatchObject({ message, code: 'syntax-error' });
  });

  it.each([
    ['{{ $foo }}', '$foo'],
    ['{{ with $x := 1 }}{{ end }}{{ $x }}', '$x'],
    ['{{ if $x := 1 }}{{ $x }}{{ end }}{{ $x }}', '$x'],
    ['{{ range $i, $e := . }}{{ end }}{{ $e }}', '$e'],
    ['{{ range $i, $e }}{{ end }}', '$e'],
    ['{{ $y := 1 }}{{ define "d" }}{{ $y }}{{ end }}', '$y'],
    ['{{ define "d" }}{{ $labels.x }}{{ end }}', '$labels'],
    ['{{ block "b" . }}{{ $value }}{{ end }}', '$value'],
  ])('%j uses an undefined variable %s', (text, name) => {
    expect(only(text)).toMatchObject({
      message: `undefined variable "${name}"`,
      code: 'undefined-variable',
      severity: 'error',
    });
  });

  it.each([
    '{{ $x := 1 }}{{ $x }}',
    '{{ with $x := 1 }}{{ $x }}{{ else }}{{ $x }}{{ end }}',
    '{{ if 1 }}{{ $x := 1 }}{{ else }}{{ $x }}{{ end }}',
    '{{ range $i, $e := . }}{{ $i }}{{ $e }}{{ end }}',
    '{{ ($x := 1) }}{{ $x }}',
    '{{ $ }} {{ $.Labels.a }}',
    '{{ define "d" }}{{ $ }}{{ $.x }}{{ end }}',
    '{{ $labels := 1 }}{{ $labels }}',
  ])('%j declares what it uses (Go scoping)', (text) => {
    expect(checkTemplate(text, V242).filter(isTemplateLoadError)).toEqual([]);
  });

  it('lets the top-level declarations persist after their action, until the enclosing end', () => {
    expect(summary('{{ if 1 }}{{ $a := 1 }}{{ end }}{{ $a }}')).toEqual([
      '1:36 undefined-variable undefined variable "$a"',
    ]);
  });

  it('reports an undefined variable before a later syntax error, as Go reports it first', () => {
    expect(summary('{{ $x.a := 1 }}')).toEqual([
      '1:4 undefined-variable undefined variable "$x"',
      '1:9 syntax-error unexpected ":=" in operand',
    ]);
  });

  it('reports assigning a variable never declared: it loads, then fails to render', () => {
    expect(only('{{ $x = 1 }}')).toMatchObject({
      code: 'assign-undeclared',
      message: 'undefined variable: $x',
      severity: 'error',
    });
    expect(isTemplateLoadError(only('{{ $x = 1 }}'))).toBe(false);
  });
});

describe('checkTemplate: functions by Prometheus release', () => {
  it('knows which functions each release has', () => {
    expect(only('{{ now }}')).toMatchObject({
      code: 'unsupported-function',
      message: 'function "now" not defined (added in Prometheus 3.6; checking for 2.42)',
    });
    expect(summary('{{ now | humanizeTimestamp }} {{ 1 | toDuration }}', { prometheusVersion: '3.6' })).toEqual([]);
    expect(summary('{{ urlQueryEscape "a b" }}', { prometheusVersion: '3.7' })).toHaveLength(1);
    expect(summary('{{ urlQueryEscape "a b" }}', { prometheusVersion: '3.8.0' })).toEqual([]);
    expect(summary('{{ stripPort "a:1" }}', { prometheusVersion: '2.32' })).toHaveLength(1);
    expect(summary('{{ stripPort "a:1" }}', { prometheusVersion: '2.33' })).toEqual([]);
    expect(summary('{{ toTime 1 }}', { prometheusVersion: 'v2.37.1' })).toHaveLength(1);
  });

  it('refuses names no release has, including the console-only tmpl', () => {
    expect(only('{{ tmpl "x" . }}')).toMatchObject({
      code: 'undefined-function',
      message: 'function "tmpl" not defined',
    });
    expect(only('{{ humanise $value }}')).toMatchObject({
      code: 'undefined-function',
      message: 'function "humanise" not defined',
    });
  });

  it('accepts {{else with}} from Prometheus 3.0 (built with Go 1.23), not in 2.x', () => {
    const text = '{{ with $labels.a }}{{ . }}{{ else with $labels.b }}{{ . }}{{ else }}none{{ end }}';
    expect(summary(text, { prometheusVersion: '3.0' })).toEqual([]);
    expect(summary(text)).toEqual(['1:36 syntax-error unexpected <with> in else']);
  });

  it('defaults to the newest release', () => {
    expect(checkTemplate('{{ now }}')).toEqual([]);
  });

  it('throws on a version it cannot read', () => {
    expect(() => checkTemplate('x', { prometheusVersion: 'latest' })).toThrow(/not a Prometheus version/);
  });
});

describe('checkTemplate: argument counts (execution errors)', () => {
  it.each([
    ['{{ humanize }}', 'wrong number of args for humanize: want 1 got 0'],
    ['{{ humanize 1 2 }}', 'wrong number of args for humanize: want 1 got 2'],
    ['{{ 2 | humanize 1 }}', 'wrong number of args for humanize: want 1 got 2'],
    ['{{ reReplaceAll "a" "b" }}', 'wrong number of args for reReplaceAll: want 3 got 2'],
    ['{{ reReplaceAll "a" "b" "c" "d" }}', 'wrong number of args for reReplaceAll: want 3 got 4'],
    ['{{ printf }}', 'wrong number of args for printf: want at least 1 got 0'],
    ['{{ label "instance" }}', 'wrong number of args for label: want 2 got 1'],
    ['{{ match "x" }}', 'wrong number of args for match: want 2 got 1'],
    ['{{ query }}', 'wrong number of args for query: want 1 got 0'],
    ['{{ pathPrefix 1 }}', 'wrong number of args for pathPrefix: want 0 got 1'],
    ['{{ eq 1 }}', 'wrong number of args for eq: want at least 2 got 1'],
    ['{{ lt 1 2 3 }}', 'wrong number of args for lt: want 2 got 3'],
    ['{{ and }}', 'wrong number of args for and: want at least 1 got 0'],
    ['{{ len }}', 'wrong number of args for len: want 1 got 0'],
    ['{{ slice "abc" 1 2 3 4 }}', 'wrong number of args for slice: want at most 4 got 5'],
    ['{{ printf "%s" humanize }}', 'wrong number of args for humanize: want 1 got 0'],
  ])('%j: %s', (text, message) => {
    const d = only(text);
    expect(d).toMatchObject({ message, code: 'wrong-arg-count', severity: 'error' });
    expect(isTemplateLoadError(d)).toBe(false);
  });

  it.each([
    '{{ $value | humanize }}',
    '{{ "x:1" | reReplaceAll ":.*" "" }}',
    '{{ query "up" | first | label "instance" }}',
    '{{ $labels.instance | match "^a" }}',
    '{{ printf "%v" }}',
    '{{ "fmt %v" | printf }}',
    '{{ print }} {{ args }} {{ html }}',
    '{{ with query "up" }}{{ . | len }}{{ end }}',
  ])('counts the piped value as the last argument: %j', (text) => {
    expect(checkTemplate(text, V242).filter((d) => d.code === 'wrong-arg-count')).toEqual([]);
  });
});

describe('checkTemplate: other execution errors', () => {
  it.each([
    ['{{ $value | toUpper }}', 'wrong-arg-type', 'toUpper: wrong type for value; expected string; got float64'],
    ['{{ toUpper $value }}', 'wrong-arg-type', 'toUpper: wrong type for value; expected string; got float64'],
    ['{{ toUpper 1 }}', 'wrong-arg-type', 'toUpper: expected string; found 1'],
    ['{{ query true }}', 'wrong-arg-type', 'query: expected string; found true'],
    ['{{ title nil }}', 'wrong-arg-type', 'title: cannot assign nil to string'],
    [
      '{{ $labels | toLower }}',
      'wrong-arg-type',
      'toLower: wrong type for value; expected string; got map[string]string',
    ],
    [
      '{{ .labels.instance }}',
      'unknown-field',
      expect.stringMatching(/^can't evaluate field labels in type struct \{ Labels/),
    ],
    ['{{ $labels.instance.host }}', 'unknown-field', "can't evaluate field host in type string"],
    ['{{ $value.x }}', 'unknown-field', "can't evaluate field x in type float64"],
    ['{{ .Labels.instance 1 }}', 'not-a-function', 'instance is not a method but has arguments'],
    ['{{ .Value 1 }}', 'not-a-function', 'Value has arguments but cannot be invoked as function'],
    ['{{ $x := 1 }}{{ $x 2 }}', 'not-a-function', "can't give argument to non-function $x"],
    ['{{ $value | $labels }}', 'not-a-function', "can't give argument to non-function $labels"],
    ['{{ 1 2 }}', 'not-a-function', "can't give argument to non-function 1"],
    ['{{ . 1 }}', 'not-a-function', "can't give argument to non-function ."],
    ['{{ nil }}', 'not-a-function', 'nil is not a command'],
    ['{{ template "nowhere" . }}', 'undefined-template', 'template "nowhere" not defined'],
    [
      '{{ reReplaceAll "(a" "" $labels.x }}',
      'invalid-regexp',
      'reReplaceAll: error parsing regexp: missing closing ): `(a`',
    ],
    [
      '{{ match "a**" "x" }}',
      'invalid-regexp',
      'match: error parsing regexp: invalid nested repetition operator: `**`',
    ],
    ['{{ parseDuration "5x" }}', 'invalid-duration', 'parseDuration: not a valid duration string: "5x"'],
    ['{{ parseDuration "-5m" }}', 'invalid-duration', 'parseDuration: not a valid duration string: "-5m"'],
  ])('%j: %s', (text, code, message) => {
    expect(only(text)).toMatchObject({ code, message, severity: 'error' });
  });

  it('follows dot into {{define}}d templates called with the alert data', () => {
    expect(summary('{{ define "t" }}{{ .labels }}{{ end }}{{ template "t" . }}')).toEqual([
      "1:20 unknown-field can't evaluate field labels in type struct { Labels map[string]string; ExternalLabels map[string]string; ExternalURL string; Value float64 }",
    ]);
    expect(summary('{{ define "t" }}{{ .labels }}{{ end }}{{ template "t" (query "up") }}')).toEqual([]);
    expect(summary('{{ define "t" }}{{ .labels }}{{ end }}{{ template "t" "text" }}')).toEqual([
      "1:20 unknown-field can't evaluate field labels in type string",
    ]);
  });

  it('accepts negative durations from Prometheus 3.6, and templates defined after their use', () => {
    expect(summary('{{ parseDuration "-5m" }}', { prometheusVersion: '3.6' })).toEqual([]);
    expect(summary('{{ template "later" }}{{ define "later" }}x{{ end }}')).toEqual([]);
  });

  it('reports duplicate template bodies, but lets an empty one be replaced', () => {
    expect(only('{{ define "a" }}x{{ end }}{{ define "a" }}y{{ end }}')).toMatchObject({
      code: 'multiple-definition',
      message: 'multiple definition of template "a"',
      line: 1,
      column: 37,
    });
    expect(summary('{{ define "a" }} {{ end }}{{ define "a" }}y{{ end }}')).toEqual([]);
  });

  it('keeps only load errors with runtimeChecks: false', () => {
    expect(checkTemplate('{{ humanize }}{{ $value }}', { ...V242, runtimeChecks: false, where: 'label' })).toEqual([]);
    expect(checkTemplate('{{ humanize }}{{ foo }}', { ...V242, runtimeChecks: false }).map((d) => d.code)).toEqual([
      'undefined-function',
    ]);
  });
});

describe('checkTemplate: warnings', () => {
  it('warns about $value in an alert label, not in an annotation', () => {
    expect(only('{{ $value }}', { ...V242, where: 'label' })).toMatchObject({
      code: 'value-in-label',
      severity: 'warning',
      line: 1,
      column: 4,
      message: expect.stringContaining('every new value ends the alert and starts a new one'),
    });
    expect(checkTemplate('{{ $value }}', { ...V242, where: 'annotation' })).toEqual([]);
    expect(checkTemplate('{{ $value }}', V242)).toEqual([]);
  });

  it('finds the value however it is reached, and says so when it only decides a condition', () => {
    const label: TemplateCheckOptions = { ...V242, where: 'label' };
    expect(summary('{{ .Value | humanize }}', label)).toHaveLength(1);
    expect(summary('{{ $.Value }}', label)).toHaveLength(1);
    expect(summary('{{ $v := $value }}{{ $v }}', label)).toHaveLength(2);
    expect(only('{{ if gt $value 10.0 }}critical{{ else }}warning{{ end }}', label).message).toMatch(
      /decides this label/,
    );
    expect(summary('{{ $labels.severity }}', label)).toEqual([]);
  });

  it('warns when a literal printf format and its arguments disagree', () => {
    expect(only('{{ printf "%s is %.1f%%" $labels.instance }}')).toMatchObject({
      code: 'printf-args',
      severity: 'warning',
      message: 'printf format "%s is %.1f%%" wants 2 arguments, got 1',
    });
    expect(checkTemplate('{{ $value | printf "%.2f" }}', V242)).toEqual([]);
    expect(checkTemplate('{{ printf "%*d|%-5s|%%" 3 1 "x" }}', V242)).toEqual([]);
    expect(checkTemplate('{{ printf "%[2]s %[1]s" "a" }}', V242)).toEqual([]);
  });
});

describe('labelsReferenced', () => {
  it('lists $labels.<name> and .Labels.<name> with their positions', () => {
    expect(labelsReferenced('{{ $labels.instance }} of {{ .Labels.job }}\n{{ $.Labels.env }}')).toEqual([
      { name: 'instance', line: 1, column: 4 },
      { name: 'job', line: 1, column: 30 },
      { name: 'env', line: 2, column: 4 },
    ]);
  });

  it('follows variables, with, index and templates called with the alert data', () => {
    const text =
      '{{ $l := $labels }}{{ $l.pod }}' +
      '{{ index $labels "namespace" }}' +
      '{{ with $labels }}{{ .container }}{{ end }}' +
      '{{ define "t" }}{{ .Labels.node }}{{ end }}{{ template "t" . }}';
    expect(labelsReferenced(text).map((r) => r.name)).toEqual(['pod', 'namespace', 'container', 'node']);
  });

  it('ignores what is not the alert: query results, external labels, shadowed $labels', () => {
    const text =
      '{{ range query "up" }}{{ .Labels.instance }}{{ end }}' +
      '{{ $externalLabels.cluster }}' +
      '{{ with query "x" }}{{ (. | first).Labels.a }}{{ end }}' +
      '{{ define "t" }}{{ .Labels.b }}{{ end }}';
    expect(labelsReferenced(text)).toEqual([]);
    expect(labelsReferenced('{{ $labels := query "up" }}{{ $labels.x }}')).toEqual([]);
  });

  it('lists each use, in conditions too, and those before a syntax error', () => {
    expect(labelsReferenced('{{ if eq $labels.severity "page" }}{{ $labels.severity }}{{ end }}')).toEqual([
      { name: 'severity', line: 1, column: 10 },
      { name: 'severity', line: 1, column: 39 },
    ]);
    expect(labelsReferenced('{{ $labels.a }} {{ $labels.b | ').map((r) => r.name)).toEqual(['a', 'b']);
  });
});
