import * as assert from 'node:assert/strict';
import { moveSidecars, type MoveFiles } from '../../../src/core/store/moveSidecars';

/** Files by path in memory; renames of the paths in `stuck` never finish. */
function memory(paths: string[], stuck: string[] = [], outside: string[] = []): MoveFiles<string> & { files: Set<string> } {
  const files = new Set(paths);
  return {
    files,
    exists: (path) => Promise.resolve(files.has(path)),
    outsideWorkspace: (path) => Promise.resolve(outside.some((o) => path.startsWith(o)) ? `${outside[0]} leads out of the workspace folder (a symbolic link)` : undefined),
    createParent: () => Promise.resolve(),
    rename: (from, to) => {
      if (stuck.includes(from)) return new Promise<void>(() => undefined);
      if (files.has(to)) return Promise.reject(new Error(`${to} exists`));
      files.delete(from);
      files.add(to);
      return Promise.resolve();
    },
  };
}

const to = (from: string): string => `.annotations/${from}`;

describe('moving sidecars to the configured location', () => {
  it('moves each sidecar, and keeps both files where one is already at the new place', async () => {
    const files = memory(['a.txt.tags.yaml', 'b.txt.tags.yaml', '.annotations/b.txt.tags.yaml']);
    const result = await moveSidecars(['a.txt.tags.yaml', 'b.txt.tags.yaml'].map((from) => ({ from, to: to(from) })), files);
    assert.deepEqual(result.moved.map((r) => r.from), ['a.txt.tags.yaml']);
    assert.deepEqual(result.kept.map((r) => r.from), ['b.txt.tags.yaml']);
    assert.deepEqual([...files.files].sort(), ['.annotations/a.txt.tags.yaml', '.annotations/b.txt.tags.yaml', 'b.txt.tags.yaml']);
  });

  it('goes on past a move that never finishes, and reports it', async () => {
    const sidecars = ['a.txt.tags.yaml', 'stuck.txt.tags.yaml', 'c.txt.tags.yaml'];
    const files = memory(sidecars, ['stuck.txt.tags.yaml']);
    const result = await moveSidecars(sidecars.map((from) => ({ from, to: to(from) })), files, 50);
    assert.deepEqual(result.moved.map((r) => r.from), ['a.txt.tags.yaml', 'c.txt.tags.yaml']);
    assert.deepEqual(result.failed.map((r) => r.from), ['stuck.txt.tags.yaml']);
    assert.match(result.failed[0].reason, /did not answer within/);
  });

  it('refuses to move a sidecar through a link that leads out of the workspace, and moves the others', async () => {
    const files = memory(['a.txt.tags.yaml', 'b.txt.tags.yaml'], [], ['link/']);
    const result = await moveSidecars(
      [
        { from: 'a.txt.tags.yaml', to: 'link/a.txt.tags.yaml' },
        { from: 'b.txt.tags.yaml', to: to('b.txt.tags.yaml') },
      ],
      files,
    );
    assert.match(result.failed[0].reason, /leads out of the workspace folder/);
    assert.deepEqual(result.moved.map((r) => r.from), ['b.txt.tags.yaml']);
    assert.ok(files.files.has('a.txt.tags.yaml'));
  });
});
