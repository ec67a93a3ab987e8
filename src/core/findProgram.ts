import { accessSync, constants, statSync } from 'node:fs';
import * as path from 'node:path';

/** Where to look for a program, and how to tell a file from a folder. */
export interface ProgramSearch {
  /** The `PATH` environment variable. */
  readonly pathVariable: string | undefined;
  readonly platform: NodeJS.Platform;
  /** Folders whose programs are never run: the workspace folders, which a repository fills. */
  readonly untrusted: readonly string[];
  /** Whether `file` exists and is a regular file (on POSIX, also executable). */
  isProgram(file: string): boolean;
}

/**
 * The absolute path of program `name` found on `PATH`, or `undefined`. A bare program name
 * handed to the operating system is looked up in the working directory first on Windows,
 * and an empty or relative `PATH` entry means the working directory anywhere: either way a
 * repository could ship a `git.exe` of its own that would run when the extension asks git a
 * question. So the search is done here, over absolute `PATH` entries only, skipping every
 * entry inside an untrusted folder; the caller runs the absolute path it returns.
 */
export function findProgram(name: string, search: ProgramSearch): string | undefined {
  const windows = search.platform === 'win32';
  const p = windows ? path.win32 : path.posix;
  const fold = (s: string): string => (windows ? s.toLowerCase() : s);
  const untrusted = search.untrusted.filter((folder) => p.isAbsolute(folder)).map((folder) => fold(p.resolve(folder)));
  const inside = (dir: string): boolean => untrusted.some((folder) => dir === folder || dir.startsWith(folder.endsWith(p.sep) ? folder : folder + p.sep));
  // On Windows only programs proper: a .bat or .cmd would need a shell to run.
  const file = windows ? (name.toLowerCase().endsWith('.exe') ? name : `${name}.exe`) : name;
  for (const raw of (search.pathVariable ?? '').split(p.delimiter)) {
    // Windows allows a PATH entry in double quotes.
    const entry = windows ? raw.replace(/^"(.*)"$/, '$1') : raw;
    // On Windows `\bin` is relative to the current drive: only a drive or a share is absolute.
    if (entry === '' || !p.isAbsolute(entry) || (windows && !/^(?:[a-z]:[\\/]|\\\\)/i.test(entry))) continue;
    const dir = p.resolve(entry);
    if (inside(fold(dir))) continue;
    const candidate = p.join(dir, file);
    if (search.isProgram(candidate)) return candidate;
  }
  return undefined;
}

/** Whether `file` is a regular file that can be run (on POSIX, executable by this user): the usual `isProgram`. */
export function isProgramOnDisk(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    if (process.platform !== 'win32') accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
