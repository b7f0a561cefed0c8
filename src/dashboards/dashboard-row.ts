/**
 * A collapsible row of a dashboard: a title bar and the panels below it.
 */
import { reportProblems } from '../core';
import { ThresholdMetric } from '../thresholds';
import { checkPanelSpec } from './check-panel-spec';
import { IPanelSource, PanelSpec, isPanelSource } from './panel';
import { ThresholdPanelOptions, thresholdMetricPanel } from './threshold-panel';

/** What can be added as panels: a panel spec, a source of panels (an SLO), or a ThresholdMetric. */
export type PanelInput = PanelSpec | IPanelSource | ThresholdMetric;

/** Settings of a row. */
export interface DashboardRowProps {
  /** Start collapsed: the panels appear when the row is opened. @default false */
  readonly collapsed?: boolean;
}

/** A row: values added until synthesis land in it. Create with `dashboard.addRow(title)`. */
export class DashboardRow {
  private readonly inputs: PanelInput[] = [];

  constructor(
    readonly title: string,
    readonly props: DashboardRowProps,
    private readonly where: string,
  ) {}

  /** Adds panels to the row; returns the row for chaining. */
  addPanel(...inputs: PanelInput[]): this {
    this.inputs.push(...checkInputs(inputs, this.where));
    return this;
  }

  /** The panels, sources expanded (at synthesis). */
  panelSpecs(): PanelSpec[] {
    return resolvePanels(this.inputs);
  }
}

/** Specs expanded from inputs, in order. */
export function resolvePanels(inputs: readonly PanelInput[], thresholdOptions?: ThresholdPanelOptions): PanelSpec[] {
  return inputs.flatMap((i) =>
    i instanceof ThresholdMetric ? [thresholdMetricPanel(i, thresholdOptions)] : isPanelSource(i) ? i.panels() : [i],
  );
}

/**
 * Reports plain specs with problems (to the app being declared, or thrown without one) and returns the inputs
 * without them; sources are checked when they produce their panels.
 */
export function checkInputs(inputs: readonly PanelInput[], where: string): PanelInput[] {
  const checked = inputs.map((i) => ({
    input: i,
    problems: i instanceof ThresholdMetric || isPanelSource(i) ? [] : checkPanelSpec(i, where),
  }));
  reportProblems(
    checked.flatMap((c) => c.problems),
    `[${where}] panels`,
  );
  return checked.filter((c) => c.problems.length === 0).map((c) => c.input);
}
