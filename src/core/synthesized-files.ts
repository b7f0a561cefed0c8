import { IConstruct } from 'constructs';

/** A file a construct writes next to the chart manifests, relative to the output directory. */
export interface SynthesizedFile {
  /** Path under the output directory, `/`-separated, e.g. `rules/rlm-critical.rules.yaml`. */
  readonly path: string;
  readonly content: string;
}

/** A construct that writes files of its own at synthesis (rule files, dashboard JSON, ...). */
export interface ISynthesizesFiles extends IConstruct {
  /** The files, computed at synthesis so everything added after construction is included. */
  synthesizeFiles(): SynthesizedFile[];
}

/** Type guard for ISynthesizesFiles. */
export function synthesizesFiles(c: IConstruct): c is ISynthesizesFiles {
  return typeof (c as Partial<ISynthesizesFiles>).synthesizeFiles === 'function';
}
