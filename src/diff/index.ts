/**
 * diff/: what a change does to monitoring. `readOutput` reads a synthesized output folder into alerts, SLO
 * objectives, routes, dashboards and autoscalers; `diffOutputs` compares two; `formatText` and
 * `formatMarkdown` report the changes (the latter as a pull-request comment).
 */
export { readOutput, type OutputModel } from './output-model';
export {
  diffOutputs,
  formatText as formatDiffText,
  formatMarkdown as formatDiffMarkdown,
  type Change as MonitoringChange,
  type ChangeArea,
} from './diff-outputs';
