/**
 * testing/: alert tests as code. `AlertTest` (construct) writes promtool test files under `tests/` at synth,
 * from input series declared by shape (`Series`) and expectations (`Expect`) whose labels and annotations
 * are rendered from the rules' own templates. `GeneratedAlertTests` adds scenarios every Slo and
 * ThresholdMetric in the app can prove on its own.
 */
export * from './series';
export * from './alert-test';
export * from './promtool-file';
export { renderTemplate, NotRenderable, type TemplateData } from './render-template';
export { goValue, goFixed, goG, humanize, humanize1024, humanizeDuration, humanizePercentage } from './go-format';
export * from './generated';
