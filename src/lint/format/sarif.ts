/**
 * SARIF 2.1.0 for code scanning (`github/codeql-action/upload-sarif`): one run, the checks as the tool's
 * rules, each diagnostic a result with its file (relative URI), line and column.
 */
import * as fs from 'fs';
import * as path from 'path';
import { CHECKS } from '../../checks/registry';
import type { LintResult, DiagnosticSeverity } from '../types';

const LEVEL: Record<DiagnosticSeverity, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
};

/** The SARIF log (a plain object, ready for JSON). */
export function toSarif(result: LintResult): Record<string, unknown> {
  const index = new Map(CHECKS.map((c, i) => [c.id, i]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'watchkeeper',
            version: packageVersion(),
            rules: CHECKS.map((c) => ({
              id: c.id,
              name: c.id.replace(/(^|[/-])([a-z])/g, (_m, _s: string, ch: string) => ch.toUpperCase()),
              shortDescription: { text: c.doc },
              help: { text: `${c.doc}. Fix: ${c.fix}. See docs/lint.md#${c.id.replace('/', '')}` },
              defaultConfiguration: { level: LEVEL[c.severity] },
            })),
          },
        },
        columnKind: 'unicodeCodePoints',
        results: result.diagnostics.map((d) => ({
          ruleId: d.check,
          ruleIndex: index.get(d.check),
          level: LEVEL[d.severity],
          message: { text: `${d.message}. Fix: ${d.fix}` },
          locations: [
            {
              physicalLocation: {
                artifactLocation: {
                  uri: fileUri(d.file),
                  ...(path.isAbsolute(d.file) ? {} : { uriBaseId: '%SRCROOT%' }),
                },
                region: { startLine: d.line, startColumn: d.column },
              },
              ...(d.group !== null || d.rule !== null
                ? {
                    logicalLocations: [
                      {
                        name: d.rule ?? d.group ?? '',
                        fullyQualifiedName: [d.group, d.rule].filter((x) => x !== null).join('/'),
                        kind: d.rule !== null ? 'member' : 'namespace',
                      },
                    ],
                  }
                : {}),
            },
          ],
        })),
      },
    ],
  };
}

/** Formats a result as a SARIF 2.1.0 log. */
export function formatSarif(result: LintResult): string {
  return `${JSON.stringify(toSarif(result), null, 2)}\n`;
}

/** A diagnostic's path as a URI reference: relative paths stay relative, absolute ones become file URIs. */
function fileUri(file: string): string {
  const encoded = file.split('/').map(encodeURIComponent).join('/');
  return path.isAbsolute(file) ? `file://${encoded.startsWith('/') ? '' : '/'}${encoded}` : encoded;
}

let version: string | undefined;

/** watchkeeper's version, from package.json (three levels up from both src/lint/format and lib/lint/format). */
function packageVersion(): string {
  if (version === undefined) {
    try {
      version =
        (
          JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as {
            version?: string;
          }
        ).version ?? '0.0.0';
    } catch {
      version = '0.0.0';
    }
  }
  return version;
}
