/**
 * Finding and reading lint configuration files: `.watchkeeper.yaml` (key `lint`) or package.json (key
 * `watchkeeper.lint`). What the configuration means is in checks/config.ts.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as jsyaml from 'js-yaml';
import { LintConfigError, type LintConfig } from '../checks/config';

/** A configuration file found on disk. */
export interface FoundConfig {
  readonly file: string;
  readonly config: LintConfig;
}

const CONFIG_FILES = ['.watchkeeper.yaml', '.watchkeeper.yml'];

/**
 * Finds the configuration: `.watchkeeper.yaml` (or `.yml`) with a `lint` key, or package.json with
 * `watchkeeper.lint`, in `dir` or the nearest parent that has one. Undefined when there is none.
 * @throws LintConfigError when the file found cannot be read or parsed.
 */
export function findLintConfig(dir: string): FoundConfig | undefined {
  let current = path.resolve(dir);
  for (;;) {
    for (const name of CONFIG_FILES) {
      const file = path.join(current, name);
      if (fs.existsSync(file)) return { file, config: readLintConfigFile(file) };
    }
    const pkg = path.join(current, 'package.json');
    if (fs.existsSync(pkg)) {
      const json = readJson(pkg);
      const section = (json as { watchkeeper?: { lint?: unknown } } | null)?.watchkeeper;
      if (section !== undefined) return { file: pkg, config: lintSection(section, `${pkg}: watchkeeper`) };
    }
    const parent = path.dirname(current);
    if (parent === current || fs.existsSync(path.join(current, '.git'))) return undefined;
    current = parent;
  }
}

/**
 * Reads a configuration file: YAML with a `lint` key, or a package.json with `watchkeeper.lint`.
 * @throws LintConfigError when it cannot be read or is not a mapping.
 */
export function readLintConfigFile(file: string): LintConfig {
  if (path.basename(file) === 'package.json') {
    const section = (readJson(file) as { watchkeeper?: unknown } | null)?.watchkeeper;
    return section === undefined ? {} : lintSection(section, `${file}: watchkeeper`);
  }
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new LintConfigError(`cannot read configuration ${file}: ${(e as Error).message}`);
  }
  let doc: unknown;
  try {
    doc = jsyaml.load(text, { schema: jsyaml.JSON_SCHEMA });
  } catch (e) {
    throw new LintConfigError(`${file}: not valid YAML: ${(e as Error).message.split('\n')[0]}`);
  }
  if (doc === null || doc === undefined) return {};
  return lintSection(doc, file);
}

function lintSection(section: unknown, where: string): LintConfig {
  if (typeof section !== 'object' || section === null || Array.isArray(section))
    throw new LintConfigError(`${where}: expected a mapping with a "lint" key`);
  const lint = (section as { lint?: unknown }).lint;
  if (lint === undefined || lint === null) return {};
  if (typeof lint !== 'object' || Array.isArray(lint)) throw new LintConfigError(`${where}: lint: expected a mapping`);
  return lint as LintConfig;
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new LintConfigError(`cannot read ${file}: ${(e as Error).message}`);
  }
}
