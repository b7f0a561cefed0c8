/**
 * Records promtool's verdict for every corpus expression in `cases.ts` and
 * writes `test/promql/corpus.json`.
 *
 *   npx tsx scripts/promql-corpus/record.ts
 *
 * Each expression goes into its own temporary rule file (one group, one
 * recording rule) checked with `promtool check rules <file>`. The verdict is
 * "valid" iff promtool exits with 0; for an invalid expression the error text
 * is kept without the `<file>: <line>:<col>: group "...", rule N, "...": `
 * prefix. Set PROMTOOL to use another promtool binary.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

import { type CorpusCase, corpusCases } from './cases';

const PROMTOOL = process.env.PROMTOOL ?? 'promtool';
const PARALLELISM = 2;
const RECORD_NAME = 'corpus:case:expr';
const OUTPUT = path.resolve(__dirname, '..', '..', 'test', 'promql', 'corpus.json');
const GENERATED_BY = 'scripts/promql-corpus/record.ts';

/** One recorded case, in the key order written to corpus.json. */
interface RecordedCase {
  expr: string;
  valid: boolean;
  promtool: string;
  origin: string;
}

interface ProcessResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Runs a program with an argv array (no shell) and collects its output. */
function run(file: string, args: readonly string[]): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error === null) {
        resolve({ exitCode: 0, stdout, stderr });
        return;
      }
      const code = (error as NodeJS.ErrnoException & { code?: unknown }).code;
      if (typeof code === 'number') {
        resolve({ exitCode: code, stdout, stderr });
        return;
      }
      reject(new Error(`could not run ${file}: ${error.message}`));
    });
  });
}

/**
 * Encodes a string as a YAML double-quoted scalar: JSON.stringify, plus
 * escaping every non-ASCII character. JSON leaves characters such as U+0085,
 * U+2028 and U+2029 unescaped, which YAML treats as line breaks and would fold
 * into spaces; escaping them keeps the expression byte-for-byte intact.
 */
export function yamlQuote(text: string): string {
  let out = '';
  for (const ch of JSON.stringify(text)) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp < 0x7f) out += ch;
    else if (cp <= 0xffff) out += `\\u${cp.toString(16).padStart(4, '0')}`;
    else out += `\\U${cp.toString(16).padStart(8, '0')}`;
  }
  return out;
}

/** A rule file with one group holding one recording rule for `expr`. */
export function ruleFile(expr: string): string {
  return [
    'groups:',
    '  - name: corpus',
    '    rules:',
    `      - record: ${RECORD_NAME}`,
    `        expr: ${yamlQuote(expr)}`,
    '',
  ].join('\n');
}

const RULE_PREFIX = /^\d+:\d+: group "[^"]*", rule \d+, "[^"]*": /;

/**
 * Extracts promtool's error message for `file` from its stderr.
 *
 * promtool prints `  FAILED:` and then one entry per error, each starting
 * with `<file>: `. Rule errors carry a position and group/rule prefix, which is
 * removed; file-level errors (e.g. YAML) are kept as they are (`yaml: ...`) and
 * may be repeated, so entries are deduplicated. Lines that do not start with
 * the file name continue the previous entry (multi-line messages).
 */
export function extractMessage(stderr: string, file: string): string {
  const filePrefix = `${file}: `;
  const entries: string[] = [];
  for (const line of stderr.split('\n')) {
    if (line.startsWith(filePrefix)) {
      entries.push(line.slice(filePrefix.length).replace(RULE_PREFIX, ''));
    } else if (entries.length > 0 && line.trim() !== '') {
      entries[entries.length - 1] += `\n${line}`;
    }
  }
  return [...new Set(entries.map((e) => e.trim()))].join('\n');
}

/** Checks one expression with promtool. */
async function checkExpression(
  dir: string,
  index: number,
  expr: string,
): Promise<{ valid: boolean; promtool: string }> {
  const file = path.join(dir, `case-${index}.yaml`);
  await writeFile(file, ruleFile(expr), 'utf8');
  const result = await run(PROMTOOL, ['check', 'rules', file]);
  await rm(file);
  if (result.exitCode === 0) return { valid: true, promtool: '' };
  const message = extractMessage(result.stderr, file);
  if (result.exitCode !== 1 || message === '') {
    throw new Error(
      `unexpected promtool result for ${JSON.stringify(expr)} (exit ${result.exitCode}):\n${result.stdout}${result.stderr}`,
    );
  }
  return { valid: false, promtool: message };
}

/** Maps `items` through `fn` with at most `limit` calls in flight; keeps order. */
async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** First line of `promtool --version`, e.g. `promtool, version 2.42.0+ds (...)`. */
async function oracleVersion(): Promise<string> {
  const result = await run(PROMTOOL, ['--version']);
  const text = `${result.stdout}${result.stderr}`;
  const first = text.split('\n')[0]?.trim() ?? '';
  if (result.exitCode !== 0 || first === '') throw new Error(`promtool --version failed:\n${text}`);
  return first;
}

/** Fails early if promtool does not behave as record.ts expects. */
async function selfCheck(dir: string): Promise<void> {
  const good = await checkExpression(dir, -1, 'vector(1)');
  const bad = await checkExpression(dir, -2, 'sum(');
  if (!good.valid || bad.valid || !bad.promtool.startsWith('could not parse expression: 1:5: parse error:')) {
    throw new Error(`promtool self-check failed: ${JSON.stringify({ good, bad })}`);
  }
}

async function main(): Promise<void> {
  const cases: CorpusCase[] = corpusCases();
  const oracle = await oracleVersion();
  const dir = await mkdtemp(path.join(tmpdir(), 'promql-corpus-'));
  try {
    await selfCheck(dir);
    let done = 0;
    const recorded = await mapLimited(cases, PARALLELISM, async (c, i): Promise<RecordedCase> => {
      const verdict = await checkExpression(dir, i, c.expr);
      done++;
      if (done % 200 === 0) process.stderr.write(`  ${done}/${cases.length}\n`);
      return { expr: c.expr, valid: verdict.valid, promtool: verdict.promtool, origin: c.origin };
    });
    const corpus = { oracle, generatedBy: GENERATED_BY, cases: recorded };
    await writeFile(OUTPUT, `${JSON.stringify(corpus, null, 2)}\n`, 'utf8');
    const valid = recorded.filter((c) => c.valid).length;
    process.stdout.write(
      `${oracle}\nwrote ${path.relative(process.cwd(), OUTPUT)}: ${recorded.length} cases (${valid} valid, ${recorded.length - valid} invalid)\n`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  });
}
