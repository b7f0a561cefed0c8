/**
 * The one rule model the checks read: a rule's content as plain data (so the per-rule checks can run in a
 * worker thread), and findings pointing into it with a {@link RuleLocation}. `watchkeeper lint` builds it
 * from files and turns locations into file positions; synth builds it from RuleGroup values and turns
 * locations into fields of the construct that declared the rule.
 */
import type { CheckId, DiagnosticSeverity } from './types';

/** A rule's content: everything the per-rule checks read. */
export interface RuleData {
  readonly kind: 'alert' | 'record';
  /** The alert or record name. */
  readonly name: string;
  readonly expr: string;
  readonly for?: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  /** The group's labels (Prometheus >= 3.0). */
  readonly groupLabels: Readonly<Record<string, string>>;
}

/** Where in a rule a finding points. */
export type RuleLocation =
  | { readonly at: 'name' }
  | { readonly at: 'for' }
  | { readonly at: 'expr'; readonly offset: number }
  | { readonly at: 'label' | 'annotation'; readonly key: string; readonly offset?: number };

/** A per-rule check's finding. */
export interface RuleFinding {
  readonly check: CheckId;
  readonly message: string;
  readonly location: RuleLocation;
  /** @default the check's fix hint */
  readonly fix?: string;
  /** This finding's default severity. @default the check's */
  readonly severity?: DiagnosticSeverity;
  /** Prometheus refuses the file: always an error, never disabled by comments. */
  readonly fatal?: boolean;
  /**
   * The preset from which this finding is on (absent: every preset). Policy and heuristics are `recommended`
   * or `strict`; a check configured explicitly turns its `recommended` findings on.
   */
  readonly tier?: FindingTier;
}

/** Presets above `default`, for findings that are policy or heuristics. */
export type FindingTier = 'recommended' | 'strict';
