/**
 * The scan command, run as users run it: the built command line in a child process, on
 * real files in a temporary directory.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { detect } from '../../../src/core/detect';
import { repoRoot } from '../../support/paths';

const cli = path.join(repoRoot, 'dist', 'cli.js');
let dir = '';

function run(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd: dir, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function write(name: string, content: string | Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

interface JsonDetection {
  kind: string;
  subtype: string;
  start: number;
  end: number;
  line: number;
  character: number;
  text: string;
  [extra: string]: unknown;
}

/** Line and character of `offset` counted by hand, for checking the command's own. */
function position(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (text[i] === '\r' && text[i + 1] === '\n') continue;
    if (text[i] === '\n' || text[i] === '\r') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, character: offset - lineStart };
}

describe('news-annotator scan', function () {
  this.timeout(60000);

  before(() => {
    // Build the command line from the current sources: a stale dist/ would test old code.
    const build = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: repoRoot, encoding: 'utf8' });
    assert.equal(build.status, 0, build.stderr);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'news-annotator-scan-'));
  });

  after(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('prints one JSON object whose offsets point into the text without its byte order mark', () => {
    const text = 'Austin said:\r\n“Russia is losing upwards of 1,000 troops per day,” he added.\r\n😀 It could get worse.\r\n';
    const file = write('article.txt', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]));
    const { code, stdout, stderr } = run('scan', '--json', file);
    assert.equal(code, 0, stderr);
    const output = JSON.parse(stdout) as { files: Array<{ path: string; detections: JsonDetection[] }> };
    assert.equal(output.files.length, 1);
    assert.equal(output.files[0].path, file);
    const detections = output.files[0].detections;
    assert.deepEqual(detections.map((d) => [d.kind, d.subtype, d.start, d.end]), detect(text).map((d) => [d.kind, d.subtype, d.start, d.end]));
    for (const d of detections) {
      assert.equal(d.text, text.slice(d.start, d.end));
      assert.deepEqual({ line: d.line, character: d.character }, position(text, d.start));
    }
    const rate = detections.find((d) => d.kind === 'number');
    assert.deepEqual(rate && [rate.text, rate.subtype, rate.line], ['upwards of 1,000 troops per day', 'rate', 1]);
    const cue = detections.find((d) => d.kind === 'cue');
    assert.deepEqual(cue && [cue.text, cue.line, cue.character], ['could', 2, 6]);
  });

  it('prints file:line:col  kind/subtype  text, counting lines and columns from 1', () => {
    const file = write('human.txt', 'First line.\nHe said “yes” to 4 brigades.\n');
    const { code, stdout } = run('scan', file);
    assert.equal(code, 0);
    const lines = stdout.trimEnd().split('\n');
    assert.ok(lines.includes(`${file}:2:9  quote/double  “yes”`), stdout);
    assert.ok(lines.includes(`${file}:2:18  number/count  4`), stdout);
    for (const line of lines) assert.match(line, /^.+:\d+:\d+ {2}(quote|number|attribution|cue)\/[a-z-]+ {2}.+$/);
  });

  it('keeps only the kinds given with --kinds', () => {
    const file = write('kinds.txt', 'He said “yes” to 4 brigades and could go.');
    const { stdout } = run('scan', '--json', '--kinds', 'number,cue', file);
    const kinds = (JSON.parse(stdout) as { files: Array<{ detections: JsonDetection[] }> }).files[0].detections.map((d) => d.kind);
    assert.deepEqual(kinds, ['number', 'cue']);
  });

  it('reports a missing file, a binary file and invalid UTF-8 on stderr and still scans the others', () => {
    const good = write('good.txt', 'They sent 4 brigades.');
    const binary = write('binary.txt', Buffer.from([0x48, 0x69, 0x00, 0x01, 0x02]));
    const latin1 = write('latin1.txt', Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x34, 0x20, 0x74, 0x72, 0x6f, 0x6f, 0x70, 0x73]));
    const missing = path.join(dir, 'missing.txt');
    const { code, stdout, stderr } = run('scan', '--json', missing, binary, latin1, good);
    assert.equal(code, 2);
    const output = JSON.parse(stdout) as { files: Array<{ path: string; detections: JsonDetection[] }> };
    assert.deepEqual(output.files.map((f) => f.path), [good]);
    assert.equal(output.files[0].detections[0].text, '4');
    assert.match(stderr, new RegExp(`${escape(missing)}: no such file`));
    assert.match(stderr, new RegExp(`${escape(binary)}: looks binary`));
    assert.match(stderr, new RegExp(`${escape(latin1)}: is not valid UTF-8 \\(first bad byte at offset 3\\)`));
  });

  it('scans the articles of a folder, recursively and in name order, leaving out sidecars, other files and node_modules', () => {
    const folder = path.join(dir, 'desk');
    fs.mkdirSync(path.join(folder, 'world'), { recursive: true });
    fs.mkdirSync(path.join(folder, 'node_modules'), { recursive: true });
    const markdown = write(path.join('desk', 'world', 'b.md'), '```\n"not a quote"\n```\n\nThey sent 4 brigades.\n');
    const plain = write(path.join('desk', 'a.txt'), 'Officials said 12 people were hurt.');
    write(path.join('desk', 'a.txt.tags.yaml'), 'version: 1\ntags: []\n');
    write(path.join('desk', 'data.json'), '{"troops": 10000}');
    write(path.join('desk', 'node_modules', 'c.txt'), 'It said 7 times.');
    const { code, stdout, stderr } = run('scan', '--json', '--kinds', 'quote,number', folder);
    assert.equal(code, 0, stderr);
    const output = JSON.parse(stdout) as { files: Array<{ path: string; detections: JsonDetection[] }> };
    assert.deepEqual(output.files.map((f) => f.path), [plain, markdown]);
    assert.deepEqual(output.files[0].detections.map((d) => d.text), ['12']);
    // The folder's Markdown file is read as Markdown: the code block gives nothing.
    assert.deepEqual(output.files[1].detections.map((d) => d.text), ['4']);
  });

  it('exits with 2 and the usage when no file is given or an option is unknown', () => {
    const none = run('scan');
    assert.equal(none.code, 2);
    assert.match(none.stderr, /no file given/);
    assert.match(none.stderr, /Usage: news-annotator scan/);
    const unknown = run('scan', '--yaml', 'x.txt');
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown option '--yaml'/);
  });

  it('reads a .md file as Markdown: nothing in front matter, code or HTML, and an attribution across a line break is one', () => {
    const file = write('briefing.md', [
      '---', 'title: "Troops in Kursk"', 'date: 2024-11-01', '---', '', '# Briefing', '',
      'The offensive will go on through the winter, according to', 'the defence minister, who said "we have 10,000 more" on Monday.', '',
      '```python', 'x = "not a quote"  # 2024', '```', '', 'See `2024-11-04` and <img alt="chart" src="chart-2024.png">.', '',
    ].join('\n'));
    const { code, stdout, stderr } = run('scan', file);
    assert.equal(code, 0, stderr);
    assert.deepEqual(stdout.trimEnd().split('\n').map((l) => l.slice(file.length + 1)), [
      '8:46  attribution/according-to  according to ⏎ the defence minister',
      '9:32  quote/double  "we have 10,000 more"',
      '9:41  number/count  10,000',
    ]);
    // The same text under another name is plain text: the front matter's quote is found.
    const plain = write('briefing.txt', fs.readFileSync(file, 'utf8'));
    assert.match(run('scan', plain).stdout, /:2:8 {2}quote\/double {2}"Troops in Kursk"/);
  });

  it('bounds a huge one-line file of quotes and figures: read in pieces, stopped after 250,000 detections, both said on stderr', () => {
    const file = write('huge.txt', `${'"a" 7 '.repeat(300_000)}\n`);
    const result = spawnSync(process.execPath, [cli, 'scan', '--json', file], { cwd: dir, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    assert.equal(result.status, 0, result.stderr);
    const detections = (JSON.parse(result.stdout) as { files: Array<{ detections: JsonDetection[] }> }).files[0].detections;
    // Detection stops at the end of the piece where the limit was passed (pieces are 65,536 characters).
    assert.ok(detections.length >= 250_000 && detections.length < 250_000 + 2 * 65_536 / 6, `${detections.length} detections`);
    assert.ok(detections[detections.length - 1].end < 300_000 * 6);
    assert.match(result.stderr, /huge\.txt:1:1: a paragraph longer than 65,536 characters is read in pieces/);
    assert.match(result.stderr, /huge\.txt:1:\d+: detection stopped after 250,000 detections/);
  });

  it('stops quietly with exit code 0 when the reader of its output goes away (| head)', () => {
    const file = write('long.txt', `${'He said "we will win 10,000 seats" on Monday.\n'.repeat(20_000)}`);
    const script = `"${process.execPath}" "${cli}" scan --json "${file}" | head -c 100 > /dev/null; echo "exit=\${PIPESTATUS[0]}"`;
    const result = spawnSync('bash', ['-c', script], { cwd: dir, encoding: 'utf8' });
    assert.equal(result.stdout.trim(), 'exit=0');
    assert.equal(result.stderr, '');
  });

  it('shows its help with --help and exits with 0', () => {
    const help = run('scan', '--help');
    assert.equal(help.code, 0);
    assert.match(help.stdout, /--json/);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
