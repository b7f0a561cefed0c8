/**
 * How serious a finding is under a configuration: what Prometheus refuses is always an error; otherwise the
 * configured severity, else the finding's own, else its check's default. Findings of a tier the preset does
 * not reach, and checks configured `off`, are dropped.
 */
import type { ResolvedLintConfig } from './config';
import { check as checkInfo } from './registry';
import type { FindingTier } from './rule-data';
import type { CheckId, DiagnosticSeverity } from './types';

/** What severity resolution reads from a finding. */
export interface SeverityInput {
  readonly check: CheckId;
  readonly fatal?: boolean;
  readonly tier?: FindingTier;
  readonly severity?: DiagnosticSeverity;
}

/** The finding's severity, or undefined when the configuration turns it off. */
export function findingSeverity(config: ResolvedLintConfig, f: SeverityInput): DiagnosticSeverity | undefined {
  if (f.fatal) return 'error';
  if (f.tier && !tierOn(f.tier, f.check, config)) return undefined;
  const configured = config.severities.get(f.check);
  if (configured === 'off') return undefined;
  return configured ?? f.severity ?? checkInfo(f.check).severity;
}

/** Whether findings of `tier` are on: the preset reaches it, or the check is configured and it is `recommended`. */
function tierOn(tier: FindingTier, check: CheckId, config: ResolvedLintConfig): boolean {
  const rank = tier === 'recommended' ? 1 : 2;
  return config.tier >= rank || (rank === 1 && config.explicitChecks.has(check));
}
