/**
 * Named time intervals (Alertmanager >= 0.24 `time_intervals`, the CRD's `muteTimeIntervals`): a route is
 * active only inside its `activeTimeIntervals` and silent inside its `muteTimeIntervals`.
 */
import { Problem, ProblemList, reportProblems } from '../core';

/** A span of the day, `HH:MM` to `HH:MM` (end exclusive, `24:00` allowed), in UTC. */
export interface TimeOfDayRange {
  /** Start, `HH:MM`. */
  readonly start: string;
  /** End, `HH:MM`, after start; `24:00` is the end of the day. */
  readonly end: string;
}

/**
 * One range of times; a moment is inside it when every field given matches. Times are UTC: the
 * AlertmanagerConfig CRD (v1alpha1) has no time zone field, so both outputs use UTC.
 */
export interface TimeRange {
  /** Days of the week, lower-case, single (`'saturday'`) or ranges (`'monday:friday'`). @default every day */
  readonly weekdays?: readonly string[];
  /** Spans of the day. @default the whole day */
  readonly times?: readonly TimeOfDayRange[];
  /** Days of the month, `'1'`, `'1:7'`, negative from the end (`'-1'` is the last day). @default every day */
  readonly daysOfMonth?: readonly string[];
  /** Months, lower-case names, single or ranges (`'january:march'`). @default every month */
  readonly months?: readonly string[];
  /** Years, `'2025'` or `'2025:2026'`. @default every year */
  readonly years?: readonly string[];
}

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const TIME_RE = /^(?:(?:[01][0-9]|2[0-3]):[0-5][0-9]|24:00)$/;
const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/** Settings of TimeInterval.businessHours. */
export interface BusinessHoursProps {
  /** The interval's name. @default 'business-hours' */
  readonly name?: string;
  /** Start of the working day, `HH:MM` UTC. @default '09:00' */
  readonly start?: string;
  /** End of the working day, `HH:MM` UTC. @default '17:00' */
  readonly end?: string;
  /** Working days. @default ['monday:friday'] */
  readonly weekdays?: readonly string[];
}

/** A named set of time ranges. An immutable value; routes refer to it, the policy renders it once. */
export class TimeInterval {
  /**
   * Whether the props were refused: the problems were reported (to the app being declared, or thrown without
   * one), and policies holding this skip their synth checks rather than report the same mistake again.
   */
  readonly refused: boolean;
  /** Working hours, Monday to Friday 09:00-17:00 UTC unless told otherwise: when tickets are worked. */
  static businessHours(props: BusinessHoursProps = {}): TimeInterval {
    return new TimeInterval(props.name ?? 'business-hours', [
      {
        weekdays: props.weekdays ?? ['monday:friday'],
        times: [{ start: props.start ?? '09:00', end: props.end ?? '17:00' }],
      },
    ]);
  }

  readonly ranges: readonly TimeRange[];

  /** @throws WatchkeeperError naming the field and value when a range is malformed */
  constructor(
    readonly name: string,
    ranges: readonly TimeRange[],
  ) {
    this.ranges = ranges.map((r) => ({ ...r }));
    const problems = checkTimeInterval(name, this.ranges);
    this.refused = reportProblems(problems, `TimeInterval "${name}"`);
  }

  /** The interval as alertmanager.yml's `time_intervals` entry. */
  toConfigFile(): Record<string, unknown> {
    return {
      name: this.name,
      time_intervals: this.ranges.map((r) =>
        omitUndefined({
          times: r.times?.map((t) => ({ start_time: t.start, end_time: t.end })),
          weekdays: r.weekdays && [...r.weekdays],
          days_of_month: r.daysOfMonth && [...r.daysOfMonth],
          months: r.months && [...r.months],
          years: r.years && [...r.years],
        }),
      ),
    };
  }

  /** The interval as the AlertmanagerConfig CRD's `muteTimeIntervals` entry. */
  toCrd(): Record<string, unknown> {
    return {
      name: this.name,
      timeIntervals: this.ranges.map((r) =>
        omitUndefined({
          times: r.times?.map((t) => ({ startTime: t.start, endTime: t.end })),
          weekdays: r.weekdays && [...r.weekdays],
          daysOfMonth: r.daysOfMonth?.map((d) => {
            const [start, end] = d.split(':').map(Number);
            return { start, end: end ?? start };
          }),
          months: r.months && [...r.months],
          years: r.years && [...r.years],
        }),
      ),
    };
  }
}

function omitUndefined(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

/** Every problem with an interval's name and ranges, as Alertmanager 0.25 and the CRD's patterns see them. */
export function checkTimeInterval(name: string, ranges: readonly TimeRange[]): Problem[] {
  const where = `TimeInterval "${name}"`;
  const found = new ProblemList(where);
  if (!NAME_RE.test(name))
    found.add('name', name, 'not a usable interval name', 'use letters, digits, "-", "_" and "."');
  if (ranges.length === 0)
    found.add(
      'ranges',
      ranges,
      'an interval needs at least one range',
      "e.g. [{ weekdays: ['monday:friday'], times: [{ start: '09:00', end: '17:00' }] }]",
    );
  ranges.forEach((r, i) => {
    const f = `ranges[${i}]`;
    (r.times ?? []).forEach((t, j) => {
      for (const k of ['start', 'end'] as const) {
        if (!TIME_RE.test(t[k]))
          found.add(`${f}.times[${j}].${k}`, t[k], 'not a time of day', 'write HH:MM between 00:00 and 24:00');
      }
      if (TIME_RE.test(t.start) && TIME_RE.test(t.end) && minutes(t.start) >= minutes(t.end)) {
        found.add(
          `${f}.times[${j}]`,
          t,
          'the start must be before the end',
          'a span cannot cross midnight: split it into two spans',
        );
      }
    });
    (r.weekdays ?? []).forEach((w, j) =>
      checkRange(
        w,
        (s) => indexOf(WEEKDAYS, s),
        `${f}.weekdays[${j}]`,
        'a weekday or weekday range',
        `lower-case names (${WEEKDAYS.join(', ')}), e.g. 'monday:friday'`,
        found,
      ),
    );
    (r.months ?? []).forEach((m, j) =>
      checkRange(
        m,
        (s) => indexOf(MONTHS, s),
        `${f}.months[${j}]`,
        'a month or month range',
        "lower-case month names, e.g. 'january:march'",
        found,
      ),
    );
    (r.years ?? []).forEach((y, j) =>
      checkRange(
        y,
        (s) => (/^2\d{3}$/.test(s) ? Number(s) : undefined),
        `${f}.years[${j}]`,
        'a year or year range',
        "four-digit years from 2000, e.g. '2025' or '2025:2026'",
        found,
      ),
    );
    (r.daysOfMonth ?? []).forEach((d, j) => {
      const parts = d.split(':');
      const nums = parts.map((p) => (/^-?\d+$/.test(p) ? Number(p) : NaN));
      const ok = parts.length <= 2 && nums.every((n) => Number.isInteger(n) && n !== 0 && n >= -31 && n <= 31);
      if (!ok)
        found.add(
          `${f}.daysOfMonth[${j}]`,
          d,
          'not a day of the month or range',
          "days 1..31 or -31..-1 (from the end), e.g. '1:7' or '-1'",
        );
      else if (nums.length === 2 && Math.sign(nums[0]) === Math.sign(nums[1]) && nums[0] > nums[1])
        found.add(`${f}.daysOfMonth[${j}]`, d, 'the start day is after the end day', 'write the range in order');
    });
  });
  return found.problems;
}

function minutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

function indexOf(list: readonly string[], s: string): number | undefined {
  const i = list.indexOf(s);
  return i === -1 ? undefined : i;
}

function checkRange(
  text: string,
  ordinal: (s: string) => number | undefined,
  field: string,
  what: string,
  fix: string,
  found: ProblemList,
): void {
  const parts = text.split(':');
  const ords = parts.map(ordinal);
  if (parts.length > 2 || ords.some((o) => o === undefined)) {
    found.add(field, text, `not ${what}`, `use ${fix}`);
  } else if (ords.length === 2 && (ords[0] as number) > (ords[1] as number)) {
    found.add(field, text, 'the range runs backwards', 'write the earlier end first');
  }
}
