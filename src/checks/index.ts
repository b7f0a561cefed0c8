/**
 * lint/checks: one module per check family. `checkRule` runs every per-rule check on plain rule data (in
 * the main thread or a worker); `checkDuplicates` and `checkDependencies` look across every rule linted.
 */
export * from './context';
export * from './facts';
export { checkRule, type RuleCheckResult } from './check-rule';
export { checkSyntax } from './promql-syntax';
export { checkTemplates } from './template';
export { checkNames, checkGroupLabels } from './name';
export { checkComparison } from './comparison';
export { checkDuplicates, duplicateCandidates, duplicateKey } from './duplicate';
export { checkRequired } from './required';
export { checkRate } from './rate';
export { checkRegexp } from './regexp';
export { checkFragile } from './fragile';
export { checkDependencies } from './dependency';
