/**
 * One process at a time per embedded data directory. PGlite runs PostgreSQL inside the process and
 * does not guard its directory against a second process, so two of them (a running server and
 * `helsebro terminology import` against the same `--data-dir`) would both write the same files. The
 * lock is a file beside the directory (`<dir>.lock`, not inside it, where PostgreSQL expects only its
 * own files) holding the owner's pid; a lock whose process is gone is taken over.
 */
import { openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs';

export class DataDirInUseError extends Error {
  constructor(dataDir: string, pid: number, lockFile: string) {
    super(`The embedded store in ${dataDir} is open in another process (pid ${pid}). Stop that server first, `
      + `or change the data through its API. If no such process exists, delete ${lockFile}.`);
    this.name = 'DataDirInUseError';
  }
}

/** Takes the lock for `dataDir`; the returned function releases it. Throws DataDirInUseError when held. */
export function lockDataDir(dataDir: string): () => void {
  const lockFile = `${dataDir.replace(/[/\\]+$/, '')}.lock`;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(lockFile, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockFile, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const holder = holderOf(lockFile);
    if (holder === undefined) continue; // released meanwhile
    if (holder > 0 && isAlive(holder)) throw new DataDirInUseError(dataDir, holder, lockFile);
    // Left by a process that ended without closing the store: take it over.
    rmSync(lockFile, { force: true });
  }
  throw new Error(`Could not take the lock ${lockFile}`);
}

/** The pid in the lock file (0 when unreadable as one), or undefined when the file is gone. */
function holderOf(lockFile: string): number | undefined {
  try {
    const pid = Number(readFileSync(lockFile, 'utf8').trim());
    return Number.isInteger(pid) ? pid : 0;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
