import * as fs from 'fs';
import * as path from 'path';
import { AlertmanagerConfig } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1alpha1/AlertmanagerConfig';
import { WatchkeeperError } from '../../src';
import { TimeInterval } from '../../src/routing';
import { toYaml } from '../../src/core';
import { itWithAmtool, runAmtool } from '../support/amtool';
import { tempDir } from '../support/synth';

const full = new TimeInterval('full', [
  {
    weekdays: ['monday:friday', 'sunday'],
    times: [
      { start: '00:00', end: '06:30' },
      { start: '22:00', end: '24:00' },
    ],
  },
  { daysOfMonth: ['1:7', '-1', '-3:-2'], months: ['january:march', 'december'], years: ['2025', '2026:2027'] },
]);

describe('TimeInterval', () => {
  it('business hours default to Monday to Friday, 09:00-17:00', () => {
    const bh = TimeInterval.businessHours();
    expect(bh.name).toBe('business-hours');
    expect(bh.toConfigFile()).toEqual({
      name: 'business-hours',
      time_intervals: [{ times: [{ start_time: '09:00', end_time: '17:00' }], weekdays: ['monday:friday'] }],
    });
    expect(
      TimeInterval.businessHours({
        name: 'office',
        start: '08:00',
        end: '18:00',
        weekdays: ['monday:thursday'],
      }).toCrd(),
    ).toEqual({
      name: 'office',
      timeIntervals: [{ times: [{ startTime: '08:00', endTime: '18:00' }], weekdays: ['monday:thursday'] }],
    });
  });

  it('writes days of the month as ranges in the CRD', () => {
    const crd = full.toCrd() as { timeIntervals: Array<{ daysOfMonth?: unknown }> };
    expect(crd.timeIntervals[1].daysOfMonth).toEqual([
      { start: 1, end: 7 },
      { start: -1, end: -1 },
      { start: -3, end: -2 },
    ]);
  });

  it.each([
    [{ times: [{ start: '9:00', end: '17:00' }] }, 'ranges[0].times[0].start'],
    [{ times: [{ start: '09:00', end: '24:01' }] }, 'ranges[0].times[0].end'],
    [{ times: [{ start: '17:00', end: '09:00' }] }, 'ranges[0].times[0]'],
    [{ weekdays: ['Monday'] }, 'ranges[0].weekdays[0]'],
    [{ weekdays: ['friday:monday'] }, 'ranges[0].weekdays[0]'],
    [{ weekdays: ['mon'] }, 'ranges[0].weekdays[0]'],
    [{ months: ['13'] }, 'ranges[0].months[0]'],
    [{ months: ['march:january'] }, 'ranges[0].months[0]'],
    [{ daysOfMonth: ['0'] }, 'ranges[0].daysOfMonth[0]'],
    [{ daysOfMonth: ['7:1'] }, 'ranges[0].daysOfMonth[0]'],
    [{ daysOfMonth: ['32'] }, 'ranges[0].daysOfMonth[0]'],
    [{ years: ['25'] }, 'ranges[0].years[0]'],
    [{ years: ['2027:2025'] }, 'ranges[0].years[0]'],
  ])('refuses %j (field %s)', (range, field) => {
    let error: unknown;
    try {
      new TimeInterval('x', [range]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(WatchkeeperError);
    expect((error as WatchkeeperError).problems.map((p) => p.field)).toContain(field);
    expect((error as WatchkeeperError).message).toContain('TimeInterval "x"');
  });

  it('refuses an empty interval and a bad name', () => {
    expect(() => new TimeInterval('x', [])).toThrow(/at least one range/);
    expect(() => new TimeInterval('bad name', [{ weekdays: ['monday'] }])).toThrow(/interval name/);
  });

  it('renders what the AlertmanagerConfig schema accepts', () => {
    const model = new AlertmanagerConfig({
      metadata: { name: 'x', namespace: 'y' },
      spec: {
        route: { receiver: 'a', routes: [{ receiver: 'a', activeTimeIntervals: ['full'] }] },
        receivers: [{ name: 'a' }],
        muteTimeIntervals: [full.toCrd() as never, TimeInterval.businessHours().toCrd() as never],
      },
    });
    expect(() => model.validate()).not.toThrow();
  });

  itWithAmtool('renders what Alertmanager 0.25 loads', () => {
    const file = path.join(tempDir('wk-ti-'), 'am.yml');
    fs.writeFileSync(
      file,
      toYaml({
        route: {
          receiver: 'a',
          routes: [{ receiver: 'a', active_time_intervals: ['full'], mute_time_intervals: ['business-hours'] }],
        },
        receivers: [{ name: 'a' }],
        time_intervals: [full.toConfigFile(), TimeInterval.businessHours().toConfigFile()],
      }),
    );
    const r = runAmtool(['check-config', file]);
    expect(r.output).toContain('SUCCESS');
    expect(r.status).toBe(0);
  });

  itWithAmtool('Alertmanager refuses what we refuse (a span that runs backwards)', () => {
    const file = path.join(tempDir('wk-ti-'), 'bad.yml');
    fs.writeFileSync(
      file,
      toYaml({
        route: { receiver: 'a', routes: [{ receiver: 'a', active_time_intervals: ['x'] }] },
        receivers: [{ name: 'a' }],
        time_intervals: [{ name: 'x', time_intervals: [{ times: [{ start_time: '17:00', end_time: '09:00' }] }] }],
      }),
    );
    expect(runAmtool(['check-config', file]).status).toBe(1);
  });

  it('quotes times so YAML 1.1 readers do not take them for base-60 numbers', () => {
    expect(toYaml({ start_time: '09:00', weekdays: ['monday:friday'] })).toBe(
      'start_time: "09:00"\nweekdays:\n  - monday:friday\n',
    );
  });
});
