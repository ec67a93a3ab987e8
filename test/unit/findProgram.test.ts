import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { findProgram } from '../../src/core/findProgram';

describe('finding git without looking in the workspace', () => {
  /** Programs that "exist", by absolute path. */
  const on = (...files: string[]) => (file: string): boolean => files.includes(file);

  it('takes the first absolute PATH entry that has the program', () => {
    const found = findProgram('git', { pathVariable: '/opt/none:/usr/bin:/bin', platform: 'linux', untrusted: [], isProgram: on('/usr/bin/git', '/bin/git') });
    assert.equal(found, '/usr/bin/git');
  });

  it('skips empty and relative PATH entries, which mean the working directory', () => {
    const isProgram = on('git', './git', 'bin/git', '/usr/bin/git');
    assert.equal(findProgram('git', { pathVariable: ':.:bin:/usr/bin', platform: 'linux', untrusted: [], isProgram }), '/usr/bin/git');
    assert.equal(findProgram('git', { pathVariable: '.:bin', platform: 'linux', untrusted: [], isProgram }), undefined);
  });

  it('skips PATH entries inside a workspace folder, and the folder itself', () => {
    const isProgram = on('/work/news/git', '/work/news/tools/bin/git', '/usr/bin/git');
    const search = { pathVariable: '/work/news:/work/news/tools/bin:/work/news/../news/tools/bin:/usr/bin', platform: 'linux' as const, untrusted: ['/work/news'], isProgram };
    assert.equal(findProgram('git', search), '/usr/bin/git');
    // A sibling folder whose name starts the same is not inside.
    assert.equal(findProgram('git', { ...search, pathVariable: '/work/newsroom-tools', isProgram: on('/work/newsroom-tools/git') }), '/work/newsroom-tools/git');
  });

  it('on Windows, never the working directory, a drive-relative entry or a folder of the workspace, whatever the case of its letters', () => {
    const isProgram = on('C:\\Users\\ada\\news\\git.exe', 'C:\\Users\\ada\\news\\bin\\git.exe', '\\git\\cmd\\git.exe', 'C:\\Program Files\\Git\\cmd\\git.exe');
    const search = {
      pathVariable: '.;\\git\\cmd;c:\\users\\ADA\\news;C:\\Users\\ada\\news\\bin;"C:\\Program Files\\Git\\cmd"',
      platform: 'win32' as const,
      untrusted: ['C:\\Users\\ada\\news'],
      isProgram,
    };
    assert.equal(findProgram('git', search), 'C:\\Program Files\\Git\\cmd\\git.exe');
  });

  it('on Windows, runs only a program proper, never a .bat or .cmd beside it', () => {
    const isProgram = on('C:\\tools\\git.cmd', 'C:\\tools\\git.bat', 'C:\\Git\\git.exe');
    assert.equal(findProgram('git', { pathVariable: 'C:\\tools;C:\\Git', platform: 'win32', untrusted: [], isProgram }), 'C:\\Git\\git.exe');
  });

  it('finds nothing when git is not installed', () => {
    assert.equal(findProgram('git', { pathVariable: '/usr/bin:/bin', platform: 'linux', untrusted: [], isProgram: on() }), undefined);
    assert.equal(findProgram('git', { pathVariable: undefined, platform: 'linux', untrusted: [], isProgram: on('/usr/bin/git') }), undefined);
  });

  it('finds a real program on this machine, and not one planted in a workspace folder ahead of it on PATH', function () {
    if (process.platform === 'win32') this.skip();
    const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'news-annotator-workspace-'));
    const planted = path.join(workspace, 'sh');
    fs.writeFileSync(planted, '#!/bin/sh\necho planted\n', { mode: 0o755 });
    const isProgram = (file: string): boolean => {
      try {
        fs.accessSync(file, fs.constants.X_OK);
        return fs.statSync(file).isFile();
      } catch {
        return false;
      }
    };
    const found = findProgram('sh', { pathVariable: `${workspace}:${process.env.PATH}`, platform: process.platform, untrusted: [workspace], isProgram });
    assert.ok(found && found !== planted && path.isAbsolute(found), found);
    assert.equal(findProgram('sh', { pathVariable: `${workspace}:${process.env.PATH}`, platform: process.platform, untrusted: [], isProgram }), planted);
  });
});
