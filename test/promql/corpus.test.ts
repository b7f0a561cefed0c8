/**
 * Checks checkPromQL against the verdicts promtool recorded for the PromQL
 * corpus (test/promql/corpus.json, written by scripts/promql-corpus/record.ts).
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

import { corpusCases, HAND_CATEGORIES } from '../../scripts/promql-corpus/cases';
import { checkPromQL } from '../../src/promql';

interface CorpusEntry {
  expr: string;
  valid: boolean;
  promtool: string;
  origin: string;
}

interface Corpus {
  oracle: string;
  generatedBy: string;
  cases: CorpusEntry[];
}

/** Version the corpus was recorded with; the validator is asked to behave like it. */
const ORACLE_VERSION = '2.42';

function loadCorpus(): Corpus {
  const file = path.join(__dirname, 'corpus.json');
  return JSON.parse(readFileSync(file, 'utf8')) as Corpus;
}

/** Our verdict for one expression, as text for the report; throwing counts as a disagreement. */
function ourVerdict(expr: string): { valid: boolean; detail: string } {
  try {
    const diagnostics = checkPromQL(expr, { prometheusVersion: ORACLE_VERSION });
    const detail = diagnostics.map((d) => `${d.line}:${d.column}: ${d.message}`).join(' | ');
    return { valid: diagnostics.length === 0, detail };
  } catch (error) {
    return { valid: false, detail: `threw: ${error instanceof Error ? error.message : String(error)}` };
  }
}

function describeDisagreement(entry: CorpusEntry, detail: string): string {
  return [
    `  expr:     ${JSON.stringify(entry.expr)}  (${entry.origin})`,
    `  promtool: ${entry.valid ? 'valid' : entry.promtool}`,
    `  ours:     ${detail === '' ? 'valid' : detail}`,
  ].join('\n');
}

const corpus = loadCorpus();

describe('PromQL corpus', () => {
  it(`checkPromQL agrees with promtool ${ORACLE_VERSION} on every case`, () => {
    const disagreements: string[] = [];
    for (const entry of corpus.cases) {
      const ours = ourVerdict(entry.expr);
      if (ours.valid !== entry.valid) disagreements.push(describeDisagreement(entry, ours.detail));
    }
    const total = corpus.cases.length;
    const agreed = total - disagreements.length;
    const percent = ((100 * agreed) / total).toFixed(2);
    console.log(`PromQL corpus agreement with promtool ${ORACLE_VERSION}: ${agreed}/${total} (${percent}%)`);
    if (disagreements.length > 0) {
      throw new Error(`${disagreements.length} disagreement(s) with promtool:\n${disagreements.join('\n\n')}`);
    }
  });

  it('is large enough and has valid and invalid cases in each hand category', () => {
    expect(corpus.cases.length).toBeGreaterThanOrEqual(500);
    expect(corpus.oracle).toContain(`version ${ORACLE_VERSION}.`);
    const lacking: string[] = [];
    for (const category of Object.keys(HAND_CATEGORIES)) {
      const entries = corpus.cases.filter((c) => c.origin === `hand:${category}`);
      const valid = entries.filter((c) => c.valid).length;
      if (valid === 0 || valid === entries.length) lacking.push(`${category} (${valid}/${entries.length} valid)`);
    }
    expect(lacking).toEqual([]);
  });

  it('matches scripts/promql-corpus/cases.ts (otherwise re-record the corpus)', () => {
    const recorded = corpus.cases.map((c) => ({ expr: c.expr, origin: c.origin }));
    expect(recorded).toEqual(corpusCases());
  });
});
