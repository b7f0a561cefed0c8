/** promtool (Debian package prometheus), the oracle for rule files and PromQL. See oracle-tool.ts. */
import { oracleTool } from './oracle-tool';

const promtool = oracleTool('promtool', 'prometheus');

/** The promtool command, or null when it is not installed (and CI is not 'true'). */
export const findPromtool = (): string | null => promtool.find();
/** `it` when promtool is available, `it.skip` otherwise. */
export const itWithPromtool = (name: string, fn: (promtool: string) => void, timeout?: number): void =>
  promtool.it(name, fn, timeout);
/** Runs promtool with an argv array (never a shell string). */
export const runPromtool = (args: string[]): { status: number; output: string } => promtool.run(args);
