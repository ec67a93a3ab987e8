import { findConventions, type LoadedConventions } from '../core/conventions';
import { type Detection, type DetectionKind, type DetectionNotice, type TextFormat, type Vocabulary, compileVocabulary, detectInBatches } from '../core/detect';
import { folderOf, nodeConventionsReader } from './conventionsReader';
import { LineIndex } from '../core/position';
import { namesSidecar, walk } from './files';
import { readTextFile } from './readText';
import type { Io, Output, Subcommand } from './run';

const KINDS: readonly DetectionKind[] = ['quote', 'number', 'attribution', 'cue'];

const USAGE = `Usage: news-annotator scan PATH... [--json] [--kinds quote,number,attribution,cue]

Lists the quoted statements, numeric claims, attributions and cues found in each file.
A folder is scanned for articles, recursively, in name order: files ending in .txt, .text,
.md or .markdown (sidecars, and .git and node_modules folders, are left out). A file named
directly is scanned whatever its name.
Files ending in .md or .markdown are read as Markdown (nothing is found in front matter,
code, HTML or link targets); others as plain text, hard-wrapped lines joined.

Output, one line per detection:
  FILE:LINE:COLUMN  KIND/SUBTYPE  TEXT        (line and column count from 1)

Options:
  --json          print one JSON object instead:
                  {"files":[{"path":…,"detections":[{"kind":…,"subtype":…,"start":…,"end":…,
                  "line":…,"character":…,"text":…, …}]}]}
                  start/end are 0-based UTF-16 offsets (end excluded) into the file's text
                  (UTF-8, byte order mark removed, line endings kept); line/character are
                  0-based, as in VS Code
  --kinds LIST    only these kinds (comma-separated)
  -h, --help      show this help

Cues follow the team's vocabularies: the "cues" of the .news-annotator.yaml files that
apply to each file's folder (the nearest one and those above it, up to one with root: true
or the repository root). Problems of those files are reported on stderr.

Files that cannot be read (missing, binary, not UTF-8) are reported on stderr
and skipped; the others are still scanned. Output is written as it is found, so a huge file
costs memory for a paragraph's detections, not the file's; past 250,000 detections in one
file, detection stops there and says so on stderr. When the reader of the output goes away
(\`| head\`), the scan stops quietly. Exit code: 0 all files scanned, 2 bad usage, a
file could not be read, or a conventions file has errors.
`;

interface Options {
  json: boolean;
  kinds: ReadonlySet<DetectionKind> | undefined;
  files: string[];
}

function parseArgs(args: string[]): Options | string {
  const options: Options = { json: false, kinds: undefined, files: [] };
  let onlyFiles = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (onlyFiles || !arg.startsWith('-') || arg === '-') {
      options.files.push(arg);
    } else if (arg === '--') {
      onlyFiles = true;
    } else if (arg === '--json') {
      options.json = true;
    } else if (arg === '--kinds' || arg.startsWith('--kinds=')) {
      const list = arg === '--kinds' ? args[++i] : arg.slice('--kinds='.length);
      if (list === undefined) return 'option --kinds needs a list, e.g. --kinds quote,number';
      const kinds = list.split(',').map((k) => k.trim()).filter(Boolean);
      const unknown = kinds.filter((k) => !(KINDS as readonly string[]).includes(k));
      if (unknown.length > 0 || kinds.length === 0) return `unknown kind '${unknown[0] ?? list}' (kinds: ${KINDS.join(', ')})`;
      options.kinds = new Set(kinds as DetectionKind[]);
    } else {
      return `unknown option '${arg}'`;
    }
  }
  if (options.files.length === 0) return 'no file given';
  return options;
}

/** A detection as the JSON output has it: position first, then text, then the extras. */
function jsonDetection(d: Detection, text: string, lines: LineIndex): Record<string, unknown> {
  const { line, character } = lines.positionAt(d.start);
  const { kind, subtype, start, end, ...extras } = d;
  return { kind, subtype, start, end, line, character, text: text.slice(start, end), ...extras };
}

/** Markdown files by their extension; other files are read as plain text. */
const MARKDOWN = /\.(?:md|markdown|mdown|mkd|mkdn)$/i;

function formatOf(path: string): TextFormat {
  return MARKDOWN.test(path) ? 'markdown' : 'plain';
}

/** Files of a folder that scan reads as articles. */
const ARTICLE = /\.(?:txt|text|md|markdown|mdown|mkd|mkdn)$/i;

function isArticleName(file: string): boolean {
  return ARTICLE.test(file) && !namesSidecar(file);
}

/** Streams that can tell their reader went away (process.stdout): the others cannot. */
interface Closable extends Output {
  on(event: 'error', listener: (error: NodeJS.ErrnoException) => void): unknown;
}

/** Outputs already watched for their reader going away, and whether it has. */
const watched = new WeakMap<Output, { closed: boolean }>();

/**
 * Whether `output`'s reader has gone away (EPIPE, as after `| head`), watched from the first
 * call on. The listener stays: the error can come after the command returned, and an error
 * event nobody listens to would end the process with a stack trace.
 */
function watchClosed(output: Output): { closed: boolean } {
  let state = watched.get(output);
  if (!state) {
    const s = { closed: false };
    state = s;
    watched.set(output, s);
    if (typeof (output as Partial<Closable>).on === 'function') {
      (output as Closable).on('error', (error) => {
        if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') s.closed = true;
        else throw error;
      });
    }
  }
  return state;
}

/** One line of the human output: what the text says, on one line and not too long. */
function shortText(text: string): string {
  const flat = text.replace(/\r\n|\r|\n/g, ' ⏎ ');
  return flat.length > 120 ? `${flat.slice(0, 119)}…` : flat;
}

export const scan: Subcommand = {
  name: 'scan',
  summary: 'list quotes, numeric claims, attributions and cues in articles',
  usage: USAGE,
  async run(args: string[], io: Io): Promise<number> {
    const options = parseArgs(args);
    if (typeof options === 'string') {
      io.stderr.write(`news-annotator scan: ${options}\n\n${USAGE}`);
      return 2;
    }
    let failed = false;
    // One search per folder, and each conventions file's problems said once.
    const byFolder = new Map<string, Promise<{ loaded: LoadedConventions; vocabulary: Vocabulary | undefined }>>();
    const told = new Set<string>();
    const vocabularyOf = async (file: string): Promise<Vocabulary | undefined> => {
      const folder = folderOf(file);
      let found = byFolder.get(folder);
      if (!found) {
        found = findConventions(folder, nodeConventionsReader).then((loaded) => ({ loaded, vocabulary: Object.keys(loaded.conventions.cues).length > 0 ? compileVocabulary(loaded.conventions.cues).vocabulary : undefined }));
        byFolder.set(folder, found);
      }
      const { loaded, vocabulary } = await found;
      for (const p of loaded.problems) {
        const line = `${p.file}:${p.line + 1}:${p.column + 1}: ${p.severity} ${p.code} ${p.message}`;
        if (told.has(line)) continue;
        told.add(line);
        io.stderr.write(`news-annotator scan: ${line}\n`);
        if (p.severity === 'error') failed = true;
      }
      return vocabulary;
    };
    const out = watchClosed(io.stdout);
    const write = (s: string): void => {
      if (!out.closed) io.stdout.write(s);
    };
    const found = walk(options.files, isArticleName);
    for (const problem of found.problems) {
      io.stderr.write(`news-annotator scan: ${problem.path}: ${problem.message}\n`);
      failed = true;
    }
    if (options.json) write('{"files":[');
    let firstFile = true;
    for (const path of found.files) {
      if (out.closed) break;
      const read = readTextFile(path);
      if (!read.ok) {
        io.stderr.write(`news-annotator scan: ${path}: ${read.message}\n`);
        failed = true;
        continue;
      }
      const text = read.text;
      const lines = new LineIndex(text);
      const onNotice = (notice: DetectionNotice): void => {
        const { line, character } = lines.positionAt(notice.offset);
        io.stderr.write(`news-annotator scan: ${path}:${line + 1}:${character + 1}: ${notice.message}\n`);
      };
      const detectOptions = { kinds: options.kinds, vocabulary: await vocabularyOf(path), format: formatOf(path), onNotice };
      if (options.json) {
        write(`${firstFile ? '' : ','}{"path":${JSON.stringify(path)},"detections":[`);
        let first = true;
        detectInBatches(text, detectOptions, (batch) => {
          if (batch.length === 0) return;
          const items = batch.map((d) => JSON.stringify(jsonDetection(d, text, lines)));
          write(`${first ? '' : ','}${items.join(',')}`);
          first = false;
        });
        write(']}');
        firstFile = false;
      } else {
        detectInBatches(text, detectOptions, (batch) => {
          let chunk = '';
          for (const d of batch) {
            const { line, character } = lines.positionAt(d.start);
            chunk += `${path}:${line + 1}:${character + 1}  ${d.kind}/${d.subtype}  ${shortText(text.slice(d.start, d.end))}\n`;
          }
          write(chunk);
        });
      }
      // Let a closed pipe be told (its error comes on a later turn) before the next file.
      if (found.files.length > 1) await new Promise((resolve) => setImmediate(resolve));
    }
    if (options.json) write(']}\n');
    return failed ? 2 : 0;
  },
};
