import * as os from 'node:os';
import * as path from 'node:path';
import { findConventions } from '../core/conventions';
import { groupBySource, planImport, readAnnotationFile, type ImportedAnnotation, type ImportPlan, type KindSource } from '../core/exchange';
import { short } from '../core/exchange/importTags';
import { isKindId } from '../core/kinds';
import { SidecarFile } from '../core/sidecar';
import { chooseAuthor, reanchorTags } from '../core/tags';
import { choice, parseArgs } from './args';
import { folderOf, nodeConventionsReader } from './conventionsReader';
import { applySidecarLayout, displayPath, FileChangedError, fileExists, LAYOUT_OPTIONS, LAYOUT_USAGE, readForUpdate, readTextFile, replaceFile, sidecarOf } from './files';
import { git } from './git';
import type { Io, Subcommand } from './run';

const FORMATS = ['w3c', 'hypothesis'] as const;
type Format = (typeof FORMATS)[number];

const USAGE = `Usage: news-annotator import FILE --format w3c|hypothesis [--article PATH] [options]

Reads annotations from FILE (a W3C Web Annotation collection, ours or another tool's, or a
Hypothesis API or client export) and adds each to the sidecar of the article it is about,
anchored as tags are after an outside edit: at its position when the quoted text is there,
else the same text where its context fits best, else a similar passage (marked fuzzy, for
a person to confirm), else it is reported as not found. Nothing is placed on a passage the
quote does not match. Ids are kept (derived, for annotations without one), comments in the
sidecar are kept, and importing the same file again adds nothing.

Options:
  --article PATH          the local article the annotations are about (needed when they
                          name a web page, as Hypothesis annotations do)
  --source URL            take only the annotations about this document, when FILE covers
                          several
  --base URL              w3c: the --base the export was made with
  --kind-from tag|purpose where a tag's kind comes from: the annotation's tags (by a kind's
                          id or label), or its motivation/purpose (assessing: claim,
                          questioning: speculation); otherwise every annotation is a claim
  --map NAME=KIND         map a tag or purpose to a kind (repeatable)
  --default-kind KIND     the kind of annotations nothing maps (default: claim)
  --author NAME           author of annotations that name none (default: git's user.name,
                          else the system user)
  --keep-unanchored       keep annotations whose text is not found, as orphan tags
  --dry-run               say what would be imported; write nothing
${LAYOUT_USAGE}

Exit code: 0 every annotation is now a tag (or already was), 1 some were not imported
(listed), 2 bad usage or a file that cannot be read or written: nothing was written.
`;

interface ArticlePlan {
  readonly article: string;
  readonly sidecar: string;
  readonly plan: ImportPlan;
  /** The sidecar as read, to add to in place; undefined when there is none yet. */
  readonly file: SidecarFile | undefined;
  readonly bytes: Uint8Array | undefined;
  readonly lineEnding: '\n' | '\r\n';
}

export const importCommand: Subcommand = {
  name: 'import',
  summary: 'add W3C Web Annotations or Hypothesis annotations to articles as tags',
  usage: USAGE,
  async run(args: string[], io: Io): Promise<number> {
    const usageError = (message: string): number => {
      io.stderr.write(`news-annotator import: ${message}\n\n${USAGE}`);
      return 2;
    };
    const fail = (message: string): number => {
      io.stderr.write(`news-annotator import: ${message}\n`);
      return 2;
    };
    const parsed = parseArgs(
      args,
      { format: 'value', article: 'value', source: 'value', base: 'value', 'kind-from': 'value', map: 'list', 'default-kind': 'value', author: 'value', 'keep-unanchored': 'flag', 'dry-run': 'flag', ...LAYOUT_OPTIONS },
      { '-f': 'format' },
    );
    if (typeof parsed === 'string') return usageError(parsed);
    if (!applySidecarLayout(parsed, io, 'import')) return 2;
    const files = [...parsed.positional, ...parsed.afterDashes];
    if (files.length !== 1) return usageError(files.length === 0 ? 'no FILE given' : 'give one FILE at a time');
    if (!parsed.values.has('format')) return usageError('--format is required (w3c or hypothesis)');
    const format = choice<Format>(parsed, 'format', FORMATS);
    if (typeof format !== 'string') return usageError(format.error);
    let kindFrom: KindSource | undefined;
    if (parsed.values.has('kind-from')) {
      const from = choice<KindSource>(parsed, 'kind-from', ['tag', 'purpose']);
      if (typeof from !== 'string') return usageError(from.error);
      kindFrom = from;
    }
    const kindMap: Record<string, string> = {};
    for (const entry of parsed.lists.get('map') ?? []) {
      const eq = entry.lastIndexOf('=');
      if (eq <= 0 || !isKindId(entry.slice(eq + 1).trim())) return usageError(`--map takes NAME=KIND with a kind id, e.g. --map fact-check=claim; got '${entry}'`);
      kindMap[entry.slice(0, eq).trim()] = entry.slice(eq + 1).trim();
    }
    const defaultKind = parsed.values.get('default-kind') ?? 'claim';
    if (!isKindId(defaultKind)) return usageError(`--default-kind must be a kind id such as claim; got '${defaultKind}'`);
    const articleOption = parsed.values.get('article');
    if (articleOption !== undefined && !fileExists(articleOption)) return fail(`${articleOption}: no such article`);

    const [file] = files;
    const read = readTextFile(file);
    if (!read.ok) return fail(`${displayPath(file)}: ${read.message}`);
    const annotations = readAnnotationFile(read.text, format);
    if (!annotations.ok) return fail(`${displayPath(file)}: ${annotations.error}`);
    if (annotations.annotations.length === 0) {
      io.stdout.write(`${displayPath(file)} holds no annotations; nothing to import.\n`);
      return 0;
    }
    const grouped = groupBySource(annotations.annotations, { article: articleOption === undefined ? undefined : displayPath(articleOption), source: parsed.values.get('source'), base: parsed.values.get('base') });
    if ('error' in grouped) return fail(`${displayPath(file)}: ${grouped.error}`);

    const author = parsed.values.get('author')?.trim() || defaultAuthor();
    const report: string[] = [];
    const notImported = (annotation: ImportedAnnotation, message: string): void => {
      report.push(`${displayPath(file)}: annotation ${annotation.index}${annotation.sourceId ? ` [${annotation.sourceId}]` : ''}: ${message}`);
    };
    let missed = 0;
    for (const { annotation, reason } of grouped.elsewhere) {
      notImported(annotation, `not imported: ${reason}.`);
      missed++;
    }
    const plans: ArticlePlan[] = [];
    for (const [article, group] of grouped.byArticle) {
      if (!fileExists(article)) {
        for (const annotation of group) notImported(annotation, `not imported: its article, ${article}, is not in this folder.`);
        missed += group.length;
        continue;
      }
      const prepared = await prepare(article, group, { kindFrom, kindMap, defaultKind, author, keepUnanchored: parsed.flags.has('keep-unanchored') });
      if (typeof prepared === 'string') return fail(`${prepared}; nothing was imported`);
      plans.push(prepared);
    }

    const dryRun = parsed.flags.has('dry-run');
    const unmapped = new Map<string, number>();
    const summaries: string[] = [];
    for (const { article, sidecar, plan } of plans) {
      for (const result of plan.results) {
        const tag = result.tag;
        if (tag && (result.outcome === 'anchored' || result.outcome === 'fuzzy' || result.outcome === 'orphan')) {
          const how = result.outcome === 'fuzzy' ? `, fuzzy (a similar passage, match ${(tag.score ?? 0).toFixed(2)}: confirm it)` : result.outcome === 'orphan' ? ', orphan (its text is not in the article)' : '';
          report.push(`${article}:${tag.anchor.line + 1}: ${tag.kind}${how} ${short(tag.anchor.exact)} [${tag.id}]`);
        } else if (result.outcome !== 'exists' && result.outcome !== 'duplicate') {
          notImported(result.annotation, result.message);
          missed++;
        }
      }
      for (const [name, n] of plan.unmapped) unmapped.set(name, (unmapped.get(name) ?? 0) + n);
      const count = (...outcomes: string[]): number => plan.results.filter((r) => outcomes.includes(r.outcome)).length;
      const added = [
        [count('anchored'), 'anchored'],
        [count('fuzzy'), 'fuzzy, to confirm'],
        [count('orphan'), 'orphaned'],
      ].filter(([n]) => n !== 0).map(([n, what]) => `${n} ${what}`);
      const parts = [
        `${plan.added.length} ${dryRun ? 'to add' : 'added'}${added.length > 0 ? ` (${added.join(', ')})` : ''}`,
        ...(count('exists', 'duplicate') ? [`${count('exists', 'duplicate')} already there`] : []),
        ...(count('not-found', 'unusable', 'id-taken') ? [`${count('not-found', 'unusable', 'id-taken')} not imported`] : []),
      ];
      summaries.push(`${displayPath(sidecar)}: ${parts.join(', ')}.`);
    }
    if (unmapped.size > 0) {
      const list = [...unmapped].map(([name, n]) => `${name} (${n})`).join(', ');
      report.push(kindFrom === undefined ? `Tags not used for kinds (every annotation became a ${defaultKind}): ${list}; use --kind-from tag to map them.` : `Tags that name no kind (tagged ${defaultKind}): ${list}; map them with --map NAME=KIND.`);
    }

    if (!dryRun) {
      for (const plan of plans) {
        const written = writePlan(plan);
        if (written !== undefined) {
          io.stdout.write(`${report.join('\n')}\n`);
          return fail(`${displayPath(plan.sidecar)}: ${written}`);
        }
      }
    }
    io.stdout.write(`${[...report, ...summaries].join('\n')}\n`);
    return missed > 0 ? 1 : 0;
  },
};

interface PrepareOptions {
  readonly kindFrom: KindSource | undefined;
  readonly kindMap: Readonly<Record<string, string>>;
  readonly defaultKind: string;
  readonly author: string;
  readonly keepUnanchored: boolean;
}

/** Reads one article, its sidecar and its conventions, and plans the import; a message when it cannot. */
async function prepare(article: string, annotations: readonly ImportedAnnotation[], options: PrepareOptions): Promise<ArticlePlan | string> {
  const shown = displayPath(article);
  const text = readTextFile(article);
  if (!text.ok) return `${shown}: ${text.message}`;
  const loaded = await findConventions(folderOf(article), nodeConventionsReader);
  if (!loaded.ok) {
    const first = loaded.problems.find((p) => p.severity === 'error')!;
    return `${displayPath(first.file)}:${first.line + 1}:${first.column + 1}: ${first.message}`;
  }
  const kinds = loaded.conventions.kinds;
  for (const kind of [options.defaultKind, ...Object.values(options.kindMap)]) {
    if (!kinds.has(kind)) return `the kind "${kind}" is not one of ${shown}'s kinds (${kinds.ids().join(', ')})`;
  }
  const sidecar = sidecarOf(article);
  let file: SidecarFile | undefined;
  let bytes: Uint8Array | undefined;
  if (fileExists(sidecar)) {
    const current = readForUpdate(sidecar);
    if (!current.ok) return `${displayPath(sidecar)}: ${current.message}`;
    file = SidecarFile.parse(current.text, { kinds, articleName: path.basename(article), articleLength: text.text.length });
    if (!file.writable) {
      const first = file.problems.find((p) => p.severity === 'error')!;
      return `${displayPath(sidecar)}:${first.line + 1}:${first.column + 1}: ${first.message} (the sidecar has errors and is never rewritten until they are fixed)`;
    }
    bytes = current.bytes;
  }
  const existing = file ? reanchorTags(file.tags, text.text) : [];
  const plan = planImport(text.text, existing, annotations, { kinds, kindFrom: options.kindFrom, kindMap: options.kindMap, defaultKind: options.defaultKind, author: options.author, keepUnanchored: options.keepUnanchored });
  return { article: shown, sidecar, plan, file, bytes, lineEnding: text.text.includes('\r\n') ? '\r\n' : '\n' };
}

/** Adds the planned tags to the sidecar through the sidecar code and replaces it atomically; a message on failure. */
function writePlan(plan: ArticlePlan): string | undefined {
  if (plan.plan.added.length === 0) return undefined;
  let text: string;
  if (plan.file) {
    for (const tag of plan.plan.added) plan.file.add(tag);
    text = plan.file.toString();
  } else {
    text = SidecarFile.create({ article: path.basename(plan.article), tags: plan.plan.added, lineEnding: plan.lineEnding }).toString();
  }
  try {
    replaceFile(plan.sidecar, text, plan.bytes);
    return undefined;
  } catch (error) {
    return error instanceof FileChangedError ? error.message : `could not be written (${(error as Error).message})`;
  }
}

/** Who is importing, when the annotations do not say who made them: git's user.name, else the system user. */
function defaultAuthor(): string {
  let gitUserName: string | undefined;
  try {
    gitUserName = git(['config', 'user.name'], process.cwd()).toString('utf8').trim();
  } catch {
    gitUserName = undefined;
  }
  let osUserName: string | undefined;
  try {
    osUserName = os.userInfo().username;
  } catch {
    osUserName = undefined;
  }
  return chooseAuthor({ gitUserName, osUserName });
}
