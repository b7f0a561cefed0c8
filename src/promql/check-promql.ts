/**
 * `checkPromQL`: diagnostics for exactly what Prometheus refuses to load.
 */
import { checkTypes } from './check';
import { ParseFeatures, SpanError, parsePromQL } from './parse';
import { DEFAULT_PROMETHEUS_VERSION, parsePrometheusVersion } from './version';
import type { Expr } from './ast';

/** One problem in an expression. */
export interface PromQLDiagnostic {
  /** 1-based line inside the expression. */
  readonly line: number;
  /** 1-based column (in characters) inside the expression. */
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  /** What is wrong, in Prometheus's words where practical. */
  readonly message: string;
  readonly severity: 'error';
}

export interface CheckPromQLOptions extends ParseFeatures {
  /**
   * The Prometheus release the expression must load in; decides which functions and syntax exist.
   * @default DEFAULT_PROMETHEUS_VERSION (the current 3.x release)
   */
  readonly prometheusVersion?: string;
}

/** The outcome of validating: diagnostics, and the syntax tree when there are none. */
export interface PromQLCheckResult {
  readonly diagnostics: PromQLDiagnostic[];
  readonly ast?: Expr;
}

/**
 * Results by options and text, in two generations (at most CACHE_LIMIT in all): a hit in the older one moves
 * to the recent one, and when the recent one is full the older one is dropped whole. What is used stays;
 * nothing is deleted one by one (a Map emptied from its front leaves holes its iterator walks again each time,
 * which made a least-recently-used Map slower the larger the app).
 */
let recent = new Map<string, PromQLCheckResult>();
let older = new Map<string, PromQLCheckResult>();
const CACHE_LIMIT = 20_000;

/**
 * Checks a PromQL expression the way Prometheus does when it loads a rule: syntax, then types.
 * An empty array means Prometheus would accept it.
 */
export function checkPromQL(expr: string, options: CheckPromQLOptions = {}): PromQLDiagnostic[] {
  return analyzePromQL(expr, options).diagnostics;
}

/** As checkPromQL, also returning the syntax tree for further checks (lint). Results are cached. */
export function analyzePromQL(expr: string, options: CheckPromQLOptions = {}): PromQLCheckResult {
  const version = options.prometheusVersion ?? DEFAULT_PROMETHEUS_VERSION;
  const key = `${version}|${options.experimentalFunctions ? 1 : 0}${options.durationExpressions ? 1 : 0}${options.extendedRangeSelectors ? 1 : 0}|${expr}`;
  const hit = recent.get(key) ?? older.get(key);
  if (hit) {
    if (!recent.has(key)) remember(key, hit);
    return hit;
  }
  const parsed = parsePromQL(expr, parsePrometheusVersion(version), options);
  const errors: SpanError[] = parsed.expr ? checkTypes(parsed.expr) : parsed.errors;
  const result: PromQLCheckResult = {
    diagnostics: errors.map((e) => toDiagnostic(expr, e)),
    ast: errors.length === 0 ? parsed.expr : undefined,
  };
  remember(key, result);
  return result;
}

/** Puts a result in the recent generation, which becomes the older one when it holds half the limit. */
function remember(key: string, result: PromQLCheckResult): void {
  if (recent.size >= CACHE_LIMIT / 2) {
    older = recent;
    recent = new Map();
  }
  recent.set(key, result);
}

function toDiagnostic(text: string, e: SpanError): PromQLDiagnostic {
  const start = position(text, e.from);
  const end = position(text, Math.max(e.from, e.to));
  return {
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
    message: e.message,
    severity: 'error',
  };
}

/** 1-based line and column of an offset. */
export function position(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
