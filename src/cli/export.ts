import { buildClaimReviews, buildW3cCollection, tagTable, toCsv, toJsonLines, type ClaimReviewEntry } from '../core/exchange';
import { choice, parseArgs } from './args';
import { readTaggedArticles } from './exchangeInput';
import { applySidecarLayout, displayPath, FileChangedError, fileExists, LAYOUT_OPTIONS, LAYOUT_USAGE, readForUpdate, replaceFile } from './files';
import type { Io, Subcommand } from './run';

const FORMATS = ['csv', 'jsonl', 'w3c', 'claimreview'] as const;
type Format = (typeof FORMATS)[number];

const USAGE = `Usage: news-annotator export [PATH...] --format csv|jsonl|w3c|claimreview [--out FILE]

Writes the tags of every sidecar under PATHs (sidecars, articles or folders; default: the
current folder) in one file, in a stable order (articles by path, tags in reading order)
with nothing that changes from run to run, so an export can be committed and diffed.

Formats:
  csv          one row per tag (RFC 4180, UTF-8, a header row): article, line, column,
               kind, text, note, every conventions field, status, author, created,
               updated, id
  jsonl        the same, one JSON object per line, with start/end offsets (UTF-16) and
               the fields as an object
  w3c          a W3C Web Annotation AnnotationCollection (JSON-LD); positions count
               Unicode code points, as the model says
  claimreview  schema.org ClaimReview records (JSON-LD) for tags with a verdict, built
               from the conventions' fields, rating scale and publish: section

Options:
  --out FILE   write to FILE (replaced atomically) instead of standard output
  --bom        csv: start with a byte order mark, for Excel
  --base URL   w3c: article IRIs start with URL (e.g. where the articles are published);
               default urn:x-news-annotator:
  --strict     claimreview: write nothing and fail if any record lacks a required or
               recommended property, listing what each lacks
${LAYOUT_USAGE}

Sidecars with errors are left out and named on stderr. Exit code: 0 every tag exported,
1 some sidecar was left out (or, with --strict, records are incomplete: nothing written),
2 bad usage, a path or conventions file that cannot be read (nothing written).
`;

export const exportCommand: Subcommand = {
  name: 'export',
  summary: 'write tags as CSV, JSON Lines, W3C Web Annotations or ClaimReview',
  usage: USAGE,
  async run(args: string[], io: Io): Promise<number> {
    const usageError = (message: string): number => {
      io.stderr.write(`news-annotator export: ${message}\n\n${USAGE}`);
      return 2;
    };
    const parsed = parseArgs(args, { format: 'value', out: 'value', bom: 'flag', base: 'value', strict: 'flag', ...LAYOUT_OPTIONS }, { '-o': 'out', '-f': 'format' });
    if (typeof parsed === 'string') return usageError(parsed);
    if (!applySidecarLayout(parsed, io, 'export')) return 2;
    if (!parsed.values.has('format')) return usageError('--format is required (csv, jsonl, w3c or claimreview)');
    const format = choice<Format>(parsed, 'format', FORMATS);
    if (typeof format !== 'string') return usageError(format.error);
    for (const [option, only] of [['bom', 'csv'], ['strict', 'claimreview']] as const) {
      if (parsed.flags.has(option) && format !== only) return usageError(`--${option} applies to --format ${only} only`);
    }
    const base = parsed.values.get('base');
    if (base !== undefined && format !== 'w3c') return usageError('--base applies to --format w3c only');
    if (base !== undefined && !/^[A-Za-z][A-Za-z0-9+.-]*:\S*$/.test(base)) return usageError(`--base must be an absolute URL or URN, such as https://news.example/articles/; got '${base}'`);

    const input = await readTaggedArticles([...parsed.positional, ...parsed.afterDashes], io, 'export');
    if (input.usageError) return 2;
    const tags = input.articles.reduce((n, article) => n + article.tags.length, 0);
    if (input.sidecars === 0) io.stderr.write('news-annotator export: no sidecars (*.tags.yaml) found; the export is empty\n');

    let output: string;
    let incomplete = false;
    if (format === 'csv') output = toCsv(tagTable(input.articles), { bom: parsed.flags.has('bom') });
    else if (format === 'jsonl') output = toJsonLines(tagTable(input.articles));
    else if (format === 'w3c') output = `${JSON.stringify(buildW3cCollection(input.articles, { base }), null, 2)}\n`;
    else {
      const reviews = buildClaimReviews(input.articles);
      const strict = parsed.flags.has('strict');
      for (const entry of reviews.entries) incomplete = reportEntry(entry, strict, io) || incomplete;
      if (reviews.withoutVerdict > 0) io.stderr.write(`news-annotator export: ${reviews.withoutVerdict} tag${reviews.withoutVerdict === 1 ? ' has' : 's have'} no verdict yet and ${reviews.withoutVerdict === 1 ? 'is' : 'are'} not exported\n`);
      if (reviews.entries.length === 0 && input.sidecars > 0) io.stderr.write('news-annotator export: no tag has a verdict: no ClaimReview record to write\n');
      if (strict && incomplete) {
        io.stderr.write('news-annotator export: --strict: records are incomplete (above); nothing was written\n');
        return 1;
      }
      output = `${JSON.stringify(reviews.entries.map((entry) => entry.record), null, 2)}\n`;
    }

    const out = parsed.values.get('out');
    if (out === undefined) {
      io.stdout.write(output);
    } else {
      const written = writeOutput(out, output, io);
      if (written !== 0) return written;
      const records = format === 'claimreview' ? (JSON.parse(output) as unknown[]).length : tags;
      const what = `${records} ${format === 'claimreview' ? 'ClaimReview record' : 'tag'}${records === 1 ? '' : 's'}`;
      io.stderr.write(`news-annotator export: wrote ${what} from ${input.articles.length} article${input.articles.length === 1 ? '' : 's'} to ${displayPath(out)}\n`);
    }
    return input.skipped > 0 ? 1 : 0;
  },
};

/** Says what a ClaimReview record lacks; returns whether it lacks anything. */
function reportEntry(entry: ClaimReviewEntry, strict: boolean, io: Io): boolean {
  const where = `${entry.article}:${entry.line}: tag ${entry.tag.id}`;
  const level = strict ? 'error' : 'warning';
  for (const missing of entry.missingRequired) io.stderr.write(`${where}: ${level}: lacks required ${missing}\n`);
  for (const missing of entry.missingRecommended) io.stderr.write(`${where}: ${level}: lacks recommended ${missing}\n`);
  for (const warning of entry.warnings) io.stderr.write(`${where}: warning: ${warning}\n`);
  return entry.missingRequired.length > 0 || entry.missingRecommended.length > 0;
}

/**
 * Writes the export atomically, leaving a file that already holds it untouched, and never
 * replacing a file that is not text (an --out given by mistake).
 */
function writeOutput(out: string, text: string, io: Io): number {
  let expected: Uint8Array | undefined;
  if (fileExists(out)) {
    const current = readForUpdate(out);
    if (!current.ok) {
      const reason = current.problem === 'binary' || current.problem === 'encoding' ? `exists and is not a text export (${current.message}); choose another --out` : current.message;
      io.stderr.write(`news-annotator export: ${displayPath(out)}: ${reason}\n`);
      return 2;
    }
    if (Buffer.compare(current.bytes, Buffer.from(text, 'utf8')) === 0) return 0;
    expected = current.bytes;
  }
  try {
    replaceFile(out, text, expected);
    return 0;
  } catch (error) {
    io.stderr.write(`news-annotator export: ${displayPath(out)}: ${error instanceof FileChangedError ? error.message : `could not be written (${(error as Error).message})`}\n`);
    return 2;
  }
}
