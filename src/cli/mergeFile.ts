import { CONFLICT_KEY, mergeTags, type MergeResult } from '../core/merge';
import { CanonicalCodec, type CanonicalReading } from '../core/review/codec';
import { excerpt } from '../core/review/text';
import { parseArgs } from './args';
import { FileChangedError, readForUpdate, replaceFile, type ReadForUpdate } from './files';
import type { Io, Subcommand } from './run';

const USAGE = `Usage: news-annotator merge-file BASE OURS THEIRS [--path NAME]

Three-way merge of one sidecar, as a git merge driver (git passes %O %A %B): merges the
tags of OURS and THEIRS by tag id, field by field, from their common ancestor BASE, and
writes the result into OURS.

  - a tag added or removed on one side is added or removed; both sides' additions are kept;
  - a tag changed on one side takes that change; different fields changed on the two sides
    both survive;
  - the same field changed to two different values is a conflict: OURS's value stays in the
    field and the three values are written under "${CONFLICT_KEY}:" in the tag's block, so
    the file stays valid YAML; \`news-annotator check\` and the editor report it there;
  - a tag removed on one side but changed on the other is kept, marked the same way.

No tag is ever dropped. If a side cannot be read (malformed YAML, not UTF-8), nothing is
written: OURS stays as it was and git reports the file as conflicted, with both sides
still available (git checkout --theirs PATH).

Options:
  --path NAME   the file's path in the repository (git's %P), for messages

Exit code: 0 merged cleanly, 1 conflicts marked (or a side unreadable: left for you),
2 bad usage or a missing file.
`;

export const mergeFile: Subcommand = {
  name: 'merge-file',
  summary: 'three-way merge of a sidecar by tag (a git merge driver)',
  usage: USAGE,
  async run(args: string[], io: Io): Promise<number> {
    const parsed = parseArgs(args, { path: 'value' });
    const fail = (message: string, code = 2): number => {
      io.stderr.write(`news-annotator merge-file: ${message}\n`);
      return code;
    };
    if (typeof parsed === 'string') return fail(`${parsed}\n\n${USAGE}`);
    const files = [...parsed.positional, ...parsed.afterDashes];
    if (files.length !== 3) return fail(`expected BASE OURS THEIRS, got ${files.length} file${files.length === 1 ? '' : 's'}\n\n${USAGE}`);
    const [basePath, oursPath, theirsPath] = files;
    const name = parsed.values.get('path') ?? oursPath;

    const read = [basePath, oursPath, theirsPath].map((file) => readForUpdate(file));
    for (const [i, result] of read.entries()) {
      if (!result.ok) return fail(`${name}: ${['base', 'ours', 'theirs'][i]} (${files[i]}) ${result.message}`, result.problem === 'missing' || result.problem === 'directory' ? 2 : 1);
    }
    const [baseText, oursText, theirsText] = read.map((result) => (result as ReadForUpdate).text);
    const oursBytes = (read[1] as ReadForUpdate).bytes;
    // One codec for the three sides: the tags they share (most of them) are read once.
    const codec = new CanonicalCodec();
    const fast = [baseText, oursText, theirsText].map((text) => codec.read(text));
    const result = fast[0] && fast[1] && fast[2] ? await mergeCanonical(fast[0], fast[1], fast[2], codec) : await mergeParsed([baseText, oursText, theirsText], codec, name);
    if (typeof result === 'string') return fail(result, 1);
    const { merged } = result;
    // The text read has no byte order mark (see readForUpdate); the file keeps the one it had.
    const bom = hasBom(oursBytes) ? '\ufeff' : '';
    const output = result.output.charCodeAt(0) === 0xfeff ? result.output : bom + result.output;
    if (output !== bom + oursText) {
      try {
        replaceFile(oursPath, output, oursBytes);
      } catch (error) {
        return fail(`${name}: ${error instanceof FileChangedError ? error.message : `could not be written (${(error as Error).message})`}`, 1);
      }
    }
    if (merged.conflicts.length === 0) return 0;
    io.stderr.write(describeConflicts(name, merged));
    return 1;
  },
};

interface Merged {
  readonly merged: MergeResult;
  /** The merged file's text. */
  readonly output: string;
}

/**
 * Three canonical sides (what the extension writes, by far the common case): merged and
 * written by the fast codec, without loading `yaml` (unless a conflict record has to be
 * written, which it leaves to `yaml`).
 */
async function mergeCanonical(base: CanonicalReading, ours: CanonicalReading, theirs: CanonicalReading, codec: CanonicalCodec): Promise<Merged> {
  const merged = mergeTags(base.tags, ours.tags, theirs.tags, { resolve: 'mark' });
  const sidecar = { article: ours.article, tags: merged.tags, lineEnding: ours.lineEnding, bom: false };
  const output = codec.write(sidecar) ?? (await import('../core/review/canonical.js')).writeCanonical(sidecar, codec);
  return { merged, output };
}

/**
 * Any other sides, read by the full parser: the merged file is in canonical form when ours
 * was as the extension writes it, else ours edited in place so its comments and layout stay.
 *
 * @returns the merge, or why it cannot be made (a side with errors)
 */
async function mergeParsed(texts: readonly string[], codec: CanonicalCodec, name: string): Promise<Merged | string> {
  const [{ loadSidecar }, { writeCanonical }] = await Promise.all([import('../core/review/load.js'), import('../core/review/canonical.js')]);
  const [base, ours, theirs] = texts.map((text) => loadSidecar(text, {}, codec));
  const broken = (['base', 'ours', 'theirs'] as const).filter((_, i) => ![base, ours, theirs][i].writable);
  if (broken.length > 0) {
    const problem = [base, ours, theirs].flatMap((side) => side.problems).find((p) => p.severity === 'error');
    return (
      `${name}: cannot merge by tag: ${broken.join(' and ')} ${broken.length > 1 ? 'have' : 'has'} errors${problem ? ` (line ${problem.line + 1}: ${problem.message})` : ''}. ` +
      `The file is left as ours and marked conflicted; fix it by hand (git checkout --theirs / --ours ${name} takes one side).`
    );
  }
  const merged = mergeTags(base.tags, ours.tags, theirs.tags, { resolve: 'mark' });
  const oursText = texts[1];
  // Ours as the extension writes it (the codec reads it, from the blocks it has read
  // already): written afresh. Anything else (comments, a layout of its own) is edited in
  // place, which keeps what it holds beside the tags, and does not parse it a second time
  // to find out whether it was canonical.
  if (codec.read(oursText) !== undefined) {
    const newline = oursText.indexOf('\n');
    const lineEnding = newline > 0 && oursText[newline - 1] === '\r' ? '\r\n' : '\n';
    return { merged, output: writeCanonical({ article: ours.article, tags: merged.tags, lineEnding }, codec) };
  }
  const file = ours.file();
  file.setTags(merged.tags);
  return { merged, output: file.toString() };
}

/** Whether a file's bytes start with a UTF-8 byte order mark. */
function hasBom(bytes: Uint8Array): boolean {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

function describeConflicts(name: string, merged: MergeResult): string {
  const byId = new Map(merged.tags.map((tag) => [tag.id, tag]));
  const lines = [`news-annotator merge-file: ${name}: ${merged.conflicts.length} tag${merged.conflicts.length === 1 ? '' : 's'} with a conflict, marked under "${CONFLICT_KEY}:" in the file:`];
  for (const id of merged.conflicts) {
    const tag = byId.get(id)!;
    const fields = merged.fieldConflicts.filter((c) => c.id === id).map((c) => c.field);
    const removal = merged.removals.find((r) => r.id === id);
    const what = [...(fields.length > 0 ? [`${fields.join(', ')} changed on both sides`] : []), ...(removal ? [`removed by ${removal.removedBy}, changed by the other side`] : [])];
    lines.push(`  ${id} “${excerpt(tag.anchor.exact, 60)}”: ${what.join('; ')}`);
  }
  lines.push(`Settle each one in the tag's fields, delete its "${CONFLICT_KEY}:" entry, then git add the file.`);
  return `${lines.join('\n')}\n`;
}

