import * as assert from 'node:assert/strict';
import { KindRegistry } from '../../../src/core/kinds';
import { parseSidecar } from '../../../src/core/sidecar';
import { ArticleState, type WritePlan } from '../../../src/core/store/articleState';
import { readArticle, readSidecar, replaceFile, unsavedCopyPath, writeSidecar, type ReplaceFiles, type SidecarWriteIo, type StoreFiles } from '../../../src/core/store/sidecarIo';
import { isSidecarPath } from '../../../src/core/sidecarPath';
import { addTag, createTag, type Tag } from '../../../src/core/tags';
import { readFixture } from '../../support/paths';

const articleText = readFixture('..', '..', 'samples/000_66182b2613313ed4.txt');
const sidecarText = readFixture('sidecars', 'good', '000_66182b2613313ed4.txt.tags.yaml');
const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
const decode = (bytes: Uint8Array): string => new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);

/** A colleague's version of the sidecar: one tag's note changed and one tag added by hand. */
const colleagues = sidecarText
  .replace('note: Austin at the Pentagon press conference.', 'note: Austin, Pentagon press conference, 30 October.')
  .replace('# End of the reviewed tags.', '  - text: South Korean counterpart\n    kind: attribution\n    start: 0\n    end: 0\n    id: colleague-1\n# End of the reviewed tags.');

class FileError extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

/** Files in memory, open documents by name, and a hook run before each read. */
class MemoryFiles implements StoreFiles<string> {
  readonly files = new Map<string, Uint8Array>();
  readonly open = new Map<string, string>();
  beforeRead: ((name: string) => void) | undefined;
  reads = 0;

  readFile(name: string): Promise<Uint8Array> {
    this.reads++;
    this.beforeRead?.(name);
    const bytes = this.files.get(name);
    return bytes ? Promise.resolve(bytes) : Promise.reject(new FileError(name.endsWith('/') ? 'EISDIR' : 'FileNotFound'));
  }
  openText(name: string): string | undefined {
    return this.open.get(name);
  }
  isUntitled(name: string): boolean {
    return name.startsWith('untitled:');
  }
}

function tagging(needle: string) {
  return (tags: readonly Tag[], text: string): Tag[] => {
    const start = text.indexOf(needle);
    assert.ok(start >= 0, needle);
    return addTag(tags, createTag(tags, { kind: 'claim', text, start, end: start + needle.length, author: 'Grace Hopper', now: new Date('2026-11-22T09:00:00Z') }));
  };
}

/** A state loaded from the files' sidecar, and the write io over the same files. */
async function setUp(files: MemoryFiles, replace?: (plan: WritePlan) => void): Promise<{ state: ArticleState; io: SidecarWriteIo; reloads: string[] }> {
  const state = new ArticleState({ articleName: 'a.txt', hasSidecar: true, kinds: () => KindRegistry.defaults });
  state.load(await readSidecar(files, 'a.txt.tags.yaml'), await readArticle(files, 'a.txt'));
  const reloads: string[] = [];
  const io: SidecarWriteIo = {
    readArticle: () => readArticle(files, 'a.txt'),
    readSidecar: () => readSidecar(files, 'a.txt.tags.yaml'),
    replace: (plan) => {
      replace?.(plan);
      if (plan.expected === undefined && files.files.has('a.txt.tags.yaml')) return Promise.reject(new FileError('FileExists'));
      files.files.set('a.txt.tags.yaml', encode(plan.output));
      return Promise.resolve();
    },
    createdMeanwhile: (error) => error instanceof FileError && error.code === 'FileExists',
    reloaded: (outcome) => reloads.push(outcome.kind),
  };
  return { state, io, reloads };
}

function withSample(): MemoryFiles {
  const files = new MemoryFiles();
  files.files.set('a.txt', encode(articleText));
  files.files.set('a.txt.tags.yaml', encode(sidecarText));
  return files;
}

const onDisk = (files: MemoryFiles): Tag[] => parseSidecar(decode(files.files.get('a.txt.tags.yaml')!)).tags;

describe('the store reading files', () => {
  it('reads an open article from its document, with unsaved edits, and a closed one from disk', async () => {
    const files = withSample();
    assert.deepEqual(await readArticle(files, 'a.txt'), { kind: 'text', text: articleText });
    files.open.set('a.txt', 'Edited in the editor.');
    const reads = files.reads;
    assert.deepEqual(await readArticle(files, 'a.txt'), { kind: 'text', text: 'Edited in the editor.' });
    assert.equal(files.reads, reads, 'the disk is not read for an open document');
  });

  it('takes the document’s text when the article is opened while its file is read', async () => {
    const files = withSample();
    files.beforeRead = () => files.open.set('a.txt', 'Opened meanwhile.');
    assert.deepEqual(await readArticle(files, 'a.txt'), { kind: 'text', text: 'Opened meanwhile.' });
  });

  it('tells a missing article from an unreadable one, and reads an untitled one as empty', async () => {
    const files = withSample();
    assert.deepEqual(await readArticle(files, 'gone.txt'), { kind: 'missing' });
    files.files.set('latin1.txt', new Uint8Array([0x5a, 0x6f, 0xeb]));
    const latin1 = await readArticle(files, 'latin1.txt');
    assert.equal(latin1.kind, 'unreadable');
    assert.match(latin1.kind === 'unreadable' ? latin1.reason : '', /not valid UTF-8 \(first bad byte at offset 2\)/);
    assert.deepEqual(await readArticle(files, 'untitled:Untitled-1'), { kind: 'text', text: '' });
  });

  it('keeps a sidecar’s byte order mark, and never takes an unreadable sidecar for a missing one', async () => {
    const files = withSample();
    files.files.set('bom.tags.yaml', new Uint8Array([0xef, 0xbb, 0xbf, ...encode('version: 1\n')]));
    assert.deepEqual(await readSidecar(files, 'bom.tags.yaml'), { kind: 'text', text: '\ufeffversion: 1\n' });
    assert.deepEqual(await readSidecar(files, 'none.tags.yaml'), { kind: 'absent' });
    assert.deepEqual(await readSidecar(files, undefined), { kind: 'absent' });
    assert.deepEqual(await readSidecar(files, 'folder/'), { kind: 'unreadable', reason: 'EISDIR' });
    files.files.set('latin1.tags.yaml', new Uint8Array([...encode('author: Zo'), 0xeb]));
    assert.equal((await readSidecar(files, 'latin1.tags.yaml')).kind, 'unreadable');
  });
});

describe('the store writing a sidecar', () => {
  it('replaces the sidecar when it is still what was read', async () => {
    const files = withSample();
    const { state, io } = await setUp(files);
    state.change(tagging('Pentagon press conference'), articleText);
    assert.deepEqual(await writeSidecar(state, io), { kind: 'written' });
    assert.equal(state.phase.name, 'clean');
    assert.equal(onDisk(files).length, 5);
  });

  it('merges by tag id what another writer put there between reading and replacing, and writes over nothing of theirs', async () => {
    const files = withSample();
    const outputs: string[] = [];
    const { state, io, reloads } = await setUp(files, (plan) => outputs.push(plan.output));
    state.change(tagging('Pentagon press conference'), articleText);
    const mine = state.tags.find((t) => t.anchor.exact === 'Pentagon press conference')!;
    // Another window writes as this one checks the file before replacing it.
    let armed = true;
    files.beforeRead = (name) => {
      if (armed && name === 'a.txt.tags.yaml') {
        armed = false;
        files.files.set(name, encode(colleagues));
      }
    };
    assert.deepEqual(await writeSidecar(state, io), { kind: 'written' });
    assert.deepEqual(reloads, ['merged']);
    assert.equal(outputs.length, 1, 'one replacement, planned from the other writer’s file');
    const tags = onDisk(files);
    assert.ok(tags.some((t) => t.id === mine.id), 'our tag is written');
    assert.ok(tags.some((t) => t.id === 'colleague-1'), 'their tag is kept');
    assert.equal(tags.find((t) => t.id === 't-ha7p5dlt')?.note, 'Austin, Pentagon press conference, 30 October.', 'their note is kept');
  });

  it('merges a sidecar someone else created while this one was being made', async () => {
    const files = withSample();
    files.files.delete('a.txt.tags.yaml');
    const { state, io } = await setUp(files, (plan) => {
      if (plan.expected === undefined) files.files.set('a.txt.tags.yaml', encode(colleagues));
    });
    state.change(tagging('Pentagon press conference'), articleText);
    assert.deepEqual(await writeSidecar(state, io), { kind: 'written' });
    const tags = onDisk(files);
    assert.equal(tags.length, 6, 'the four tags and the colleague’s of their file, and ours');
  });

  it('gives up for now when the sidecar keeps changing, keeping the changes pending', async () => {
    const files = withSample();
    const { state, io } = await setUp(files);
    state.change(tagging('Pentagon press conference'), articleText);
    let n = 0;
    files.beforeRead = (name) => {
      if (name === 'a.txt.tags.yaml') files.files.set(name, encode(`${colleagues}# change ${n++}\n`));
    };
    const result = await writeSidecar(state, io);
    assert.equal(result.kind, 'failed');
    assert.equal(state.phase.name, 'pending');
    assert.ok(state.tags.some((t) => t.anchor.exact === 'Pentagon press conference'), 'our tag is kept');
    files.beforeRead = undefined;
    assert.deepEqual(await writeSidecar(state, io), { kind: 'written' });
    assert.ok(onDisk(files).some((t) => t.anchor.exact === 'Pentagon press conference'));
    assert.ok(onDisk(files).some((t) => t.id === 'colleague-1'));
  });

  it('keeps the changes pending when replacing fails, and writes them with the next write', async () => {
    const files = withSample();
    let fail = true;
    const { state, io } = await setUp(files, () => {
      if (fail) throw new Error('EACCES: permission denied');
    });
    state.change(tagging('Pentagon press conference'), articleText);
    assert.deepEqual(await writeSidecar(state, io), { kind: 'failed', reason: 'EACCES: permission denied' });
    assert.deepEqual(state.phase, { name: 'pending', error: 'EACCES: permission denied' });
    assert.equal(onDisk(files).length, 4, 'the file is as it was');
    fail = false;
    assert.deepEqual(await writeSidecar(state, io), { kind: 'written' });
    assert.equal(onDisk(files).length, 5);
  });

  it('writes nothing over a sidecar that turned unreadable, and keeps the changes until it reads again', async () => {
    const files = withSample();
    const { state, io, reloads } = await setUp(files);
    state.change(tagging('Pentagon press conference'), articleText);
    const conflicted = `<<<<<<< HEAD\n${sidecarText}=======\n${colleagues}>>>>>>> theirs\n`;
    files.files.set('a.txt.tags.yaml', encode(conflicted));
    assert.deepEqual(await writeSidecar(state, io), { kind: 'nothing' });
    assert.deepEqual(reloads, ['blocked']);
    assert.equal(decode(files.files.get('a.txt.tags.yaml')!), conflicted, 'the conflicted file is left alone');
    assert.equal(state.phase.name, 'read-only');
    files.files.set('a.txt.tags.yaml', encode(colleagues));
    state.reload(await io.readSidecar(), await io.readArticle());
    assert.deepEqual(await writeSidecar(state, io), { kind: 'written' });
    const tags = onDisk(files);
    assert.ok(tags.some((t) => t.anchor.exact === 'Pentagon press conference') && tags.some((t) => t.id === 'colleague-1'));
  });
});

describe('the store replacing a file', () => {
  /** Files in memory behind the {@link ReplaceFiles} interface, with a log of what was done. */
  function replaceFiles(options: { outside?: string; renameFails?: boolean } = {}) {
    const files = new Map<string, string>();
    const done: string[] = [];
    let n = 0;
    const io: ReplaceFiles<string> = {
      outsideWorkspace: () => Promise.resolve(options.outside),
      createParent: (uri) => {
        done.push(`mkdir ${uri.slice(0, uri.lastIndexOf('/'))}`);
        return Promise.resolve();
      },
      temporaryBeside: (uri) => `${uri.slice(0, uri.lastIndexOf('/'))}/.tmp-${n++}`,
      writeFile: (uri, content) => {
        done.push(`write ${uri}`);
        files.set(uri, decode(content));
        return Promise.resolve();
      },
      rename: (from, to, overwrite) => {
        done.push(`rename ${from} ${to}${overwrite ? ' (overwrite)' : ''}`);
        if (options.renameFails || (!overwrite && files.has(to))) return Promise.reject(new FileError(options.renameFails ? 'EBUSY' : 'FileExists'));
        files.set(to, files.get(from)!);
        files.delete(from);
        return Promise.resolve();
      },
      delete: (uri) => {
        done.push(`delete ${uri}`);
        files.delete(uri);
        return Promise.resolve();
      },
    };
    return { files, done, io };
  }

  it('writes a temporary file beside the target and renames it over the target', async () => {
    const { files, done, io } = replaceFiles();
    files.set('news/a.txt.tags.yaml', 'old');
    await replaceFile(io, 'news/a.txt.tags.yaml', 'new', true);
    assert.deepEqual([...files], [['news/a.txt.tags.yaml', 'new']]);
    assert.deepEqual(done, ['mkdir news', 'write news/.tmp-0', 'rename news/.tmp-0 news/a.txt.tags.yaml (overwrite)']);
  });

  it('never renames a new sidecar over one that appeared meanwhile, and leaves no temporary file', async () => {
    const { files, io } = replaceFiles();
    files.set('news/a.txt.tags.yaml', 'theirs');
    await assert.rejects(replaceFile(io, 'news/a.txt.tags.yaml', 'ours', false), /FileExists/);
    assert.deepEqual([...files], [['news/a.txt.tags.yaml', 'theirs']]);
  });

  it('removes the temporary file when the rename fails', async () => {
    const { files, io } = replaceFiles({ renameFails: true });
    await assert.rejects(replaceFile(io, 'news/a.txt.tags.yaml', 'ours', true), /EBUSY/);
    assert.deepEqual([...files], []);
  });

  it('writes nothing at all where the target leads out of the workspace', async () => {
    const { done, io } = replaceFiles({ outside: 'news leads out of the workspace folder (a symbolic link)' });
    await assert.rejects(replaceFile(io, 'news/a.txt.tags.yaml', 'ours', true), /news leads out of the workspace folder .* writes sidecars only inside the workspace folder/);
    assert.deepEqual(done, []);
  });
});

describe('tag changes saved aside', () => {
  it('go to a file beside the sidecar, named with the time, that is never read as a sidecar', () => {
    const path = unsavedCopyPath('/news/world/a.txt.tags.yaml', new Date('2026-12-03T11:30:32.123Z'));
    assert.equal(path, '/news/world/a.txt.tags.unsaved-20261203T113032Z.yaml');
    assert.equal(isSidecarPath(path), false);
    assert.equal(isSidecarPath(path, { location: 'mirror', mirrorFolder: '.annotations' }), false);
  });
});
