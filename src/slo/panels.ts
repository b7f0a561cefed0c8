/**
 * An SLO's error-budget panels as plain data, in the dashboards module's panel spec (PanelSpec), which renders
 * them. Every number comes from the Slo: the objective colours the SLI, the tiers'
 * factors colour the burn rates.
 */
import { HEALTHY_COLOR, PAGE_SEVERITY, TICKET_SEVERITY, severityColor } from '../core';
import type { PanelSpec, ThresholdStep } from '../dashboards';
import type { BurnRateTier } from './burn-rate';
import { SLO_RECORDS } from './record-names';

/** What the panels read from an SLO (the Slo class has all of it). */
export interface SloPanelSource {
  readonly props: { readonly service: string; readonly name: string; readonly description?: string };
  /** The label selector of the SLO's series, e.g. `{service="api",slo="availability"}`. */
  readonly selector: string;
  readonly groupBy: readonly string[];
  readonly window: string;
  /** The burn-rate windows the tiers use, e.g. `5m`, `1h`. */
  readonly windows: readonly string[];
  readonly tiers: readonly Pick<BurnRateTier, 'kind' | 'factor'>[];
  readonly objectivePercent: string;
  readonly objectiveRatio: string;
  readonly errorBudget: string;
}

/**
 * The four panels of an SLO: SLI vs objective over the window, budget remaining, burn rate per window, and
 * the budget burn-down over the window.
 */
export function sloPanels(slo: SloPanelSource): PanelSpec[] {
  const sel = slo.selector;
  const groups = slo.groupBy.map((l) => `{{${l}}}`).join(' ');
  const legend = (base: string): string => (groups ? `${base} ${groups}` : base);
  const objective = Number(slo.objectiveRatio);
  const w = slo.window;
  const burnWindows = slo.windows;
  const pageFactors = slo.tiers.filter((t) => t.kind === 'page').map((t) => Number(t.factor));
  const ticketFactors = slo.tiers.filter((t) => t.kind === 'ticket').map((t) => Number(t.factor));
  const burnSteps: ThresholdStep[] = [{ value: null, color: HEALTHY_COLOR }];
  if (ticketFactors.length > 0)
    burnSteps.push({ value: Math.min(...ticketFactors), color: severityColor(TICKET_SEVERITY) });
  if (pageFactors.length > 0) burnSteps.push({ value: Math.min(...pageFactors), color: severityColor(PAGE_SEVERITY) });
  burnSteps.sort((a, b) => (a.value ?? -Infinity) - (b.value ?? -Infinity));
  const name = `${slo.props.service} ${slo.props.name}`;
  return [
    {
      kind: 'stat',
      title: `${name}: SLI vs objective ${slo.objectivePercent}% (${w})`,
      description: `${slo.props.description ? `${slo.props.description}. ` : ''}Share of good events over the last ${w}; red below the ${slo.objectivePercent}% objective.`,
      queries: [{ expr: `1 - ${SLO_RECORDS.burnRate(w)}${sel} * ${slo.errorBudget}`, legend: legend(`SLI ${w}`) }],
      unit: 'percentunit',
      decimals: Math.max(2, slo.objectivePercent.replace(/^[^.]*\.?/, '').length + 1),
      thresholds: [
        { value: null, color: 'red' },
        { value: objective, color: 'green' },
      ],
    },
    {
      kind: 'gauge',
      title: `${name}: error budget remaining (${w})`,
      description: `Share of the ${w} error budget (${slo.errorBudget} of events) not yet spent; negative when overspent.`,
      queries: [{ expr: `${SLO_RECORDS.budgetRemaining}${sel}`, legend: legend('remaining') }],
      unit: 'percentunit',
      min: 0,
      max: 1,
      thresholds: [
        { value: null, color: 'red' },
        { value: 0, color: 'orange' },
        { value: 0.25, color: 'green' },
      ],
    },
    {
      kind: 'timeseries',
      title: `${name}: burn rate per window`,
      description: `Error ratio divided by the error budget; 1 spends the budget exactly over ${w}. Orange from the lowest ticket factor, red from the lowest page factor.`,
      queries: burnWindows.map((bw) => ({ expr: `${SLO_RECORDS.burnRate(bw)}${sel}`, legend: legend(bw) })),
      unit: 'none',
      min: 0,
      thresholds: burnSteps,
    },
    {
      kind: 'timeseries',
      title: `${name}: error budget burn-down (${w})`,
      description: `The error budget left over the rolling ${w} window, over time.`,
      queries: [{ expr: `${SLO_RECORDS.budgetRemaining}${sel}`, legend: legend('budget remaining') }],
      unit: 'percentunit',
      max: 1,
      thresholds: [
        { value: null, color: 'red' },
        { value: 0, color: 'green' },
      ],
    },
  ];
}
