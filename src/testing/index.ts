/**
 * testing/: alert tests as code. `AlertTest` (construct) writes promtool test files under `tests/` at synth,
 * from input series declared by shape (`Series`) and expectations (`Expect`) whose labels and annotations
 * are rendered from the rules' own templates. `GeneratedAlertTests` adds the scenarios every Slo and
 * ThresholdMetric in the app can prove on its own.
 */
export { Series } from './series';
export {
  AlertTest,
  Expect,
  type AlertTestProps,
  type AlertTestScenario,
  type Expectation,
  type ExpectedAlert,
} from './alert-test';
export {
  GeneratedAlertTests,
  generateAlertTestFiles,
  type GeneratedAlertTestsProps,
  type SkippedSource,
} from './generated';
export {
  TESTS_DIR,
  type PromtoolTestFile,
  type PromtoolTestGroup,
  type PromtoolAlert,
  type PromtoolAlertTest,
  type PromtoolExprTest,
  type RuleFileOwner,
} from './promtool-file';
export { renderTemplate, NotRenderable, type TemplateData } from './render-template';
export { parsePromtoolFailures, explainFailure, type FailedCheck } from './promtool-output';
