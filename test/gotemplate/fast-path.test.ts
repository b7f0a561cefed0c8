/**
 * The template fast path (simple templates read by a regular expression) must agree with the parser and
 * analyser of src/gotemplate on everything it accepts, and accept the common templates.
 */
import { analyzeTemplate, parseTemplate } from '../../src/gotemplate';
import { simpleTemplateFacts } from '../../src/checks/template';

const ACCEPTED = [
  'plain text, no actions',
  '{{ $labels.instance }} is down',
  'Error rate is {{ $value | humanizePercentage }}',
  '{{$labels.job}}/{{ .Labels.instance | toUpper }}: {{ .Value | humanize }}',
  'line one {{ $labels.a }}\nline two {{- $labels.b -}} end {{ $value | humanizeDuration }}',
  'braces { and } alone are text, {{ $labels.x | title | toLower }}',
  'Quota usage above 80% for {{ $labels.user }}',
  'ünïcödé {{ $labels.x }} 😀 {{ $labels.y }}',
];

const REJECTED = [
  '{{ $labels.job | humanize }}',
  '{{ $value | toUpper }}',
  '{{ $value | humanize | humanize }}',
  '{{ if gt $value 1.0 }}high{{ end }}',
  '{{ $labels.job',
  '{{ printf "%.2f" $value }}',
  '{{ $labels.foo-bar }}',
  '{{-$labels.x}}',
  '{{ $x }}',
];

describe('simple template fast path', () => {
  it.each(ACCEPTED)('agrees with the parser on %j', (text) => {
    for (const where of ['annotation', 'label'] as const) {
      const fast = simpleTemplateFacts(text, where);
      if (where === 'label' && /\$value|\.Value/.test(text)) {
        expect(fast).toBeUndefined();
        continue;
      }
      expect(fast).toBeDefined();
      for (const prometheusVersion of ['2.30', '2.42', '3.15']) {
        const parsed = parseTemplate(text, { prometheusVersion });
        const analysis = analyzeTemplate(parsed, { where, prometheusVersion });
        expect([...parsed.diagnostics, ...analysis.diagnostics]).toEqual([]);
        expect(fast!.labels).toEqual(analysis.labels);
      }
    }
  });

  it.each(REJECTED)('leaves %j to the parser', (text) => {
    expect(simpleTemplateFacts(text, 'annotation')).toBeUndefined();
  });
});
