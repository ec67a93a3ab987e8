import * as assert from 'node:assert/strict';
import { KindRegistry } from '../../../src/core/kinds';
import { parseSidecar } from '../../../src/core/sidecar';
import { ArticleEntry } from '../../../src/core/store/articleEntry';
import { ArticleState } from '../../../src/core/store/articleState';
import type { StoreFiles } from '../../../src/core/store/sidecarIo';
import { addTag, createTag, type Tag } from '../../../src/core/tags';
import { readFixture } from '../../support/paths';

const articleText = readFixture('..', '..', 'samples/000_66182b2613313ed4.txt');
const sidecarText = readFixture('sidecars', 'good', '000_66182b2613313ed4.txt.tags.yaml');
const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

class Missing extends Error {
  readonly code = 'FileNotFound';
}

/** Files in memory by name; `open` holds the documents open in the editor. */
function memory(): StoreFiles<string> & { files: Map<string, Uint8Array>; open: Map<string, string> } {
  const files = new Map<string, Uint8Array>([
    ['a.txt', encode(articleText)],
    ['a.txt.tags.yaml', encode(sidecarText)],
  ]);
  const open = new Map<string, string>();
  return {
    files,
    open,
    readFile: (name) => (files.has(name) ? Promise.resolve(files.get(name)!) : Promise.reject(new Missing(name))),
    openText: (name) => open.get(name),
    isUntitled: (name) => name.startsWith('untitled:'),
  };
}

function entryOver(files: StoreFiles<string>, sidecar: string | undefined = 'a.txt.tags.yaml'): ArticleEntry<string> {
  return new ArticleEntry('a.txt', sidecar, new ArticleState({ articleName: 'a.txt', hasSidecar: sidecar !== undefined, kinds: () => KindRegistry.defaults }), files);
}

function tagging(needle: string) {
  return (tags: readonly Tag[], text: string): Tag[] => {
    const start = text.indexOf(needle);
    return addTag(tags, createTag(tags, { kind: 'claim', text, start, end: start + needle.length, author: 'Grace Hopper', now: new Date('2026-11-22T09:00:00Z') }));
  };
}

describe('an article entry of the store', () => {
  it('loads the sidecar and anchors its tags in the open document’s text when the article is open', async () => {
    const files = memory();
    files.open.set('a.txt', `UPDATE.\n${articleText}`);
    const entry = entryOver(files);
    assert.equal(await entry.enqueue(() => entry.load()), undefined);
    assert.equal(entry.state.phase.name, 'clean');
    assert.ok(entry.state.tags.every((t) => t.anchor.start > 8 && t.status === 'anchored'));
  });

  it('leaves the sidecar read-only when loading fails in any way, and never writes it as if empty', async () => {
    const files = memory();
    let failures = 1;
    const entry = entryOver({
      ...files,
      openText: (name) => {
        if (failures-- > 0) throw new Error('the editor went away');
        return files.openText(name);
      },
    });
    assert.equal(await entry.enqueue(() => entry.load()), 'the editor went away');
    assert.equal(entry.state.phase.name, 'read-only');
    assert.equal(entry.state.change(tagging('Pentagon press conference'), articleText).kind, 'refused');
    const written = await entry.enqueue(() =>
      entry.write({
        replace: () => assert.fail('nothing is written'),
        createdMeanwhile: () => false,
        reloaded: () => undefined,
      }),
    );
    assert.deepEqual(written, { kind: 'nothing' });
  });

  it('is gone when its article and its sidecar are both deleted, and not while either is left', async () => {
    const files = memory();
    const entry = entryOver(files);
    await entry.enqueue(() => entry.load());
    files.files.delete('a.txt.tags.yaml');
    assert.notEqual((await entry.enqueue(() => entry.reload())).kind, 'gone', 'the article is still there');
    files.files.delete('a.txt');
    entry.state.articleDeleted();
    assert.deepEqual(await entry.enqueue(() => entry.reload()), { kind: 'gone' });
  });

  it('reads its tags from the new place when the location setting changes, and does nothing when it does not', async () => {
    const files = memory();
    files.files.set('.annotations/a.txt.tags.yaml', encode(sidecarText.replace(/ {2}- text: a sign of desperation[\s\S]*?(?= {2}- text:)/, '')));
    const entry = entryOver(files);
    await entry.enqueue(() => entry.load());
    assert.equal(entry.state.tags.length, 4);
    const same = (a?: string, b?: string): boolean => a === b;
    assert.equal(await entry.enqueue(() => entry.relocate('a.txt.tags.yaml', same)), undefined);
    await entry.enqueue(() => entry.relocate('.annotations/a.txt.tags.yaml', same));
    assert.equal(entry.sidecar, '.annotations/a.txt.tags.yaml');
    assert.equal(entry.state.tags.length, 3);
  });

  it('writes its tags through the file work it is given', async () => {
    const files = memory();
    const entry = entryOver(files);
    await entry.enqueue(() => entry.load());
    entry.state.change(tagging('Pentagon press conference'), articleText);
    const result = await entry.enqueue(() =>
      entry.write({
        replace: (plan) => {
          files.files.set('a.txt.tags.yaml', encode(plan.output));
          return Promise.resolve();
        },
        createdMeanwhile: () => false,
        reloaded: () => undefined,
      }),
    );
    assert.deepEqual(result, { kind: 'written' });
    assert.equal(parseSidecar(new TextDecoder().decode(files.files.get('a.txt.tags.yaml'))).tags.length, 5);
  });

  it('runs its disk work one piece at a time, in order, and goes on after a piece fails', async () => {
    const entry = entryOver(memory());
    const order: string[] = [];
    let release: () => void = () => undefined;
    const first = entry.enqueue(
      () =>
        new Promise<void>((resolve) => {
          order.push('first starts');
          release = () => {
            order.push('first ends');
            resolve();
          };
        }),
    );
    const failing = entry.enqueue(() => Promise.reject(new Error('failed')));
    const third = entry.enqueue(() => {
      order.push('third');
      return Promise.resolve(3);
    });
    await Promise.resolve();
    release();
    await first;
    await assert.rejects(failing, /failed/);
    assert.equal(await third, 3);
    assert.deepEqual(order, ['first starts', 'first ends', 'third']);
  });
});
