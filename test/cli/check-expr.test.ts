import { run } from '../../src/cli/main';

function cli(...args: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = run(args, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('watchkeeper check-expr', () => {
  it('exits 0 for expressions Prometheus accepts', () => {
    expect(cli('check-expr', 'up', 'rate(foo[5m])')).toMatchObject({ code: 0, out: '' });
  });

  it('exits 1 and prints position and message for refused expressions', () => {
    const r = cli('check-expr', 'rate(foo)');
    expect(r.code).toBe(1);
    expect(r.out).toBe(
      '"rate(foo)":1:6: error: expected type range vector in call to function "rate", got instant vector\n',
    );
  });

  it('checks against the requested Prometheus version', () => {
    expect(cli('check-expr', '--prometheus-version', '2.42', 'holt_winters(x[1h], 0.5, 0.5)').code).toBe(0);
    expect(cli('check-expr', 'holt_winters(x[1h], 0.5, 0.5)').code).toBe(1);
  });

  it('exits 2 on usage errors and on a bad version, without a stack trace', () => {
    expect(cli('no-such-command').code).toBe(2);
    const r = cli('check-expr', '--prometheus-version', 'latest', 'up');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/"latest" is not a Prometheus version/);
    expect(r.err).not.toMatch(/\n\s+at /);
  });
});
