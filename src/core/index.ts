/**
 * core/: what every module shares: the error shape for user mistakes and the one problem collector
 * (ProblemList), the alert severity vocabulary (severity.ts), the CLI's exit codes, YAML output, names, "did you mean" (closest).
 */
export * from './errors';
export * from './records';
export * from './yaml';
export * from './problems';
export * from './names';
export * from './settings';
export * from './synthesized-files';
export * from './construct-index';
export * from './exit-codes';
export * from './severity';
export * from './closest';
