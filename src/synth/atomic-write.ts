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
  const target = path.resolve(outdir);
  const parent = path.dirname(target);
  fs.mkdirSync(parent, { recursive: true });
  const staging = makeStagingDirectory(parent, path.basename(target));
  try {
    let i = 0;
    for (const rel of [...files.keys()].sort()) {
      const file = path.join(staging, ...rel.split('/'));
      if (!file.startsWith(staging + path.sep))
        throw new Error(`refusing to write outside the output directory: "${rel}"`);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, files.get(rel) as string);
      afterWrite?.(rel, i++);
    }
    swapIn(staging, target);
  } catch (e) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw e;
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
