import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ConventionsFileReader } from '../core/conventions';

/** Reads conventions files with Node's `fs`; a folder holding `.git` is a repository root. */
export const nodeConventionsReader: ConventionsFileReader = {
  async readFile(file: string): Promise<string | undefined> {
    try {
      return await fs.promises.readFile(file, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
      throw error;
    }
  },
  async isRepositoryRoot(folder: string): Promise<boolean> {
    return fs.existsSync(path.join(folder, '.git'));
  },
};

/** The absolute folder of a file given on the command line, with `/` separators. */
export function folderOf(file: string): string {
  return path.resolve(path.dirname(file)).split(path.sep).join('/');
}
