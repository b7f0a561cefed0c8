import * as fs from 'fs';
import * as path from 'path';
import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { PrometheusRule, RuleGroup, WatchkeeperApp, synthApp } from '../../src';
import { RlmHypervisorChart } from '../../examples/rlm-hypervisor';
import { readTree, tempDir } from '../support/synth';

const rlmApp = (): WatchkeeperApp => {
  const app = new WatchkeeperApp();
  new RlmHypervisorChart(app);
  return app;
};

describe('WatchkeeperApp synth', () => {
  it('gives byte-identical output for the same app', () => {
    const a = path.join(tempDir(), 'dist');
    const b = path.join(tempDir(), 'dist');
    rlmApp().synthTo(a);
    rlmApp().synthTo(b);
    const ta = readTree(a);
    expect(ta.size).toBeGreaterThan(1);
    expect(readTree(b)).toEqual(ta);
  });

  it('replaces the output directory: stale files from an earlier run are gone', () => {
    const out = path.join(tempDir(), 'dist');
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, 'stale.yaml'), 'old');
    rlmApp().synthTo(out);
    expect(fs.existsSync(path.join(out, 'stale.yaml'))).toBe(false);
    expect(fs.existsSync(path.join(out, 'rlm-hypervisor.k8s.yaml'))).toBe(true);
  });

  it('leaves the previous output byte-identical when validation fails', () => {
    const out = path.join(tempDir(), 'dist');
    rlmApp().synthTo(out);
    const before = readTree(out);
    const broken = rlmApp();
    new PrometheusRule(new Chart(broken, 'broken'), 'bad', {
      groups: [new RuleGroup('g').addAlert({ alert: 'A', expr: 'rate(foo)' })],
    });
    expect(() => broken.synthTo(out)).toThrow(/\[broken\/bad\].*rate/);
    expect(readTree(out)).toEqual(before);
  });

  it('leaves the previous output byte-identical when writing fails halfway', () => {
    const out = path.join(tempDir(), 'dist');
    rlmApp().synthTo(out);
    const before = readTree(out);
    const failSecondFile = (_rel: string, i: number): void => {
      if (i === 1) throw new Error('disk full (simulated)');
    };
    expect(() => rlmApp().synthTo(out, failSecondFile)).toThrow('disk full (simulated)');
    expect(readTree(out)).toEqual(before);
    expect(fs.readdirSync(path.dirname(out))).toEqual(['dist']);
  });

  it('leaves the previous output byte-identical and no staging directory when rendering fails after files were written', () => {
    const out = path.join(tempDir(), 'dist');
    rlmApp().synthTo(out);
    const before = readTree(out);
    const app = rlmApp();
    // Rendered after the chart manifests, which are already in the staging directory by then.
    const failing = new Construct(app, 'failing');
    Object.assign(failing, {
      synthesizeFiles: (): never => {
        throw new Error('render failed (simulated)');
      },
    });
    let written = 0;
    expect(() => app.synthTo(out, () => void written++)).toThrow('render failed (simulated)');
    expect(written).toBeGreaterThan(0);
    expect(readTree(out)).toEqual(before);
    expect(fs.readdirSync(path.dirname(out))).toEqual(['dist']);
  });
});

describe('synthApp', () => {
  it('returns 1 and prints the problems without a stack trace, leaving the output as it was', () => {
    const out = path.join(tempDir(), 'dist');
    rlmApp().synthTo(out);
    const before = readTree(out);
    const broken = new WatchkeeperApp({ outdir: out });
    new PrometheusRule(new Chart(broken, 'broken'), 'bad', {
      groups: [new RuleGroup('g').addAlert({ alert: 'A', expr: 'rate(foo)' })],
    });
    let printed = '';
    expect(synthApp(broken, { debug: false, err: (t) => (printed += t) })).toBe(1);
    expect(printed).toMatch(/synth failed; .*dist was left as it was/);
    expect(printed).toMatch(/\[broken\/bad\] group "g" alert "A" expr: expected type range vector/);
    expect(printed).not.toMatch(/\n\s+at /);
    expect(readTree(out)).toEqual(before);
  });

  it('returns 0 and writes the output when all is well', () => {
    const out = path.join(tempDir(), 'dist');
    const app = new WatchkeeperApp({ outdir: out });
    new RlmHypervisorChart(app);
    expect(synthApp(app, { err: () => undefined })).toBe(0);
    expect(fs.existsSync(path.join(out, 'rlm-hypervisor.k8s.yaml'))).toBe(true);
  });
});

describe('object identity', () => {
  it('refuses two objects of one chart with the same kind, namespace and name', () => {
    const app = new WatchkeeperApp();
    const chart = new Chart(app, 'dup', { namespace: 'x' });
    const group = (): RuleGroup => new RuleGroup('g').addAlert({ alert: 'A', expr: 'up == 0' });
    new PrometheusRule(chart, 'one', { name: 'same', groups: [group()] });
    new PrometheusRule(chart, 'two', { name: 'same', groups: [group()] });
    expect(() => app.synthesizeFiles()).toThrow(
      /\[dup\] objects: two objects of the chart have the same kind, namespace and name.*\(got "PrometheusRule.monitoring.coreos.com x\/same"\)/,
    );
  });
});
