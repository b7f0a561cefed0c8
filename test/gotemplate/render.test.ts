/**
 * Render-time failures Go's text/template raises every time the alert fires: comparisons between values of
 * different basic kinds (the alert's value is a float64, an integer literal an int, labels strings), and
 * len/index of a number.
 */
import { checkTemplate } from '../../src/gotemplate';

const codes = (text: string): string[] => checkTemplate(text, {}).map((d) => `${d.severity} ${d.code} ${d.message}`);

describe('template comparisons that fail on every firing', () => {
  test.each([
    [
      '{{ if gt $value 1 }}high{{ end }}',
      /error incompatible-comparison error calling gt: incompatible types for comparison: float64 and int/,
    ],
    ['{{ if ge .Value 80 }}hot{{ end }}', /error calling ge: incompatible types for comparison: float64 and int/],
    ['{{ if eq $labels.code 500 }}5xx{{ end }}', /error calling eq: incompatible types for comparison: string and int/],
    ['{{ if lt 1.5 2 }}x{{ end }}', /error calling lt: incompatible types for comparison: float64 and int/],
    ['{{ len $value }}', /error wrong-arg-type error calling len: len of type float64/],
  ])('%s', (text, message) => {
    expect(codes(text)).toEqual([expect.stringMatching(message)]);
  });

  test.each([
    '{{ if gt $value 1.0 }}high{{ end }}',
    '{{ if eq $labels.severity "critical" }}page{{ end }}',
    '{{ if lt 1 2 }}x{{ end }}',
    '{{ if gt (len $labels.x) 0 }}x{{ end }}',
    '{{ if eq $labels.a $labels.b }}same{{ end }}',
  ])('accepts %s', (text) => {
    expect(codes(text)).toEqual([]);
  });
});
