import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import fc from 'fast-check';
import { isMap, isSeq, type YAMLMap } from 'yaml';
import { KindRegistry } from '../../src/core/kinds';
import { SidecarFile, SidecarNotWritableError, TAG_KEYS, parseSidecar, serialiseSidecar } from '../../src/core/sidecar';
import { compareTags, reanchorTags, timestamp, type Tag } from '../../src/core/tags';
import { fixturePath, readFixture, repoRoot } from '../support/paths';

const GOOD = fixturePath('sidecars', 'good');
const goodFixtures = fs.readdirSync(GOOD).filter((name) => name.endsWith('.tags.yaml')).sort();

/** Everything a tag writes, with every key present so deepEqual compares like with like. */
function persisted(tag: Tag): Record<string, unknown> {
  // Spread into a plain object: generated records may have a null prototype.
  const extra = tag.extra && Object.keys(tag.extra).length > 0 ? { ...tag.extra } : undefined;
  return { id: tag.id, kind: tag.kind, anchor: tag.anchor, note: tag.note, author: tag.author, created: tag.created, updated: tag.updated, status: tag.status, extra };
}

function errorsOf(text: string): string[] {
  return parseSidecar(text).problems.filter((p) => p.severity === 'error').map((p) => `${p.code} ${p.line}:${p.column} ${p.message}`);
}

/** The ids in the order the file lists them. */
function fileOrder(text: string): string[] {
  const seq = (parseSidecar(text).document!.contents as YAMLMap).get('tags');
  assert.ok(isSeq(seq));
  return seq.items.map((item) => String((item as YAMLMap).get('id')));
}

function articleFor(name: string | undefined): string | undefined {
  if (!name) return undefined;
  for (const candidate of [`${repoRoot}/samples/${name}`, fixturePath('sidecars', 'articles', name)]) {
    if (fs.existsSync(candidate)) return fs.readFileSync(candidate, 'utf8');
  }
  return undefined;
}

function sampleTag(overrides: Partial<Tag> & { id: string }): Tag {
  return {
    kind: 'claim',
    anchor: { exact: 'the Kremlin said', prefix: 'On Monday, ', suffix: ' nothing.', start: 11, end: 27, line: 0 },
    author: 'Ada Lovelace',
    created: '2026-11-22T09:00:00Z',
    updated: '2026-11-22T09:00:00Z',
    status: 'anchored',
    ...overrides,
  };
}

describe('sidecar fixtures', () => {
  for (const name of goodFixtures) {
    describe(name, () => {
      const text = fs.readFileSync(`${GOOD}/${name}`, 'utf8');

      it('reads without errors', () => {
        assert.deepEqual(errorsOf(text), []);
      });

      it('writes back byte for byte when nothing changed, even after setting the same tags', () => {
        const file = SidecarFile.parse(text);
        assert.equal(file.toString(), text);
        assert.equal(file.setTags(file.tags), false);
        for (const tag of file.tags) file.update({ ...tag });
        assert.equal(file.changed, false);
        assert.equal(file.toString(), text);
      });

      it('re-anchors every tag with the status written in the file', function () {
        const parsed = parseSidecar(text);
        const article = articleFor(parsed.article);
        if (article === undefined) this.skip();
        for (const tag of reanchorTags(parsed.tags, article)) {
          const stored = parsed.tags.find((t) => t.id === tag.id)!;
          assert.equal(tag.status, stored.status, `${tag.id} ${tag.anchor.exact}`);
          if (tag.status === 'anchored') {
            assert.deepEqual([tag.anchor.start, tag.anchor.end], [stored.anchor.start, stored.anchor.end], tag.id);
            assert.equal(article.slice(tag.anchor.start, tag.anchor.end), tag.anchor.exact);
          }
        }
      });
    });
  }
});

describe('a new sidecar', () => {
  it('is written in a fixed, readable layout', () => {
    const tags = [
      sampleTag({ id: 't-second02', anchor: { exact: '10,000 troops', prefix: 'up to ', suffix: ' to aid', start: 50, end: 63, line: 1 } }),
      sampleTag({ id: 't-first001', kind: 'attribution', note: 'Two lines:\nsecond line.' }),
    ];
    assert.equal(
      serialiseSidecar('article.txt', tags),
      [
        'version: 1',
        'article: article.txt',
        'tags:',
        '  - text: the Kremlin said',
        '    kind: attribution',
        '    note: |-',
        '      Two lines:',
        '      second line.',
        '    prefix: "On Monday, "',
        '    suffix: " nothing."',
        '    start: 11',
        '    end: 27',
        '    line: 0',
        '    id: t-first001',
        '    author: Ada Lovelace',
        '    created: 2026-11-22T09:00:00Z',
        '    updated: 2026-11-22T09:00:00Z',
        '  - text: 10,000 troops',
        '    kind: claim',
        '    prefix: "up to "',
        '    suffix: " to aid"',
        '    start: 50',
        '    end: 63',
        '    line: 1',
        '    id: t-second02',
        '    author: Ada Lovelace',
        '    created: 2026-11-22T09:00:00Z',
        '    updated: 2026-11-22T09:00:00Z',
        '',
      ].join('\n'),
    );
  });

  it('keeps long text on one line and writes context with escapes rather than raw breaks', () => {
    const long = 'word '.repeat(80).trim();
    const text = serialiseSidecar('a.txt', [sampleTag({ id: 't-long0001', anchor: { exact: long, prefix: 'end of para.\n\n', suffix: '\r\nnext', start: 0, end: long.length, line: 0 } })]);
    assert.ok(text.includes(`  - text: ${long}\n`));
    assert.ok(text.includes('    prefix: "end of para.\\n\\n"\n'));
    assert.ok(text.includes('    suffix: "\\r\\nnext"\n'));
  });

  it('escapes invisible line separators and byte order marks instead of writing them raw', () => {
    const text = serialiseSidecar('a.txt', [sampleTag({ id: 't-invis001', anchor: { exact: 'a\u2028b\u0085c\ufeffd', prefix: '', suffix: '', start: 0, end: 7, line: 0 } })]);
    assert.ok(!/[\u2028\u2029\u0085\ufeff]/.test(text));
    assert.equal(parseSidecar(text).tags[0].anchor.exact, 'a\u2028b\u0085c\ufeffd');
  });

  it('keeps spaces on a line of only spaces, which a block scalar would lose', () => {
    for (const exact of ['  \n', 'a\n  \nb', '\t\n']) {
      const written = serialiseSidecar('a.txt', [sampleTag({ id: 't-spaces01', note: exact, anchor: { exact, prefix: '', suffix: '', start: 0, end: 3, line: 0 } })]);
      const [tag] = parseSidecar(written).tags;
      assert.equal(tag.anchor.exact, exact);
      assert.equal(tag.note, exact);
    }
  });

  it('leaves out runtime state and empty bookkeeping', () => {
    const text = serialiseSidecar('a.txt', [sampleTag({ id: 't-runtime1', score: 0.93, author: '', status: 'fuzzy' })]);
    assert.ok(!text.includes('score'));
    assert.ok(!text.includes('author'));
    assert.ok(text.includes('    status: fuzzy\n'));
  });

  it('can be created empty and in CRLF', () => {
    assert.equal(serialiseSidecar('a.txt', [], '\r\n'), 'version: 1\r\narticle: a.txt\r\ntags: []\r\n');
  });
});

describe('editing a sidecar in place', () => {
  const commented = readFixture('sidecars', 'good', '000_66182b2613313ed4.txt.tags.yaml');
  const generated = readFixture('sidecars', 'good', '001_99513561e4769605.txt.tags.yaml');

  it('changes only the lines of the tag that changed', () => {
    const file = SidecarFile.parse(generated);
    const [, second] = file.tags;
    const edited = { ...second, note: 'Checked against the transcript.', updated: '2026-11-23T10:00:00Z' };
    file.update(edited);
    const before = generated.split('\n');
    const after = file.toString().split('\n');
    assert.equal(after.length, before.length + 1);
    const block = before.findIndex((line) => line.includes(second.anchor.exact));
    assert.deepEqual(after.slice(0, block + 2), before.slice(0, block + 2));
    assert.equal(after[block + 2], '    note: Checked against the transcript.');
    assert.deepEqual(after.slice(block + 3).filter((l) => !l.includes('updated: 2026-11-23')), before.slice(block + 2).filter((l) => !l.includes(`updated: ${second.updated}`)));
    assert.equal(file.toString(), serialiseSidecar(file.article!, file.tags));
  });

  it('keeps a value intact when a comment beside it holds an invisible line separator', () => {
    const text = commented.replace('kind: attribution # speaker', 'kind: attribution #\u2028 speaker').replace('# Lede', '# Lede\u2029 section');
    const file = SidecarFile.parse(text);
    assert.equal(file.writable, true);
    file.add(sampleTag({ id: 't-newtag02', anchor: { exact: 'temporary', prefix: '', suffix: '', start: 700, end: 709, line: 2 } }));
    const reread = SidecarFile.parse(file.toString());
    assert.deepEqual(reread.problems.filter((p) => p.severity === 'error'), []);
    assert.deepEqual(reread.tags.map((t) => t.kind), file.tags.map((t) => t.kind));
    assert.ok(reread.toString().includes('#  speaker confirmed from the transcript'));
  });

  it('keeps comments at the top, between tags, inline and inside tags through adds, updates and removals', () => {
    const file = SidecarFile.parse(commented);
    const [lede, quote, numbers, boost] = file.tags;
    file.add(sampleTag({ id: 't-newtag01', anchor: { exact: 'temporary', prefix: '', suffix: '', start: 700, end: 709, line: 2 } }));
    file.update({ ...quote, kind: 'claim', note: 'Now a claim.' });
    file.remove(numbers.id);
    file.update({ ...lede, note: 'multi\nline' });
    const out = file.toString();
    for (const comment of [
      '# Reviewed by the desk on 2026-11-20; ask Ada before changing the claim tags.',
      '# written by News Annotator',
      '# Lede',
      '# speaker confirmed from the transcript',
      '# The transcript link is in the desk\'s tracker.',
      '# Numbers: check against the ISW daily update.',
      '# End of the reviewed tags.',
    ]) {
      assert.ok(out.includes(comment), `lost ${comment}\n${out}`);
    }
    assert.ok(out.includes('    kind: claim # speaker confirmed from the transcript\n'));
    assert.deepEqual(errorsOf(out), []);
    assert.deepEqual(fileOrder(out), [lede.id, quote.id, 't-newtag01', boost.id]);
    // The comment that sat above the removed tag now sits above the tag that followed it.
    assert.match(out, /# Numbers: check against the ISW daily update\.\n {2}- text: temporary\n/);
  });

  it('keeps a comment above the last tag when that tag is removed', () => {
    const text = `version: 1\narticle: a.txt\ntags:\n${serialiseSidecar('a.txt', [sampleTag({ id: 't-aaaaaaa1' }), sampleTag({ id: 't-bbbbbbb2', anchor: { exact: 'x', prefix: '', suffix: '', start: 90, end: 91, line: 3 } })]).split('tags:\n')[1].replace('  - text: x', '  # about x\n  - text: x')}`;
    const file = SidecarFile.parse(text);
    file.remove('t-bbbbbbb2');
    assert.ok(file.toString().includes('# about x'));
    assert.deepEqual(parseSidecar(file.toString()).tags.map((t) => t.id), ['t-aaaaaaa1']);
  });

  it('moves a tag whose position changed to its sorted place', () => {
    const file = SidecarFile.parse(generated);
    const [first, second, third, fourth] = file.tags;
    file.update({ ...first, anchor: { ...first.anchor, start: 5000, end: 5031 } });
    assert.deepEqual(fileOrder(file.toString()), [second.id, third.id, fourth.id, first.id]);
  });

  it('writes keys in the fixed order when a tag gains a note or a status', () => {
    const file = SidecarFile.parse(generated);
    const last = file.tags[3];
    file.update({ ...last, note: 'Added later', status: 'orphan' });
    const keys = file
      .toString()
      .split('\n')
      .slice(-14)
      .map((line) => /^ {2}[- ] {1,3}(\w+):/.exec(line)?.[1])
      .filter((key): key is string => key !== undefined);
    assert.deepEqual(keys, TAG_KEYS.filter((key) => keys.includes(key)));
    assert.deepEqual(keys.slice(0, 3), ['text', 'kind', 'note']);
    assert.equal(keys[keys.indexOf('line') + 1], 'status');
  });

  it('keeps a CRLF sidecar in CRLF and a BOM where it was', () => {
    for (const name of ['crlf.tags.yaml', 'bom.tags.yaml']) {
      const text = readFixture('sidecars', 'good', name);
      const file = SidecarFile.parse(text);
      file.update({ ...file.tags[0], note: 'two\nlines' });
      const out = file.toString();
      if (name === 'crlf.tags.yaml') {
        assert.ok(!/[^\r]\n/.test(out), 'a bare LF crept in');
        assert.ok(out.includes('\r\n    note: |-\r\n      two\r\n      lines\r\n'));
      } else {
        assert.equal(out.charCodeAt(0), 0xfeff);
        assert.equal(out.indexOf('\ufeff', 1), -1);
      }
      assert.equal(parseSidecar(out).tags[0].note, 'two\nlines');
    }
  });

  it('builds the whole structure when the first tag goes into an empty file', () => {
    const file = SidecarFile.parse('', { articleName: 'empty.txt' });
    assert.deepEqual(file.problems, []);
    file.add(sampleTag({ id: 't-first001' }));
    const parsed = parseSidecar(file.toString());
    assert.equal(parsed.version, 1);
    assert.equal(parsed.article, 'empty.txt');
    assert.deepEqual(parsed.tags.map((t) => t.id), ['t-first001']);
  });

  it('turns "tags: []" into a block list when a tag is added', () => {
    const file = SidecarFile.parse(readFixture('sidecars', 'good', 'empty-list.tags.yaml'));
    file.add(sampleTag({ id: 't-first001' }));
    assert.ok(file.toString().includes('tags:\n  - text: the Kremlin said\n'));
  });

  it('keeps fields it does not know, and lets the model change them', () => {
    const file = SidecarFile.parse(readFixture('sidecars', 'good', 'hand-styled.tags.yaml'));
    const [briefing, year] = file.tags;
    assert.deepEqual(briefing.extra, { source: 'https://example.org/briefing-transcript', reviewed: true });
    file.update({ ...briefing, kind: 'claim', extra: undefined });
    file.update({ ...year, note: 'Check the year', extra: { source: 'ministry website' } });
    const out = file.toString();
    const reread = parseSidecar(out).tags;
    assert.deepEqual(reread[0].extra, { source: 'https://example.org/briefing-transcript', reviewed: true });
    assert.equal(reread[0].kind, 'claim');
    assert.deepEqual(reread[1].extra, { source: 'ministry website' });
    assert.equal(reread[1].note, 'Check the year');
    assert.ok(out.includes('# Written by hand by a reviewer, in their own style.'));
    assert.ok(out.includes("text: 'Officials said \"no comment\" twice'"), 'the hand-chosen quoting of an unchanged value is kept');
    file.update({ ...reread[0], extra: { reviewed: undefined } });
    assert.deepEqual(parseSidecar(file.toString()).tags[0].extra, { source: 'https://example.org/briefing-transcript' });
  });

  it('updates the article name after a rename', () => {
    const file = SidecarFile.parse(generated);
    file.setArticle('renamed.txt');
    assert.equal(parseSidecar(file.toString()).article, 'renamed.txt');
    assert.equal(file.toString().split('\n')[1], 'article: renamed.txt');
  });

  it('remembers where each tag started in the text it read', () => {
    const file = SidecarFile.parse(generated);
    const lines = generated.split('\n');
    for (const tag of file.tags) assert.equal(lines[file.lineOf(tag.id)!], `  - text: ${tag.anchor.exact}`);
  });

  it('refuses every edit to a file with errors, and gives back its bytes untouched', () => {
    const bad = readFixture('sidecars', 'bad', 'partly-bad.tags.yaml');
    const file = SidecarFile.parse(bad);
    assert.equal(file.writable, false);
    assert.throws(() => file.add(sampleTag({ id: 't-new00001' })), SidecarNotWritableError);
    assert.throws(() => file.update({ ...file.tags[0], note: 'x' }), /line 20/);
    assert.throws(() => file.remove(file.tags[0].id), SidecarNotWritableError);
    assert.throws(() => file.setArticle('x.txt'), SidecarNotWritableError);
    assert.equal(file.setTags(file.tags), false);
    assert.equal(file.toString(), bad);
  });

  it('refuses an id that is already taken and edits of unknown ids', () => {
    const file = SidecarFile.parse(generated);
    assert.throws(() => file.add(file.tags[0]), /already exists/);
    assert.throws(() => file.update(sampleTag({ id: 't-unknown1' })), /No tag/);
    assert.throws(() => file.remove('t-unknown1'), /No tag/);
  });
});

const specials = fc.constantFrom(
  ':', ': ', '#', ' #', '"', "'", '\n', '\r\n', '\r', '- ', '😀', '🇺🇦', 'e\u0301', '“', '”', '\t', '|', '>', '&', '*', '!', '%', '@', '`',
  '{', '}', '[', ']', ',', '?', '\u2028', '\u0085', '\ufeff', '\u00a0', 'null', 'true', '10', '0x1F', '~', '---', '...', '  ', '\\', '\n  ',
);
const text = fc.array(fc.oneof(specials, fc.string({ unit: 'grapheme', maxLength: 4 })), { maxLength: 12 }).map((parts) => parts.join(''));
const nonEmptyText = text.filter((value) => value.length > 0);
const isoTime = fc.oneof(
  fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }).map((date) => timestamp(date)),
  fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }).map((date) => date.toISOString()),
);
const extraValue = fc.oneof(text, fc.integer(), fc.boolean(), fc.constant(null), fc.array(text, { maxLength: 3 }));

function tagArbitrary(id: fc.Arbitrary<string>): fc.Arbitrary<Tag> {
  return fc
    .record({
      id,
      kind: fc.constantFrom('claim', 'speculation', 'attribution', 'opinion', 'needs-source'),
      exact: nonEmptyText,
      prefix: text,
      suffix: text,
      start: fc.nat(100_000),
      length: fc.nat(500),
      line: fc.nat(5000),
      note: fc.option(text, { nil: undefined }),
      author: text,
      created: isoTime,
      updated: isoTime,
      status: fc.constantFrom('anchored' as const, 'fuzzy' as const, 'orphan' as const),
      extra: fc.option(fc.dictionary(fc.constantFrom('source', 'reviewed', 'priority', 'links'), extraValue, { maxKeys: 3 }), { nil: undefined }),
    })
    .map((r): Tag => ({
      id: r.id,
      kind: r.kind,
      anchor: { exact: r.exact, prefix: r.prefix, suffix: r.suffix, start: r.start, end: r.start + r.length, line: r.line },
      ...(r.note === undefined ? {} : { note: r.note }),
      author: r.author,
      created: r.created,
      updated: r.updated,
      status: r.status,
      ...(r.extra === undefined || Object.keys(r.extra).length === 0 ? {} : { extra: r.extra }),
    }));
}

const tagId = fc.stringMatching(/^t-[0-9a-z]{8}$/);

describe('sidecar round trips (property tests)', function () {
  this.timeout(60_000);

  it('reads back exactly the tags it wrote, whatever their text', () => {
    fc.assert(
      fc.property(fc.uniqueArray(tagArbitrary(tagId), { selector: (tag) => tag.id, maxLength: 8 }), fc.constantFrom('\n' as const, '\r\n' as const), (tags, lineEnding) => {
        const written = serialiseSidecar('article.txt', tags, lineEnding);
        const parsed = parseSidecar(written, { kinds: KindRegistry.defaults });
        assert.deepEqual(parsed.problems.filter((p) => p.severity === 'error'), [], written);
        assert.deepEqual(parsed.tags.map(persisted), [...tags].sort(compareTags).map(persisted));
        assert.equal(SidecarFile.parse(written).setTags([...tags].reverse()), false);
      }),
      { numRuns: 300 },
    );
  });

  it('matches the model after any sequence of adds, updates and removals, keeping comments and order', () => {
    const commented = readFixture('sidecars', 'good', '000_66182b2613313ed4.txt.tags.yaml');
    const insideTags: Record<string, string[]> = {
      't-ha7p5dlt': ['# speaker confirmed from the transcript', "# The transcript link is in the desk's tracker."],
    };
    const outside = ['# Reviewed by the desk on 2026-11-20', '# written by News Annotator', '# Lede', '# Numbers: check against the ISW daily update.', '# End of the reviewed tags.'];
    const operation = fc.oneof(
      fc.record({ op: fc.constant('add' as const), tag: tagArbitrary(tagId) }),
      fc.record({ op: fc.constant('update' as const), pick: fc.nat(), with: tagArbitrary(tagId), fields: fc.subarray(['kind', 'anchor', 'note', 'author', 'status', 'extra', 'updated'] as const, { minLength: 1 }) }),
      fc.record({ op: fc.constant('remove' as const), pick: fc.nat() }),
    );
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 15 }), (operations) => {
        const file = SidecarFile.parse(commented);
        const model = new Map(file.tags.map((tag) => [tag.id, tag]));
        const removed = new Set<string>();
        for (const step of operations) {
          const ids = [...model.keys()];
          if (step.op === 'add') {
            if (model.has(step.tag.id)) continue;
            file.add(step.tag);
            model.set(step.tag.id, step.tag);
          } else if (ids.length === 0) {
            continue;
          } else if (step.op === 'remove') {
            const id = ids[step.pick % ids.length];
            file.remove(id);
            model.delete(id);
            removed.add(id);
          } else {
            const current = model.get(ids[step.pick % ids.length])!;
            const next: Record<string, unknown> = { ...current };
            for (const field of step.fields) {
              if (field === 'note' && step.with.note === undefined) delete next.note;
              else next[field] = step.with[field];
            }
            if (step.fields.includes('extra')) next.extra = { ...current.extra, ...step.with.extra };
            if (next.extra && Object.keys(next.extra).length === 0) delete next.extra;
            file.update(next as unknown as Tag);
            model.set(current.id, next as unknown as Tag);
          }
        }
        const out = file.toString();
        const expected = [...model.values()].sort(compareTags).map(persisted);
        assert.deepEqual(parseSidecar(out).problems.filter((p) => p.severity === 'error'), []);
        assert.deepEqual(parseSidecar(out).tags.map(persisted), expected);
        assert.deepEqual(file.tags.map(persisted), expected);
        assert.deepEqual(fileOrder(out), [...model.values()].sort(compareTags).map((tag) => tag.id));
        for (const comment of outside) assert.ok(out.includes(comment), `lost "${comment}"`);
        for (const [id, comments] of Object.entries(insideTags)) {
          if (!removed.has(id)) for (const comment of comments) assert.ok(out.includes(comment), `lost "${comment}"`);
        }
        assert.equal(SidecarFile.parse(out).setTags([...model.values()]), false, 'rewriting the result changes nothing');
      }),
      { numRuns: 150 },
    );
  });
});

describe('sidecar documents', () => {
  it('expose the parsed yaml Document for the tags they hold', () => {
    const parsed = parseSidecar(readFixture('sidecars', 'good', '001_99513561e4769605.txt.tags.yaml'));
    const root = parsed.document!.contents;
    assert.ok(isMap(root));
    assert.equal(root.get('version'), 1);
    assert.equal(parsed.lineEnding, '\n');
    assert.equal(parsed.bom, false);
  });
});
