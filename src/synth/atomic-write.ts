/**
 * Writes a whole output directory or nothing: files go to a temporary directory beside the target, which
 * replaces the target only once every file is written. A failure at any point leaves the target as it was.
 */
import * as fs from 'fs';
import * as path from 'path';

/** Test hook: called after each file is written, so tests can fail a synth halfway through writing. */
export type AfterWriteHook = (relativePath: string, index: number) => void;

/**
 * Replaces `outdir` with exactly `files` (relative path -> content).
 * @throws whatever writing threw, after removing the temporary directory; `outdir` is untouched then.
 */
export function writeDirectoryAtomically(
  outdir: string,
  files: ReadonlyMap<string, string>,
  afterWrite?: AfterWriteHook,
): void {
  const staging = new StagingDirectory(outdir);
  try {
    for (const rel of [...files.keys()].sort()) staging.write(rel, files.get(rel) as string, afterWrite);
    staging.commit();
  } catch (e) {
    staging.abort();
    throw e;
  }
}

/**
 * A temporary directory beside `outdir` that files are written into one by one (so a synth need not hold its
 * whole output in memory), then swapped in for `outdir` (commit) or removed (abort). Until commit, `outdir`
 * is untouched.
 * @internal used by WatchkeeperApp.synthTo
 */
export class StagingDirectory {
  private readonly target: string;
  private readonly staging: string;
  private readonly made = new Set<string>();
  private written = 0;

  constructor(outdir: string) {
    this.target = path.resolve(outdir);
    const parent = path.dirname(this.target);
    fs.mkdirSync(parent, { recursive: true });
    this.staging = makeStagingDirectory(parent, path.basename(this.target));
    this.made.add(this.staging);
  }

  /** Writes one file (relative, `/`-separated) into the staging directory. */
  write(rel: string, content: string, afterWrite?: AfterWriteHook): void {
    const file = path.join(this.staging, ...rel.split('/'));
    if (!file.startsWith(this.staging + path.sep))
      throw new Error(`refusing to write outside the output directory: "${rel}"`);
    const dir = path.dirname(file);
    if (!this.made.has(dir)) {
      fs.mkdirSync(dir, { recursive: true });
      this.made.add(dir);
    }
    fs.writeFileSync(file, content);
    afterWrite?.(rel, this.written++);
  }

  /** Replaces the target directory with the staging directory. */
  commit(): void {
    swapIn(this.staging, this.target);
  }

  /** Removes the staging directory; the target stays as it was. */
  abort(): void {
    fs.rmSync(this.staging, { recursive: true, force: true });
  }
}

/**
 * A new, empty directory beside the target. Made with mkdir, which honours the umask (mkdtemp would make it
 * drwx------ whatever the umask, and it becomes the output directory others read).
 */
function makeStagingDirectory(parent: string, base: string): string {
  for (let attempt = 0; ; attempt++) {
    const dir = path.join(parent, `.${base}.staging-${process.pid}-${Date.now().toString(36)}-${attempt}`);
    try {
      fs.mkdirSync(dir);
      return dir;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 100) throw e;
    }
  }
}

function swapIn(staging: string, target: string): void {
  if (!fs.existsSync(target)) {
    fs.renameSync(staging, target);
    return;
  }
  const retired = `${staging}.previous`;
  fs.renameSync(target, retired);
  try {
    fs.renameSync(staging, target);
  } catch (e) {
    fs.renameSync(retired, target);
    throw e;
  }
  fs.rmSync(retired, { recursive: true, force: true });
}
