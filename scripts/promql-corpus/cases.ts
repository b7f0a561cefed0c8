/**
 * PromQL test corpus: the expressions whose validity promtool (the oracle) is
 * asked about by `record.ts`. The recorded verdicts live in
 * `test/promql/corpus.json` and drive `test/promql/corpus.test.ts`.
 *
 * Two kinds of cases:
 *  - hand-picked edge cases, one named array per category (`HAND_CATEGORIES`);
 *  - generated cases, produced deterministically by small combinatorial
 *    generators (`GENERATORS`), one family per generator.
 *
 * `corpusCases()` merges both, drops duplicates (first occurrence wins, so a
 * hand-picked case keeps its hand category) and keeps declaration order, which
 * makes the recorded corpus stable across runs.
 *
 * Note on escapes: TypeScript string escapes apply first. Where the PromQL
 * text itself contains backslashes, `String.raw` is used so that what you read
 * is exactly what promtool sees.
 */

/** One corpus expression with the place it came from. */
export interface CorpusCase {
  expr: string;
  /** `hand:<category>` or `generated:<family>`. */
  origin: string;
}

const raw = String.raw;

// ---------------------------------------------------------------------------
// Hand-picked edge cases
// ---------------------------------------------------------------------------

/** The invalid queries from the project's seed data, and corrected versions. */
const seedQueries = [
  'count(rlm_active_users[1h])',
  'count_unique(x)',
  'histogram(rlm_api_latency)',
  'forecast_linear(rlm_active_agents[7d], 30d)',
  'rate(rlm_errors[5m]) by (endpoint)',
  'count(count_over_time(rlm_active_users[1h]))',
  'count(count by (user) (rlm_active_users))',
  'histogram_quantile(0.99, sum by (le) (rate(rlm_api_latency_bucket[5m])))',
  'predict_linear(rlm_active_agents[7d], 30 * 86400)',
  'sum by (endpoint) (rate(rlm_errors[5m]))',
];

/** Realistic alerting/recording expressions, mostly valid, plus common mistakes. */
const realisticAlerts = [
  'histogram_quantile(0.95, sum by (le, service) (rate(http_request_duration_seconds_bucket{job="api"}[5m]))) > 0.5',
  'sum by (service) (rate(http_requests_total{code=~"5.."}[5m])) / sum by (service) (rate(http_requests_total[5m])) > 0.05',
  'sum by (job) (rate(errors_total[5m])) / on(job) group_left sum by (job) (rate(requests_total[5m]))',
  'absent(up{job="api"})',
  'absent(up{job="api"} == 1)',
  'up == 0',
  'label_replace(up, "host", "$1", "instance", "(.*):.*")',
  'predict_linear(node_filesystem_avail_bytes{fstype!="tmpfs"}[6h], 4 * 3600) < 0',
  'holt_winters(rate(foo[5m])[1h:], 0.3, 0.3)',
  'vector(1)',
  'time() - x > 3600',
  'time() - process_start_time_seconds > 3600',
  'increase(kube_pod_container_status_restarts_total[1h]) > 3',
  'avg_over_time(up[10m]) < 0.9',
  '(node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes) * 100 < 10',
  '1 - avg by (instance) (rate(node_cpu_seconds_total{mode="idle"}[5m])) > 0.9',
  'sum by (namespace) (kube_pod_status_phase{phase=~"Pending|Unknown"}) > 0',
  'max_over_time(probe_success[5m]) == 0',
  'count by (job) (up == 0) / count by (job) (up) > 0.5',
  'sum(rate(apiserver_request_total{code=~"5.."}[1h])) / sum(rate(apiserver_request_total[1h])) > (14.4 * 0.001)',
  '(sum(rate(errors_total[5m])) / sum(rate(requests_total[5m]))) > 14.4 * 0.001 and (sum(rate(errors_total[1h])) / sum(rate(requests_total[1h]))) > 14.4 * 0.001',
  'changes(kube_deployment_status_observed_generation[10m]) > 5',
  'topk(5, sum by (pod) (rate(container_cpu_usage_seconds_total[5m])))',
  'kube_job_status_failed > 0 unless on(job_name) kube_job_status_succeeded > 0',
  'deriv(node_disk_io_time_seconds_total[10m]) > 0',
  'ALERTS{alertstate="firing"}',
  'up{job="api"} offset 1d',
  'quantile_over_time(0.99, latency_seconds[1h])',
  'timestamp(up) - time()',
  'scalar(sum(up)) > bool 0',
  'sum(up{job="api"}) > 0 or vector(0)',
  'rate(foo[5m]) > 0.5 AND bar',
  'clamp_min(sum(rate(foo[5m])), 0)',
  // common mistakes
  'histogram_quantile(0.95, rate(foo_bucket[5m]) by (le))',
  'sum(rate(foo[5m])) by le',
  'rate(sum(foo)[5m])',
  'avg_over_time(rate(foo[5m]))',
  'up == 0 for 5m',
  'absent(up{job="api"}[5m])',
  'increase(foo)',
  'time() - x > 1h',
  'label_replace(up, "host", "$1", "instance")',
  'sum by (le) rate(foo[5m])',
  'rate(foo[5m]) > 0.5 && bar',
];

/** Empty input and whitespace-only input. */
const emptyAndWhitespace = [
  '',
  ' ',
  '\t',
  '\n',
  '\n\n',
  '\r\n',
  '\v',
  '\f',
  ' foo ',
  '\tfoo\n',
  '\n\nfoo\n\n',
  '\r\nfoo\r\n',
  'foo\v',
  'foo\f+ bar',
];

/** Unbalanced parentheses, brackets and braces, and trailing garbage. */
const unbalancedAndTrailing = [
  'foo{',
  'foo}',
  'rate(foo[5m]',
  'foo)',
  '(foo',
  '((foo)',
  '(foo))',
  'foo[5m',
  'foo]',
  'sum(rate(foo[5m])',
  'sum(rate(foo[5m])))',
  'foo{a="b"',
  'foo{a="b"}}',
  'foo{a="b}',
  '{',
  '}',
  '[',
  ']',
  '(',
  ')',
  '((((foo))))',
  'sum((rate((foo[5m]))))',
  'rate((foo[5m]))',
  '(foo[5m])',
  'foo bar',
  'foo 1',
  '1 2',
  'foo,',
  'foo;',
  'sum(foo) 5m',
  'foo offset 5m garbage',
  'foo{a="b"} bar',
  'foo\\',
  'foo $',
  'foo ?',
];

/** Number literals: hex, octal-looking, exponents, Inf/NaN, odd forms. */
const numberLiterals = [
  '0x1f',
  '0X1F',
  '0xG',
  '0x',
  '0x1p3',
  '0x7FFFFFFFFFFFFFFF',
  '0x8000000000000000',
  '1e3',
  '1E3',
  '1e-3',
  '1e+3',
  '1e',
  '1e400',
  '1e-400',
  '1e308',
  'Inf',
  '-Inf',
  '+Inf',
  'inf',
  'INF',
  'NaN',
  'nan',
  'NAN',
  'Infinity',
  '.5',
  '5.',
  '0.',
  '.',
  '-.5e-3',
  '1_000',
  '1__0',
  '0755',
  '08',
  '0b101',
  '0o17',
  '1.2.3',
  '9223372036854775808',
  '18446744073709551616',
  '-1',
  '--1',
  '+-1',
  '1m',
  '1h30m',
  'Inf{a="b"}',
  'NaN[5m]',
  'inf_metric',
  '1.',
  '1.e3',
  '1.E-3',
  '1.e+3',
  '0.e0',
  '1.e',
  '1.ex',
  '1.h',
  '5.e',
  '12.34e-5',
  '0x1.',
  '0x.1',
  '1e3e3',
  '0xffffffffffffffff',
  '0XaBc',
  'Inf5',
  'nanx',
  'foo @ 1.e3',
  'topk(1.e3, foo)',
  'foo offset 1.e3',
];

/** Duration syntax in range selectors and offsets. */
const durations = [
  'foo[5m]',
  'foo[5m1h]',
  'foo[1h30m]',
  'foo[0s]',
  'foo[0]',
  'foo[1.5h]',
  'foo[5M]',
  'foo[5ms]',
  'foo[1d]',
  'foo[1w]',
  'foo[1y]',
  'foo[99999999999y]',
  'foo[300]',
  'foo[1h1h]',
  'foo[5 m]',
  'foo[ 5m ]',
  'foo[m]',
  'foo[-5m]',
  'foo[+5m]',
  'foo[5m0s]',
  'foo[0h5m]',
  'foo[0s0ms]',
  'foo[292y]',
  'foo[293y]',
  'foo[106751d]',
  'foo[106752d]',
  'foo[2562047h]',
  'foo[2562048h]',
  'foo[15250w]',
  'foo[15251w]',
  'foo[292y200d]',
  'foo[9223372036854775807ms]',
  'foo offset 106752d',
  'foo[1w1y]',
  'foo offset 1w1y',
  'foo[5mm]',
  'foo[5ns]',
  'foo[5us]',
  'foo[5µs]',
  'foo[1e3s]',
  'foo[0x10s]',
  'foo[1_0m]',
  'foo[1w2d3h4m5s6ms]',
  'foo[6ms5s]',
  'foo[]',
  'foo offset 1h30m',
  'foo offset 1.5h',
  'foo offset 0s',
  'foo offset 0',
  'foo offset 1e3',
  'foo offset 5',
];

/** Placement and repetition of `offset` and `@`. */
const offsetAndAt = [
  'foo offset 5m offset 1m',
  'foo @ 1 @ 2',
  'foo @ start()',
  'foo @ end()',
  'foo @ start() @ end()',
  'foo offset -5m',
  'foo offset - 5m',
  'foo offset -0s',
  'foo offset +5m',
  'foo offset --5m',
  'foo offset - -5m',
  'foo offset -+5m',
  'foo offset -  5m',
  'foo[5m] offset --5m',
  'foo @ - 1',
  'foo @ --1',
  'foo @ - - 1',
  'foo @ 9223372036854775807',
  'foo @ 1_000',
  'rate(foo[5m]) offset 5m',
  'sum(foo) offset 5m',
  '(foo) offset 5m',
  '(foo offset 5m)',
  'foo @ 1 offset 5m',
  'foo offset 5m @ 1',
  'foo @ start() offset 5m',
  'foo offset -5m @ end()',
  'foo[5m] offset 5m',
  'foo offset 5m [5m]',
  'foo[5m] @ 1',
  'foo @ 1 [5m]',
  'rate(foo[5m] offset 1h)',
  'rate(foo offset 1h[5m])',
  'foo @ -1',
  'foo @ 1e20',
  'foo @ Inf',
  'foo @ -Inf',
  'foo @ NaN',
  'foo @ 0x10',
  'foo @ 1.5',
  'foo @ -1.5',
  'foo @ +1',
  'foo @ "1"',
  'foo @ 1e3',
  'foo @ 1m',
  'foo @ (1)',
  'foo @ time()',
  'foo @ start ()',
  'foo @ START()',
  'foo @ start(1)',
  'foo @ start',
  'foo @',
  'foo offset',
  'foo offset 5m offset',
  'foo offset 5m + bar offset 1h',
  'foo @ 1 + bar',
  '1 offset 5m',
  '"a" @ 1',
  'vector(1) @ 1',
];

/** Subqueries. */
const subqueries = [
  'rate(foo[5m])[30m:1m]',
  'foo[5m:]',
  'foo[5m:0s]',
  'foo[5m:1m]',
  'foo[ 5m : 1m ]',
  'rate(foo[5m])[30m:1m][1h:5m]',
  'max_over_time(rate(foo[5m])[1h:])',
  'max_over_time(rate(foo[5m])[1h:] offset 5m)',
  'max_over_time(max_over_time(rate(foo[5m])[1h:])[1d:1h])',
  'foo[5m][5m]',
  'foo[5m:1m:1m]',
  'foo[5m:1m:]',
  'foo[5m:-1m]',
  'foo[:]',
  'foo[:1m]',
  'foo[5m:1m',
  'sum(foo)[5m:]',
  '(foo)[5m]',
  '(foo)[5m:]',
  '1[5m:]',
  '"a"[5m:]',
  'vector(1)[5m:]',
  'foo[5m:1m] offset 5m',
  'foo[5m:1m] @ 1',
  'foo[5m:1m] offset 5m offset 1m',
  'rate(foo[5m:1m])',
  'rate(foo[5m:])',
  'foo[1h:1h]',
  'foo[1m:1h]',
  'foo[1y:1ms]',
  'sum(foo[5m:])',
  '-foo[5m:]',
  'foo[5m:] + 1',
];

/** String literals and escape sequences. */
const stringLiterals = [
  '"a"',
  "'a'",
  '`a`',
  '""',
  raw`"\q"`,
  raw`'\x41'`,
  raw`"\x41"`,
  '`a\\qb`',
  raw`"\u00e9"`,
  raw`"\U0001F600"`,
  raw`"\101"`,
  raw`"\377"`,
  raw`"\400"`,
  raw`"\8"`,
  raw`"\0"`,
  raw`"\x4"`,
  raw`"\xZZ"`,
  raw`"\u12"`,
  raw`"\ud800"`,
  raw`"\UFFFFFFFF"`,
  raw`"\a\b\f\n\r\t\v\\\""`,
  raw`'\''`,
  raw`'"'`,
  raw`"\'"`,
  raw`'\"'`,
  '"a',
  '`a',
  "'a",
  '"a\nb"',
  '`a\nb`',
  '"a" "b"',
  '"a" + "b"',
  '"a" == "a"',
  raw`foo{a="\q"}`,
  raw`foo{a="\xff"}`,
  raw`foo{a="\u00e9"}`,
  raw`foo{a='\''}`,
  'foo{a=`x\\y`}',
  '"a" # comment',
  '"#"',
];

/** Selectors whose matchers all match the empty label set. */
const emptyMatcherSelectors = [
  '{}',
  '{a=""}',
  '{a=~".*"}',
  '{a!="x"}',
  '{a=~".+"}',
  '{a!~".*"}',
  '{a=~""}',
  '{a!=""}',
  '{a="",b="x"}',
  '{a="",b=""}',
  '{__name__=""}',
  '{__name__=~".*"}',
  '{__name__=~".+"}',
  '{__name__!=""}',
  '{a=~"x*"}',
  '{a=~"x?"}',
  '{a=~"|x"}',
  '{a=~"^.*$"}',
  '{a!~"x"}',
  '{a!~""}',
  '{a="x"}',
  'foo{}',
  'foo{a=""}',
  '{a=""}[5m]',
  'rate({a=""}[5m])',
  'rate({a="x"}[5m])',
  '{a=~".*"} offset 5m',
  '{__name__!~".*"}',
  '{__name__!="foo"}',
  '{a=~"(?i)"}',
  '{a=~"(|)"}',
  raw`{a=~"\\z"}`,
  '{a=~"[^a]*"}',
  '{a=~"."}',
  '{a!~"a*"}',
];

/** Label-matcher regexes, especially where RE2 and JavaScript differ. */
const regexMatchers = [
  'foo{a=~"(?=x)"}',
  'foo{a=~"(?!x)"}',
  'foo{a=~"(?<=x)y"}',
  'foo{a=~"(?<!x)y"}',
  raw`foo{a=~"(a)\\1"}`,
  'foo{a=~"(?P<n>x)"}',
  'foo{a=~"(?<n>x)"}',
  'foo{a=~"[[:alpha:]]"}',
  'foo{a=~"[[:foo:]]"}',
  raw`foo{a=~"\\p{L}"}`,
  raw`foo{a=~"\\pL"}`,
  raw`foo{a=~"\\p{Greek}"}`,
  raw`foo{a=~"\\p{Foo}"}`,
  raw`foo{a=~"\\Qa.b\\E"}`,
  raw`foo{a=~"\\z"}`,
  raw`foo{a=~"\\Z"}`,
  'foo{a=~"(?i)abc"}',
  'foo{a=~"(?i:a)"}',
  'foo{a=~"(?s).*"}',
  'foo{a=~"(?U)a+"}',
  'foo{a=~"(?m)^a$"}',
  'foo{a=~"(?x)a b"}',
  'foo{a=~"a++"}',
  'foo{a=~"a**"}',
  'foo{a=~"x{1000}"}',
  'foo{a=~"x{1001}"}',
  'foo{a=~"x{1001,}"}',
  'foo{a=~"(x{500}){3}"}',
  raw`foo{a=~"\\C"}`,
  'foo{a=~"("}',
  'foo{a=~")"}',
  'foo{a!~"("}',
  'foo{a=~"[z-a]"}',
  'foo{a=~"[a"}',
  'foo{a=~"a{2,1}"}',
  'foo{a=~"a{,5}"}',
  'foo{a=~"*"}',
  raw`foo{a=~"\\8"}`,
  raw`foo{a=~"\\0"}`,
  raw`foo{a=~"\\b"}`,
  raw`foo{a=~"\\k<n>"}`,
  'foo{a=~"(?#comment)"}',
  raw`foo{a=~"\\e"}`,
  raw`foo{a=~"\\cA"}`,
  raw`foo{a=~"\\x{41}"}`,
  raw`foo{a=~"\\u0041"}`,
  raw`foo{a=~"[\\d-z]"}`,
  'foo{a=~"(?<>x)"}',
  raw`foo{a=~'\\d'}`,
  'foo{a=~`\\d`}',
  'foo{a=~`\\q`}',
  raw`foo{a=~"\d"}`,
  'foo{a=~"a*?"}',
  'foo{a=~"(?:a)"}',
  'foo{a=~"(?P<n>x)(?P<n>y)"}',
  'foo{a=~"(?P<1a>x)"}',
  'foo{a=~"(?P<naïve>x)"}',
  'foo{a=~"(?P=n)"}',
  raw`foo{a=~"\\p{Cn}"}`,
  raw`foo{a=~"\\p{Any}"}`,
  raw`foo{a=~"\\p{L&}"}`,
  raw`foo{a=~"\\p{IsLatin}"}`,
  'foo{a=~"[[:Alpha:]]"}',
  'foo{a=~"((x{10}){10}){10}"}',
  'foo{a=~"((x{10}){10}){11}"}',
  'foo{a=~"x{2}{3}"}',
  'foo{a=~"x{1"}',
  'foo{a=~"(?i-)"}',
  raw`foo{a=~"\\"}`,
  raw`foo{a=~"\\Qabc"}`,
  raw`foo{a=~"[a-\\d]"}`,
  raw`foo{a=~"\\ "}`,
  raw`foo{a=~"\\b{wb}"}`,
  'label_replace(foo, "a", "$1", "b", "(")',
  raw`label_replace(foo, "a", "$1", "b", "\\q")`,
];

/** Label-matcher syntax around the regexes. */
const labelMatcherSyntax = [
  'foo{a="x",}',
  'foo{,a="x"}',
  'foo{a="x",,b="y"}',
  'foo{a="x" b="y"}',
  'foo{a}',
  'foo{a=}',
  'foo{=x}',
  'foo{a=x}',
  'foo{a=="x"}',
  'foo{a=!"x"}',
  'foo{a~="x"}',
  'foo{a = "x"}',
  'foo{ a="x" , b="y" }',
  "foo{a='x'}",
  'foo{a=`x`}',
  'foo{a="x"}{b="y"}',
  'foo{a="x"} {b="y"}',
  'foo{a:b="x"}',
  'foo{a.b="x"}',
  'foo{1a="x"}',
  'foo{_a="x"}',
  'foo{A="x"}',
  'foo{_="x"}',
  'foo{a="x",a="y"}',
  'foo{a=1}',
  'foo{__name__="bar"}',
  'foo{__name__="foo"}',
  'foo{__name__="bar"}[5m]',
  '{__name__="foo"}',
  '{__name__=~"foo|bar"}',
  '{__name__="foo",__name__="bar"}',
];

/** Metric-name lexing. */
const metricNames = [
  'foo:bar',
  ':foo',
  'foo::bar',
  'foo:bar:baz{a="b"}',
  'foo.bar',
  'foo-bar',
  '_foo',
  '__foo',
  '_',
  '__name__',
  '1foo',
  'foo1',
  'Foo',
  'FOO_BAR',
  'a',
  'foo$',
  'foo@bar',
  'foo @ bar',
  'foo!',
];

/** Keywords (aggregators, modifiers, operators) used as metric or label names, and keyword case. */
const keywordsAsNames = [
  'sum',
  'by',
  'on',
  'offset',
  'bool',
  'without',
  'ignoring',
  'group_left',
  'group_right',
  'and',
  'or',
  'unless',
  'atan2',
  'rate',
  'topk',
  'count_values',
  'start',
  'end',
  'time',
  'sum{a="b"}',
  'by{a="b"}',
  'offset{a="b"}',
  'on{a="b"}',
  'bool{a="b"}',
  '{__name__="on"}',
  'foo{by="x"}',
  'foo{sum="x"}',
  'foo{offset="x"}',
  'foo{on="x"}',
  'foo{bool="x"}',
  'foo{and="x"}',
  'foo{group_left="x"}',
  'foo{start="x"}',
  'rate{a="b"}',
  'rate[5m]',
  'sum[5m]',
  'sum offset 5m',
  'sum(sum)',
  'sum(by)',
  'avg(offset)',
  'rate(rate[5m])',
  'rate(by[5m])',
  'bool > 1',
  'time + 1',
  'and + 1',
  'foo and and',
  'sum and sum',
  'foo or or',
  'by by',
  'offset offset 5m',
  'sum by (sum) (sum)',
  'sum by (by) (foo)',
  'sum by (offset) (foo)',
  'sum by (on) (foo)',
  'sum by (bool) (foo)',
  'avg by (group) (foo)',
  'sum by (group_left) (foo)',
  'count_values("by", by)',
  'SUM(foo)',
  'Sum by (a) (foo)',
  'sum BY (a) (foo)',
  'sum WITHOUT (a) (foo)',
  'foo OFFSET 5m',
  'foo AND bar',
  'foo Or bar',
  '1 > BOOL 2',
  'foo + ON(a) GROUP_LEFT bar',
  'foo + IGNORING(a) bar',
  'RATE(foo[5m])',
  'Rate(foo[5m])',
  'TOPK(1, foo)',
  'foo ATAN2 bar',
];

/** `#` comments. */
const comments = [
  '# comment',
  '#',
  'foo # comment',
  '# c\nfoo',
  'foo\n# c',
  'sum(\n  rate(foo[5m]) # per-second\n)',
  'foo{a="b" # c\n}',
  'foo#c',
  'foo{a="#"}',
  '`#`',
  '# foo\n# bar',
  'foo # ) unbalanced in comment',
  'sum( # comment\n)',
  '// comment\nfoo',
  '/* comment */ foo',
  // Found by the property tests: a comment between a sign and its number.
  '- # c\n1',
  'foo @ - # c\n 1',
  'foo offset - # c\n5m',
  'foo > - # c\n 1e3',
];

/** Multi-line expressions. */
const multiLine = [
  'foo\n+ bar',
  'foo\r\n+ bar',
  'foo\n+',
  'foo\n\nbar',
  'sum by (a) (\n  foo\n) > 1',
  'sum by (le) (\n  rate(foo_bucket[5m])\n)',
  'histogram_quantile(\n  0.9,\n  sum by (le) (rate(foo_bucket[5m]))\n)',
  'foo\n  and on(a)\nbar',
  'foo{\n  a="x",\n  b="y"\n}',
  'foo{\n  a="x",\n  b=\n}',
  'rate(\n  foo[5m]\n',
  'foo\n[5m]',
  'foo\noffset\n5m',
  'foo\n@\n1',
  'sum(\n  foo\n)\nby (a)',
  '1 >\nbool 2',
  '1 >\n2',
  'foo\n\n\n)',
];

/** Non-ASCII input. */
const unicode = [
  'foo{a="é"}',
  'foo{a="日本"}',
  '"日本"',
  '"😀"',
  'fooé',
  'foo_é',
  'é',
  '日本',
  'ｆｏｏ',
  'foo{é="x"}',
  'sum by (ä) (foo)',
  'foo{a="x"} # 日本',
  'foo\u00a0+ bar',
  '\ufefffoo',
  'foo\u200b',
  'foo\u2028+ bar',
  'foo\u0000',
  'foo\u0001',
  '"é" + foo{',
  '"😀" + foo{',
  raw`foo{a=~"\\p{Han}+"}`,
  'foo{a=~"日本|中国"}',
  'foo{a=~"[à-ü]"}',
  'foo − bar',
];

/** Function calls: argument shapes, syntax around calls. */
const functionCalls = [
  'rate(foo[5m],)',
  'rate(,foo[5m])',
  'rate(foo[5m] foo)',
  'rate (foo[5m])',
  'rate(foo[5m:1m])',
  'rate(rate(foo[5m])[5m:])',
  'label_replace(foo, "a-b", "b", "c", "d")',
  'label_replace(foo, 1, "b", "c", "d")',
  'label_replace(foo, "a", "b", "c", "d", "e")',
  'label_join(foo, "a", ",")',
  'label_join(foo, "a", ",", "b", "c")',
  'label_join(foo, "a")',
  'label_join(foo, "a", ",", 1)',
  'histogram_quantile(foo, bar)',
  'histogram_quantile(scalar(foo), bar)',
  'histogram_quantile(0.9, foo[5m])',
  'histogram_quantile(1.5, foo)',
  'round(foo, 0.5)',
  'round(foo, bar)',
  'clamp(foo, 1)',
  'clamp(foo, 2, 1)',
  'vector(foo)',
  'vector(scalar(foo))',
  'scalar(1)',
  'scalar(foo[5m])',
  'time ()',
  'day_of_week(foo, bar)',
  'absent(nonexistent{job="x"})',
  'absent(1)',
  'absent_over_time(foo[5m:])',
  'timestamp(foo[5m])',
  'timestamp(rate(foo[5m]))',
  'predict_linear(foo[1h], 3600)',
  'predict_linear(foo[1h], 1h)',
  'quantile_over_time(0.5, foo)',
  'holt_winters(foo[5m], 0.5)',
  'histogram_fraction(0, 0.1, foo)',
  'histogram_count(rate(foo[5m]))',
  'foo(bar)',
  '(rate)(foo[5m])',
  'rate()(foo)',
  'rate(foo[5m])(1)',
  'abs(-foo)',
  'abs(- 1)',
  'ln(1)',
  'exp(vector(1))',
  'rate(foo[5m]) by (a)',
  'rate("foo"[5m])',
  'start()',
  'end()',
  'sum_over_time(foo[5m]) / count_over_time(foo[5m])',
];

/** Aggregation syntax and parameter types. */
const aggregations = [
  'sum by(a)(foo)',
  'sum by (a) (foo) by (b)',
  'sum by (a) without (b) (foo)',
  'sum(foo) by (a) without (b)',
  'sum by (a b) (foo)',
  'sum by ("a") (foo)',
  'sum by (a,) (foo)',
  'sum by (,a) (foo)',
  'sum by a (foo)',
  'sum (foo) by ()',
  'sum by (__name__) (foo)',
  'sum by (a.b) (foo)',
  'sum by (a) (foo, bar)',
  'sum(foo,)',
  'topk(5, foo,)',
  'topk(-1, foo)',
  'topk(1.5, foo)',
  'topk(Inf, foo)',
  'topk(1 + 1, foo)',
  'topk(scalar(foo), foo)',
  'quantile(2, foo)',
  'count_values("", foo)',
  'count_values("a-b", foo)',
  'count_values(foo, foo)',
  "count_values('v', foo)",
  'sum(foo) by (a) > 1',
  'sum by (le) (foo[5m])',
  'sum(foo offset 5m)',
  'sum by (a) ()',
  'sum by',
  'sum by (a)',
  'sum(foo) by',
  'sum(foo) by a',
  'sum(sum(sum(foo)))',
  'sum(rate(foo[5m]) > 0)',
  'sum(1 + foo)',
  'sum(vector(1))',
  'count(foo) / count(bar)',
  'group by (a) (foo)',
  'stddev without (instance) (rate(foo[5m]))',
];

/** Binary arithmetic and comparison operators, scalar/vector/string operands, bool. */
const binaryOperators = [
  '1 > 2',
  '1 > bool 2',
  'foo > 1',
  'foo > bool 1',
  '1 == foo',
  'foo + "a"',
  '"a" + 1',
  'foo + bool bar',
  'foo > bool bar',
  'foo ^ bar',
  'foo % bar',
  'foo atan2 bar',
  '1 atan2 2',
  'foo - - bar',
  'foo ++ bar',
  'foo != bar',
  'foo =~ bar',
  'foo = bar',
  'foo !~ bar',
  'foo[5m] + 1',
  'foo[5m] > bool 1',
  '2 ^ -1',
  '2 ^ 3 ^ 2',
  '1 + 2 * 3',
  '-2 ^ 2',
  'foo > bool',
  'foo >',
  '> foo',
  'foo > > bar',
  'foo >= bar',
  'foo => bar',
  'foo =< bar',
  'foo <> bar',
  'foo && bar',
  'foo || bar',
  'foo ** bar',
  'foo // bar',
  'foo mod bar',
  '1 + 1 > bool 1',
  '(1 > bool 2) + 1',
  'scalar(foo) > 1',
  'scalar(foo) > bool 1',
  'time() > 1',
  'vector(time()) > 1',
  '1 < bool bool 2',
  '1 +',
  'NaN > bool 1',
  'Inf + foo',
  'foo * Infinity',
  '(foo + bar) * on(a) baz',
  'foo / 0',
];

/** Set operators (`and`, `or`, `unless`) with scalars and grouping modifiers. */
const setOperators = [
  'foo and 1',
  '1 and foo',
  '1 and 2',
  'foo and on(a) group_left bar',
  'foo or ignoring(a) bar',
  'foo unless bar',
  'foo or on(a) group_right bar',
  'foo unless 1',
  'foo and bool bar',
  'foo and on() bar',
  'foo or vector(0)',
  'foo and "a"',
  'foo[5m] and bar',
  'foo and bar or baz unless qux',
  'foo unless on(a) bar',
  'foo and ignoring(a) bar',
  'foo or scalar(bar)',
  'foo unless ignoring(a) group_left(b) bar',
];

/** Vector matching modifiers `on`, `ignoring`, `group_left`, `group_right`. */
const vectorMatching = [
  'foo + on(a) group_left bar',
  'foo + on(a) group_left(b) bar',
  'foo + on(a) group_right bar',
  'foo + ignoring(a) group_left bar',
  'foo + group_left bar',
  'foo + on(a) bar',
  '1 + on(a) foo',
  '1 + on(a) 2',
  'foo + on(a) group_left(a) bar',
  'foo + ignoring(a) group_right(a) bar',
  'foo > on(a) group_left bool bar',
  'foo > bool on(a) group_left bar',
  'foo + on(a) ignoring(b) bar',
  'foo == on() bar',
  'foo + on(a) group_left group_right bar',
  'foo + on a bar',
  'foo + on(a) group_left(b,) bar',
  'foo + on(a,) bar',
  'foo + on("a") bar',
  'foo + on(a) group_left() bar',
  'foo + ignoring() bar',
  'foo + on(a) group_left(b) group_left(c) bar',
  'foo * on(a) group_left(b) 1',
  'foo + on(__name__) bar',
  'foo > bool ignoring(a) bar',
  'foo + ON(a) bar',
  'foo + group_left(a) bar',
  'foo + on(a) group_right(b) bar',
  'foo / on() 1',
  'foo + on() group_left 1',
  'foo + ignoring() 1',
  '1 + on() 2',
  '1 + on() group_left foo',
  '1 + ignoring(a) foo',
  'foo and on() 1',
  'foo + on(a) group_left(a, b) bar',
  'foo + on(group_left) bar',
  'foo + on(on) bar',
];

/** Unary plus and minus. */
const unaryOperators = [
  '-foo',
  '- - 1',
  '+foo',
  '!foo',
  '-"a"',
  '-(foo)',
  '-foo[5m]',
  '-rate(foo[5m])',
  '--foo',
  '-+-foo',
  '-sum(foo)',
  '- foo offset 5m',
  '-foo @ 1',
  '-(foo[5m])',
  '~foo',
  'rate(-foo[5m])',
];

/** Token boundaries, comments and odd characters in unusual places. */
const lexerCorners = [
  'foo>boolbar',
  'foo>bool bar',
  '1 >bool 2',
  'foo offset5m',
  'foo@1',
  'foo[5m]offset 1m',
  'sum(foo)by(a)',
  'foo-1m',
  'foo-1',
  'sum by (a:b) (foo)',
  'sum by (1a) (foo)',
  'foo{#\na="b"}',
  'foo offset # c\n5m',
  'foo[5m:# c\n1m]',
  'foo\r+ bar',
  '\r',
  'foo #\u2028+ bar',
  '"a\u0000b"',
  'foo{a="a\tb"}',
  '"a\\\nb"',
  '`a``b`',
  '"a""b"',
  '`\\``',
  '``',
  raw`"\123"`,
  raw`"\12"`,
  raw`"\09"`,
  raw`"\uzzzz"`,
  raw`"é\é"`,
];

/** Prometheus 3.x-only syntax (promtool 2.42 is expected to refuse it) next to its 2.x equivalent. */
const prometheus3Syntax = [
  '{"foo.bar"="x"}',
  '{"foo.bar"}',
  'foo{"foo.bar"="x"}',
  '{"foo"}',
  '{"__name__"="foo"}',
  'sum by ("foo.bar") (foo)',
  'foo + on("a.b") bar',
  'foo{a="x"} or {"b.c"="y"}',
  'info(foo)',
  'info(foo, {a="b"})',
  'sort_by_label(foo, "a")',
  'sort_by_label_desc(foo, "a")',
  'mad_over_time(foo[5m])',
  'limitk(2, foo)',
  'limit_ratio(0.5, foo)',
  'double_exponential_smoothing(foo[5m], 0.5, 0.5)',
  'holt_winters(foo[5m], 0.5, 0.5)',
  'foo[5m+1m]',
  'foo[5m*2]',
  'foo[(5m)]',
  'foo offset (5m+1m)',
  'foo offset -(1m)',
  'foo[step()]',
  'foo[5m:step()]',
  'foo[5m] anchored',
  'rate(foo[5m] smoothed)',
  'foo smoothed',
  'histogram_avg(foo)',
  'histogram_stddev(foo)',
  'histogram_stdvar(foo)',
  'first_over_time(foo[5m])',
  'ts_of_max_over_time(foo[5m])',
  'foo[1h] @ start()',
  'rate(foo[5m] offset 1h @ end())',
];

/**
 * Numbers and durations directly followed by an identifier character: Prometheus's lexer refuses them ("bad
 * number or duration syntax"), where a lenient tokenizer reads `80and` as `80 and`.
 */
const numberThenLetter = [
  'x / y * 100 > 80and y > 0',
  'x / y * 100 > 80 and y > 0',
  'foo > 80or bar',
  'foo > 80 or bar',
  'foo > 80unless bar',
  'foo > 80AND bar',
  'foo > bool 80and bar',
  'foo > 1e3and bar',
  'foo > 1e3x',
  'foo > 1e3',
  'foo > .5and bar',
  'foo > 0.5and bar',
  'foo > 0x1Fand bar',
  'foo > 0x1F and bar',
  'foo > 80_000',
  'foo offset 5mand bar',
  'foo offset 5m and bar',
  'foo > 1h30mand bar',
  'rate(foo[5mx])',
  'rate(foo[5m])and bar',
  'rate(foo[5m:1mx])',
  'foo @ 100and bar',
  'foo @ 100 and bar',
  'topk(5and, foo)',
  'time() - foo > 3600and foo > 0',
  'time() - foo > 3600 and foo > 0',
  'foo>80',
  'foo > 80#comment',
  'foo > Infand bar',
  'sum(foo)>0and bar',
  'histogram_quantile(0.99x, foo)',
  'histogram_quantile(0.99, sum by (le) (rate(foo_bucket[5m]))) > 1.5s',
];

/** All hand-picked categories, in corpus order. */
export const HAND_CATEGORIES: Readonly<Record<string, readonly string[]>> = {
  seedQueries,
  realisticAlerts,
  emptyAndWhitespace,
  unbalancedAndTrailing,
  numberLiterals,
  durations,
  offsetAndAt,
  subqueries,
  stringLiterals,
  emptyMatcherSelectors,
  regexMatchers,
  labelMatcherSyntax,
  metricNames,
  keywordsAsNames,
  comments,
  multiLine,
  unicode,
  functionCalls,
  aggregations,
  binaryOperators,
  setOperators,
  vectorMatching,
  unaryOperators,
  lexerCorners,
  prometheus3Syntax,
  numberThenLetter,
};

// ---------------------------------------------------------------------------
// Generators
// ---------------------------------------------------------------------------

/** Argument types of a PromQL function signature. */
type ArgType = 'scalar' | 'vector' | 'matrix' | 'string';

/** A sample argument of each type. */
const SAMPLE_ARG: Readonly<Record<ArgType, string>> = {
  scalar: '0.5',
  vector: 'foo',
  matrix: 'foo[5m]',
  string: '"a"',
};

/** An argument of the "wrong" type for each expected type. */
const WRONG_ARG: Readonly<Record<ArgType, string>> = {
  scalar: '"a"',
  vector: 'foo[5m]',
  matrix: 'foo',
  string: '1',
};

interface FunctionSignature {
  name: string;
  /** Required argument types, in order. */
  args: readonly ArgType[];
  /** Type of an optional trailing argument, if any. */
  optional?: ArgType;
  /** True when the last argument type may repeat without bound (label_join). */
  variadic?: boolean;
}

const v: ArgType = 'vector';
const m: ArgType = 'matrix';
const s: ArgType = 'scalar';
const str: ArgType = 'string';

/** Functions of Prometheus 2.42 with their signatures (as this corpus assumes them). */
const FUNCTIONS_2_42: readonly FunctionSignature[] = [
  ...[
    'abs',
    'absent',
    'acos',
    'acosh',
    'asin',
    'asinh',
    'atan',
    'atanh',
    'ceil',
    'cos',
    'cosh',
    'deg',
    'exp',
    'floor',
    'histogram_count',
    'histogram_sum',
    'ln',
    'log10',
    'log2',
    'rad',
    'scalar',
    'sgn',
    'sin',
    'sinh',
    'sort',
    'sort_desc',
    'sqrt',
    'tan',
    'tanh',
    'timestamp',
  ].map((name) => ({ name, args: [v] })),
  ...[
    'absent_over_time',
    'avg_over_time',
    'changes',
    'count_over_time',
    'delta',
    'deriv',
    'idelta',
    'increase',
    'irate',
    'last_over_time',
    'max_over_time',
    'min_over_time',
    'present_over_time',
    'rate',
    'resets',
    'stddev_over_time',
    'stdvar_over_time',
    'sum_over_time',
  ].map((name) => ({ name, args: [m] })),
  ...['day_of_month', 'day_of_week', 'day_of_year', 'days_in_month', 'hour', 'minute', 'month', 'year'].map((name) => ({
    name,
    args: [],
    optional: v,
  })),
  { name: 'clamp', args: [v, s, s] },
  { name: 'clamp_max', args: [v, s] },
  { name: 'clamp_min', args: [v, s] },
  { name: 'histogram_fraction', args: [s, s, v] },
  { name: 'histogram_quantile', args: [s, v] },
  { name: 'holt_winters', args: [m, s, s] },
  { name: 'label_join', args: [v, str, str], variadic: true },
  { name: 'label_replace', args: [v, str, str, str, str] },
  { name: 'pi', args: [] },
  { name: 'predict_linear', args: [m, s] },
  { name: 'quantile_over_time', args: [s, m] },
  { name: 'round', args: [v], optional: s },
  { name: 'time', args: [] },
  { name: 'vector', args: [s] },
];

/** Functions added after 2.42 (Prometheus 3.x), with natural arguments. */
const FUNCTIONS_3_X: readonly FunctionSignature[] = [
  { name: 'info', args: [v] },
  { name: 'sort_by_label', args: [v, str] },
  { name: 'sort_by_label_desc', args: [v, str] },
  { name: 'mad_over_time', args: [m] },
  { name: 'double_exponential_smoothing', args: [m, s, s] },
  { name: 'histogram_avg', args: [v] },
  { name: 'histogram_stddev', args: [v] },
  { name: 'histogram_stdvar', args: [v] },
  { name: 'first_over_time', args: [m] },
  { name: 'ts_of_first_over_time', args: [m] },
  { name: 'ts_of_last_over_time', args: [m] },
  { name: 'ts_of_max_over_time', args: [m] },
  { name: 'ts_of_min_over_time', args: [m] },
];

/** Names that are not PromQL functions in any version. */
const FAKE_FUNCTIONS: readonly FunctionSignature[] = [
  { name: 'count_unique', args: [v] },
  { name: 'histogram', args: [v] },
  { name: 'forecast_linear', args: [m, s] },
  { name: 'percentile', args: [s, v] },
  { name: 'rate_over_time', args: [m] },
  { name: 'avg_by', args: [v] },
  { name: 'Rate', args: [m] },
  { name: 'ABS', args: [v] },
];

function call(name: string, args: readonly string[]): string {
  return `${name}(${args.join(', ')})`;
}

function naturalArgs(sig: FunctionSignature): string[] {
  return sig.args.map((t) => SAMPLE_ARG[t]);
}

/** Every 2.42 function × argument shapes, including a wrong type at each position. */
function generateFunctionCalls(): string[] {
  const out: string[] = [];
  for (const sig of FUNCTIONS_2_42) {
    const natural = naturalArgs(sig);
    out.push(call(sig.name, []));
    out.push(call(sig.name, ['1']));
    out.push(call(sig.name, ['foo']));
    out.push(call(sig.name, ['foo[5m]']));
    out.push(call(sig.name, ['"a"']));
    out.push(call(sig.name, natural));
    out.push(call(sig.name, [...natural, '1']));
    out.push(call(sig.name, [...natural, 'foo', 'foo', 'foo', 'foo', 'foo']));
    if (sig.optional !== undefined) out.push(call(sig.name, [...natural, SAMPLE_ARG[sig.optional]]));
    if (sig.variadic === true) out.push(call(sig.name, [...natural, '"b"', '"c"', '"d"']));
    sig.args.forEach((type, i) => {
      const args = [...natural];
      args[i] = WRONG_ARG[type];
      out.push(call(sig.name, args));
    });
  }
  return out;
}

/** 3.x-only and fake function names with no arguments and with natural arguments. */
function generateUnknownFunctionCalls(): string[] {
  const out: string[] = [];
  for (const sig of [...FUNCTIONS_3_X, ...FAKE_FUNCTIONS]) {
    out.push(call(sig.name, []));
    out.push(call(sig.name, naturalArgs(sig)));
  }
  return out;
}

/** Aggregation operators with their natural parameter (if any). */
const AGGREGATIONS: readonly { op: string; param?: string }[] = [
  { op: 'sum' },
  { op: 'avg' },
  { op: 'count' },
  { op: 'min' },
  { op: 'max' },
  { op: 'group' },
  { op: 'stddev' },
  { op: 'stdvar' },
  { op: 'topk', param: '5' },
  { op: 'bottomk', param: '5' },
  { op: 'quantile', param: '0.9' },
  { op: 'count_values', param: '"value"' },
  // Prometheus 3.x
  { op: 'limitk', param: '5' },
  { op: 'limit_ratio', param: '0.5' },
];

/** Every aggregation × parameter types × grouping clauses. */
function generateAggregations(): string[] {
  const out: string[] = [];
  for (const { op, param } of AGGREGATIONS) {
    const natural = param === undefined ? 'foo' : `${param}, foo`;
    const shapes = [
      '',
      'foo',
      '5, foo',
      '"a", foo',
      'foo, foo',
      'foo[5m]',
      '1',
      '"a"',
      '0.5, foo, bar',
      'rate(foo[5m])',
      param === undefined ? 'foo, bar' : `${param}, foo[5m]`,
    ];
    for (const args of shapes) out.push(`${op}(${args})`);
    out.push(`${op} by (a) (${natural})`);
    out.push(`${op}(${natural}) by (a)`);
    out.push(`${op} without (a) (${natural})`);
    out.push(`${op}(${natural}) without (a)`);
    out.push(`${op} by () (${natural})`);
    out.push(`${op} by (a) without (b) (${natural})`);
  }
  return out;
}

const ARITHMETIC_OPS = ['+', '-', '*', '/', '%', '^', 'atan2'];
const COMPARISON_OPS = ['==', '!=', '>', '<', '>=', '<='];
const SET_OPS = ['and', 'or', 'unless'];
const ALL_BINARY_OPS = [...ARITHMETIC_OPS, ...COMPARISON_OPS, ...SET_OPS];

/** Operand pairs: scalar, instant vector, string, range vector. */
const OPERAND_PAIRS: readonly [string, string][] = [
  ['1', '2'],
  ['foo', '1'],
  ['1', 'foo'],
  ['foo', 'bar'],
  ['"a"', 'foo'],
  ['foo', 'bar[5m]'],
];

/** Modifiers applied between two instant vectors. */
const MATCHING_MODIFIERS = [
  'bool',
  'on(a)',
  'ignoring(a)',
  'on(a) group_left',
  'ignoring(a) group_right(b)',
  'bool on(a)',
];

/** Binary operators × operand types × bool/on/ignoring/group_left/group_right. */
function generateBinaryOperators(): string[] {
  const out: string[] = [];
  for (const op of ALL_BINARY_OPS) {
    for (const [lhs, rhs] of OPERAND_PAIRS) out.push(`${lhs} ${op} ${rhs}`);
    for (const mod of MATCHING_MODIFIERS) out.push(`foo ${op} ${mod} bar`);
    out.push(`1 ${op} bool 2`);
    out.push(`foo ${op} on(a) group_left 1`);
  }
  return out;
}

const DURATION_UNITS = ['ms', 's', 'm', 'h', 'd', 'w', 'y'];

/** Duration literals: units × values, unit case, and compound orders, in each duration position. */
function generateDurations(): string[] {
  const out: string[] = [];
  for (const unit of DURATION_UNITS) {
    for (const value of ['1', '0', '90', '1.5', '01']) out.push(`foo[${value}${unit}]`);
    out.push(`foo offset 1${unit}`);
    out.push(`foo offset 0${unit}`);
    out.push(`foo[1${unit}:]`);
    out.push(`foo[1h:1${unit}]`);
    out.push(`foo[1h:0${unit}]`);
    out.push(`foo[1${unit.toUpperCase()}]`);
  }
  const compounds = [
    '1h30m',
    '30m1h',
    '1h1h',
    '1d12h',
    '12h1d',
    '1y1w',
    '1w1y',
    '1m30s500ms',
    '500ms1s',
    '2h0m',
    '1s1ms1s',
  ];
  for (const d of compounds) {
    out.push(`foo[${d}]`);
    out.push(`foo offset ${d}`);
    out.push(`foo[${d}:${d}]`);
  }
  return out;
}

/** `offset` and `@` on different expression kinds, single and repeated. */
function generateModifiers(): string[] {
  const bases = ['foo', 'foo[5m]', 'foo[5m:1m]', 'rate(foo[5m])', 'sum(foo)', '(foo)', '1', '"a"'];
  const modifiers = [
    'offset 5m',
    'offset -5m',
    '@ 1',
    '@ start()',
    '@ end()',
    'offset 5m @ 1',
    '@ 1 offset 5m',
    'offset 5m offset 1m',
    '@ 1 @ 2',
  ];
  const out: string[] = [];
  for (const base of bases) for (const mod of modifiers) out.push(`${base} ${mod}`);
  return out;
}

/** Subqueries over different inner expressions and with different range/step shapes. */
function generateSubqueries(): string[] {
  const inners = [
    'foo',
    'rate(foo[5m])',
    'sum(foo)',
    '(foo)',
    '1',
    '"a"',
    'foo[5m]',
    'foo[5m:1m]',
    'foo offset 5m',
    '-foo',
  ];
  const shapes = ['[5m:]', '[5m:1m]', '[5m:0s]', '[0s:1m]', '[1h:5m] offset 1h'];
  const out: string[] = [];
  for (const inner of inners) for (const shape of shapes) out.push(`${inner}${shape}`);
  for (const fn of ['max_over_time', 'rate', 'abs']) out.push(`${fn}(rate(foo[5m])[1h:])`);
  return out;
}

/** Escape sequences × quote styles, both as a string literal and as a matcher value. */
function generateStringEscapes(): string[] {
  const escapes = [
    raw`\a`,
    raw`\b`,
    raw`\f`,
    raw`\n`,
    raw`\r`,
    raw`\t`,
    raw`\v`,
    raw`\\`,
    raw`\"`,
    raw`\'`,
    raw`\q`,
    raw`\x41`,
    raw`\x4`,
    raw`\101`,
    raw`\400`,
    raw`\0`,
    raw`\u00e9`,
    raw`\U0001F600`,
    raw`\ud800`,
    raw`\8`,
  ];
  const quotes = ['"', "'", '`'];
  const out: string[] = [];
  for (const esc of escapes) {
    for (const q of quotes) {
      out.push(`${q}${esc}${q}`);
      out.push(`foo{a=${q}x${esc}${q}}`);
    }
  }
  return out;
}

/** Selectors built from matchers that may or may not match the empty string. */
function generateEmptyMatchers(): string[] {
  const matchers = [
    'a=""',
    'a!=""',
    'a="x"',
    'a!="x"',
    'a=~""',
    'a=~".*"',
    'a=~".+"',
    'a=~"x*"',
    'a!~".*"',
    'a!~"x"',
    'a!~".+"',
    '__name__=~".*"',
    '__name__=~"foo"',
  ];
  const out: string[] = [];
  for (const matcher of matchers) {
    out.push(`{${matcher}}`);
    out.push(`foo{${matcher}}`);
    out.push(`{${matcher},b="y"}`);
  }
  return out;
}

/** Regex patterns (RE2 vs JavaScript differences and RE2 limits) × `=~` / `!~`. */
function generateRegexMatchers(): string[] {
  // Written as the regex itself; backslashes are doubled for the PromQL "..." string below.
  const patterns = [
    'a|b',
    '.*',
    '(?=x)',
    '(?!x)',
    '(?<=x)',
    '(?<!x)',
    '(a)\\1',
    '(?P<n>x)',
    '(?<n>x)',
    '[[:alpha:]]',
    '[[:word:]]',
    '\\p{L}',
    '\\pL',
    '\\PL',
    '\\p{^L}',
    '\\Qa.b\\E',
    '\\z',
    '\\A',
    '\\Z',
    '(?i)x',
    '(?s).',
    '(?U)x+',
    '(?-i)x',
    'a++',
    'a*+',
    'a?+',
    'x{1000}',
    'x{1001}',
    '\\C',
    '(',
    ')',
    '[z-a]',
    '[]',
    '[^]',
    'a{,2}',
    '\\d\\w\\s\\D\\W\\S',
    '\\h',
    '\\R',
    '\\X',
    '\\G',
    '\\1',
    '\\x41',
    '\\x{10FFFF}',
    '\\x{110000}',
    '\\o{101}',
    '\\N{LATIN SMALL LETTER A}',
    '(?|a|b)',
    '(?>a)',
    '(?flags)',
    '\\/',
    '\\-',
    '\\_',
    '[\\w-z]',
    '(?i)(?s)(?m)',
    '(*UTF8)a',
  ];
  const out: string[] = [];
  for (const pattern of patterns) {
    const literal = pattern.replace(/\\/g, '\\\\');
    out.push(`foo{a=~"${literal}"}`);
    out.push(`foo{a!~"${literal}"}`);
  }
  return out;
}

/** All generator families, in corpus order. */
export const GENERATORS: Readonly<Record<string, () => string[]>> = {
  functions: generateFunctionCalls,
  unknownFunctions: generateUnknownFunctionCalls,
  aggregations: generateAggregations,
  binaryOperators: generateBinaryOperators,
  durations: generateDurations,
  modifiers: generateModifiers,
  subqueries: generateSubqueries,
  stringEscapes: generateStringEscapes,
  emptyMatchers: generateEmptyMatchers,
  regexMatchers: generateRegexMatchers,
};

// ---------------------------------------------------------------------------
// Assembly
// ---------------------------------------------------------------------------

/** Hand cases then generated cases, deduplicated by expression (first occurrence wins). */
export function corpusCases(): CorpusCase[] {
  const seen = new Set<string>();
  const out: CorpusCase[] = [];
  const add = (expr: string, origin: string): void => {
    if (seen.has(expr)) return;
    seen.add(expr);
    out.push({ expr, origin });
  };
  for (const [category, exprs] of Object.entries(HAND_CATEGORIES)) {
    for (const expr of exprs) add(expr, `hand:${category}`);
  }
  for (const [family, generate] of Object.entries(GENERATORS)) {
    for (const expr of generate()) add(expr, `generated:${family}`);
  }
  return out;
}
