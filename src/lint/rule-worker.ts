/**
 * The worker thread of parallel.ts: checks the rules it is sent and answers on the port it is given, then
 * wakes the waiting thread through the shared status array.
 */
import { parentPort, workerData } from 'worker_threads';
import { resolveLintConfig } from '../checks/config';
import { checkRulesHere, DONE, STARTED, type WorkerRequest, type WorkerResponse } from './parallel';

const status = workerData as Int32Array;
Atomics.store(status, STARTED, 1);

parentPort?.on('message', (request: WorkerRequest) => {
  let response: WorkerResponse;
  try {
    response = { results: checkRulesHere(request.rules, resolveLintConfig(request.config), request.compared) };
  } catch (e) {
    response = { error: e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e) };
  }
  request.port.postMessage(response);
  Atomics.store(status, DONE, 1);
  Atomics.notify(status, DONE);
});
