import {
  goFixed,
  goG,
  goValue,
  humanize,
  humanize1024,
  humanizeDuration,
  humanizePercentage,
} from '../../src/testing/go-format';
import { renderTemplate, NotRenderable } from '../../src/testing';

describe('Go number formatting as alert templates print numbers', () => {
  it('prints $value as fmt %v does', () => {
    expect([0.5, 100, 123456, 1e6, 1234567, 0.0001, 0.00001, 2.5e-7, -3].map(goValue)).toEqual([
      '0.5',
      '100',
      '123456',
      '1e+06',
      '1.234567e+06',
      '0.0001',
      '1e-05',
      '2.5e-07',
      '-3',
    ]);
    expect([NaN, Infinity, -Infinity].map(goValue)).toEqual(['NaN', '+Inf', '-Inf']);
  });

  it('rounds %.Nf half to even on the exact value, as Go does', () => {
    expect(goFixed(2.5, 0)).toBe('2');
    expect(goFixed(3.5, 0)).toBe('4');
    expect(goFixed(0.125, 2)).toBe('0.12');
    expect(goFixed(1.005, 2)).toBe('1.00'); // 1.005 is 1.00499999... as a float64
    expect(goFixed(299.996, 2)).toBe('300.00');
    expect(goFixed(0.006, 2)).toBe('0.01');
  });

  it('%.4g drops trailing zeros and switches to exponents at 4 digits', () => {
    expect([2, 0.5, 1234, 12345, 100, 1e4].map((x) => goG(x, 4))).toEqual([
      '2',
      '0.5',
      '1234',
      '1.234e+04',
      '100',
      '1e+04',
    ]);
  });

  it('humanizes as Prometheus does', () => {
    expect([0, 1, 999, 1000, 1234567, 0.001234].map(humanize)).toEqual(['0', '1', '999', '1k', '1.235M', '1.234m']);
    expect([1, 1024, 1536, 1048576].map(humanize1024)).toEqual(['1', '1ki', '1.5ki', '1Mi']);
    expect([0, 1.5, 61, 3661, 90061, 0.25].map(humanizeDuration)).toEqual([
      '0s',
      '1.5s',
      '1m 1s',
      '1h 1m 1s',
      '1d 1h 1m 1s',
      '250ms',
    ]);
    expect(humanizePercentage(0.1234)).toBe('12.34%');
  });
});

describe('renderTemplate', () => {
  it('renders labels, value, pipes, printf and if', () => {
    const data = { labels: { job: 'api', instance: 'a:9090' }, value: 0.1234 };
    expect(renderTemplate('{{ $labels.job }} at {{ $value | humanizePercentage }}', data)).toBe('api at 12.34%');
    expect(renderTemplate('{{ printf "%.2f" $value }} {{ .Labels.instance | stripPort }}', data)).toBe('0.12 a');
    expect(renderTemplate('{{ if gt $value 0.1 }}high{{ else }}low{{ end }} {{ $labels.missing }}.', data)).toBe(
      'high .',
    );
  });

  it('says what it cannot render', () => {
    expect(() => renderTemplate('{{ $value }}', { labels: {} })).toThrow(/state the value/);
    expect(() => renderTemplate('{{ range $labels }}x{{ end }}', { labels: {} })).toThrow(NotRenderable);
    expect(() => renderTemplate('{{ query "up" }}', { labels: {} })).toThrow(/query is not rendered/);
  });
});
