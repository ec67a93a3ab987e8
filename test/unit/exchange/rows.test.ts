import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { Conventions } from '../../../src/core/conventions';
import { tagTable, toCsv, toJsonLines } from '../../../src/core/exchange';
import type { Tag } from '../../../src/core/tags';
import { CONVENTIONS, expected, loadWorkspace } from './workspace';

/** A strict RFC 4180 reader, to check what the writer produces is read back as written. */
function readCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  while (i < text.length) {
    if (text[i] === '"') {
      i++;
      for (;;) {
        assert.ok(i < text.length, 'a quoted field is closed');
        if (text[i] === '"' && text[i + 1] === '"') {
          field += '"';
          i += 2;
        } else if (text[i] === '"') {
          i++;
          break;
        } else {
          field += text[i++];
        }
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r') {
        assert.notEqual(text[i], '"', 'a quote only appears in a quoted field');
        assert.notEqual(text[i], '\n', 'a bare line break only appears in a quoted field');
        field += text[i++];
      }
    }
    if (text[i] === ',') {
      record.push(field);
      field = '';
      i++;
    } else {
      assert.equal(text.slice(i, i + 2), '\r\n', 'every record ends with CRLF');
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += 2;
    }
  }
  return records;
}

function tagWith(note: string, extra?: Record<string, unknown>): Tag {
  return {
    id: 't-row00001',
    kind: 'claim',
    anchor: { exact: 'x', prefix: '', suffix: '', start: 0, end: 1, line: 0 },
    note,
    author: 'A',
    created: '2026-01-01T00:00:00Z',
    updated: '2026-01-01T00:00:00Z',
    status: 'anchored',
    ...(extra ? { extra } : {}),
  };
}

describe('exchange: CSV and JSON Lines rows', () => {
  it('writes the sample articles\' tags as the expected CSV, byte for byte', () => {
    assert.equal(toCsv(tagTable(loadWorkspace(), CONVENTIONS)), expected('export.csv'));
  });

  it('writes the sample articles\' tags as the expected JSON Lines, one object per tag', () => {
    const jsonl = toJsonLines(tagTable(loadWorkspace(), CONVENTIONS));
    assert.equal(jsonl, expected('export.jsonl'));
    const rows = jsonl.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    assert.equal(rows.length, 16);
    const verdicts = rows.filter((row) => (row.fields as Record<string, unknown>).verdict !== undefined).map((row) => row.id);
    assert.deepEqual(verdicts, ['t-desk0001', 't-desk0002', 't-d37qljh8', 't-rjomt8dp']);
  });

  it('gives every conventions field a column, in the conventions\' order, and reads back with an RFC 4180 reader', () => {
    const records = readCsv(toCsv(tagTable(loadWorkspace(), CONVENTIONS)));
    assert.deepEqual(records[0], ['article', 'line', 'column', 'kind', 'text', 'note', 'verdict', 'summary', 'speaker', 'source_url', 'claim_date', 'status', 'author', 'created', 'updated', 'id']);
    assert.ok(records.every((record) => record.length === records[0].length), 'every record has every column');
    const unicode = records.find((record) => record[15] === 't-unicode1')!;
    assert.equal(unicode[4], '🇺🇦 «Слава Україні!»');
    assert.match(unicode[5], /^The flag is two regional indicators.*\n"café" in the article/s);
  });

  it('keeps the same bytes whatever order the articles come in', () => {
    const articles = loadWorkspace();
    const csv = toCsv(tagTable(articles, CONVENTIONS));
    assert.equal(toCsv(tagTable([...articles].reverse(), CONVENTIONS)), csv);
  });

  it('reads any text back exactly as it was written into a note', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (note) => {
        const table = tagTable([{ path: 'a.txt', text: 'x', tags: [tagWith(note)] }], Conventions.defaults);
        assert.equal(readCsv(toCsv(table))[1][5], note);
      }),
    );
  });

  it('gives keys outside the conventions a column of their own after the declared ones, and lists as JSON', () => {
    const table = tagTable([{ path: 'a.txt', text: 'x', tags: [tagWith('n', { reviewed: true, sources: ['a', 'b'], verdict: 'accurate' })] }], CONVENTIONS);
    assert.deepEqual(table.fields, ['verdict', 'summary', 'speaker', 'source_url', 'claim_date', 'reviewed', 'sources']);
    const [header, row] = readCsv(toCsv(table));
    assert.equal(row[header.indexOf('reviewed')], 'true');
    assert.equal(row[header.indexOf('sources')], '["a","b"]');
  });

  it('heads a field column named like a fixed column field:NAME, and nests fields in JSON Lines', () => {
    const table = tagTable([{ path: 'a.txt', text: 'x', tags: [tagWith('n', { article: 'https://example.org/a' })] }], Conventions.defaults);
    const [header] = readCsv(toCsv(table));
    assert.ok(header.includes('field:article'));
    const [row] = toJsonLines(table).trimEnd().split('\n').map((line) => JSON.parse(line) as { article: string; fields: Record<string, string> });
    assert.equal(row.article, 'a.txt');
    assert.equal(row.fields.article, 'https://example.org/a');
  });

  it('starts with a byte order mark only when asked, for spreadsheets that need one', () => {
    const table = tagTable(loadWorkspace(), CONVENTIONS);
    assert.notEqual(toCsv(table).charCodeAt(0), 0xfeff);
    assert.equal(toCsv(table, { bom: true }).charCodeAt(0), 0xfeff);
  });

  it('writes only a header for a workspace without tags', () => {
    assert.equal(toCsv(tagTable([], Conventions.defaults)), 'article,line,column,kind,text,note,status,author,created,updated,id\r\n');
    assert.equal(toJsonLines(tagTable([], Conventions.defaults)), '');
  });

  it('gives a tag of a missing article its stored line and no column', () => {
    const [row] = tagTable([{ path: 'gone.txt', text: undefined, tags: [{ ...tagWith('n'), anchor: { exact: 'x', prefix: '', suffix: '', start: 40, end: 41, line: 3 } }] }], Conventions.defaults).rows;
    assert.equal(row.line, 4);
    assert.equal(row.column, undefined);
  });
});
