/**
 * Running the per-rule checks on more than one core. Parsing an expression costs tens of microseconds, so
 * tens of thousands of rules are worth a second thread: a worker checks part of the rules while this thread
 * checks the rest. The API stays synchronous: the worker's result is collected with Atomics.wait and
 * receiveMessageOnPort.
 *
 * Workers are used only for big inputs, when more than one core is available, and when the code runs
 * compiled (lib/) or tsx can load the TypeScript sources.
 */
import * as os from 'os';
import * as path from 'path';
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'worker_threads';
import { checkRule, type RuleCheckResult } from '../checks';
import type { LintConfig, ResolvedLintConfig } from '../checks/config';
import type { RuleData } from '../checks/rule-data';
import type { ParallelOptions } from './types';

/** How many threads check rules. */

/** Input size from which a second thread pays for itself (its start-up costs about 100 ms). */
const PARALLEL_FROM_BYTES = 2 * 1024 * 1024;

/** Checks every rule in this thread; `compared[i]`: rule i may duplicate another (see checkRule). */
export function checkRulesHere(
  rules: readonly RuleData[],
  config: ResolvedLintConfig,
  compared: readonly boolean[],
): RuleCheckResult[] {
  return rules.map((r, i) => checkRule(config, r, compared[i] ?? true));
}

/** Messages to and from the worker. */
export interface WorkerRequest {
  readonly config: LintConfig;
  readonly rules: RuleData[];
  readonly compared: boolean[];
  readonly port: MessagePort;
}

/** Slots of the shared status array (workerData): the worker sets STARTED once loaded, DONE after answering. */
export const STARTED = 0;
export const DONE = 1;

/** How long to wait for a worker to load before checking its rules here instead. */
const START_TIMEOUT_MS = 15_000;
export type WorkerResponse = { readonly results: RuleCheckResult[] } | { readonly error: string };

/** A started worker, or undefined when the rules are checked in this thread only. */
export function checkRulesInParallel(
  inputLength: number,
  options: ParallelOptions,
  rawConfig: LintConfig,
):
  | { run(rules: readonly RuleData[], config: ResolvedLintConfig, compared: readonly boolean[]): RuleCheckResult[] }
  | undefined {
  const threads = options.threads ?? (inputLength > PARALLEL_FROM_BYTES && availableCores() > 1 ? 2 : 1);
  if (threads <= 1) return undefined;
  const script = workerScript();
  if (!script) return undefined;
  const status = new Int32Array(new SharedArrayBuffer(8));
  let worker: Worker;
  try {
    worker = new Worker(script.file, { execArgv: script.execArgv, workerData: status });
  } catch {
    return undefined;
  }
  // A worker that fails to load reports it here; the waiting below then stops at the start timeout.
  worker.on('error', () => undefined);
  worker.unref();
  return {
    run(rules, config, compared) {
      try {
        // The worker takes the second part; this thread, which also reports, a little less than half.
        const split = Math.floor(rules.length * 0.45);
        if (rules.length < 2) return checkRulesHere(rules, config, compared);
        const { port1, port2 } = new MessageChannel();
        const theirs = rules.slice(split).map(plain);
        const request: WorkerRequest = {
          config: rawConfig,
          rules: theirs,
          compared: compared.slice(split),
          port: port2,
        };
        worker.postMessage(request, [port2]);
        const mine = checkRulesHere(rules.slice(0, split), config, compared.slice(0, split));
        const waitedFrom = Date.now();
        let message: { message: WorkerResponse } | undefined;
        while (!(message = receiveMessageOnPort(port1))) {
          if (Atomics.load(status, STARTED) === 0 && Date.now() - waitedFrom > START_TIMEOUT_MS) break;
          // Sleep until the worker signals (or a second passes), then poll the port again.
          Atomics.wait(status, DONE, 0, 1000);
        }
        port1.close();
        const response = message?.message;
        // A worker that never started, or failed: check its share here.
        if (!response || 'error' in response)
          return [...mine, ...checkRulesHere(rules.slice(split), config, compared.slice(split))];
        return [...mine, ...response.results];
      } finally {
        void worker.terminate();
      }
    },
  };
}

/** A rule's data without its links to groups, files and nodes (what is sent to the worker). */
function plain(r: RuleData): RuleData {
  return {
    kind: r.kind,
    name: r.name,
    expr: r.expr,
    for: r.for,
    labels: r.labels,
    annotations: r.annotations,
    groupLabels: r.groupLabels,
  };
}

function availableCores(): number {
  const available = (os as { availableParallelism?: () => number }).availableParallelism;
  return available ? available() : os.cpus().length;
}

/** The worker's entry point: compiled JavaScript, or TypeScript through tsx when running from sources. */
function workerScript(): { file: string; execArgv: string[] } | undefined {
  const ext = path.extname(__filename);
  const file = path.join(__dirname, `rule-worker${ext}`);
  if (ext === '.js') return { file, execArgv: [] };
  try {
    return { file, execArgv: ['--require', require.resolve('tsx/cjs')] };
  } catch {
    return undefined;
  }
}
