/**
 * The store's file work, over a file system it is given: how an article's text and its
 * sidecar are read, and how a sidecar is written without ever replacing what another
 * writer put there. The editor adapter (src/vscode/sidecarStore.ts) passes in
 * `vscode.workspace.fs` and the open documents; the unit tests pass an in-memory one.
 */
import { decodeUtf8, encodeUtf8 } from '../utf8';
import type { ArticleRead, ArticleState, ReloadOutcome, SidecarRead, WritePlan } from './articleState';

/** What the store needs of a file system, for files named by `U` (a URI). */
export interface StoreFiles<U> {
  readFile(uri: U): Promise<Uint8Array>;
  /** The text of the document open in the editor at `uri` (with its unsaved edits), if one is. */
  openText(uri: U): string | undefined;
  /** A document that has never been saved: it has no file. */
  isUntitled(uri: U): boolean;
}

/**
 * The article's text as the tags must see it: the open document's if it is open, else the
 * file's, decoded strictly as UTF-8 without its byte order mark, as the editor shows it.
 * This is the one place that chooses between the two.
 */
export async function readArticle<U>(files: StoreFiles<U>, article: U): Promise<ArticleRead> {
  const open = files.openText(article);
  if (open !== undefined) return { kind: 'text', text: open };
  if (files.isUntitled(article)) return { kind: 'text', text: '' };
  let bytes: Uint8Array;
  try {
    bytes = await files.readFile(article);
  } catch (error) {
    if (isMissingFile(error)) return { kind: 'missing' };
    return { kind: 'unreadable', reason: errorMessage(error) };
  }
  // The document may have been opened while the file was read: its text wins.
  const opened = files.openText(article);
  if (opened !== undefined) return { kind: 'text', text: opened };
  const decoded = decodeUtf8(bytes);
  return decoded.ok ? { kind: 'text', text: decoded.text } : { kind: 'unreadable', reason: `the article ${decoded.message}` };
}

/**
 * The sidecar as it is on disk: its text (strict UTF-8, a byte order mark kept so that it is
 * written back), nothing, or why it could not be read. A sidecar that exists but cannot be
 * read is never mistaken for a missing one.
 */
export async function readSidecar<U>(files: StoreFiles<U>, sidecar: U | undefined): Promise<SidecarRead> {
  if (sidecar === undefined) return { kind: 'absent' };
  let bytes: Uint8Array;
  try {
    bytes = await files.readFile(sidecar);
  } catch (error) {
    if (isMissingFile(error)) return { kind: 'absent' };
    return { kind: 'unreadable', reason: errorMessage(error) };
  }
  const decoded = decodeUtf8(bytes, { keepBom: true });
  return decoded.ok ? { kind: 'text', text: decoded.text } : { kind: 'unreadable', reason: `it ${decoded.message}` };
}

/** What replacing a file needs of a file system. */
export interface ReplaceFiles<U> {
  /** Why writing `uri` would land outside its workspace folder (a symbolic link), or undefined. */
  outsideWorkspace(uri: U): Promise<string | undefined>;
  /** Creates the folder `uri` is to be in, with its parents. */
  createParent(uri: U): Promise<void>;
  /** A new, unused name in the folder of `uri`, for a temporary file. */
  temporaryBeside(uri: U): U;
  writeFile(uri: U, content: Uint8Array): Promise<void>;
  rename(from: U, to: U, overwrite: boolean): Promise<void>;
  delete(uri: U): Promise<void>;
}

/**
 * Replaces `target` by `text` (UTF-8): written to a temporary file beside it, then renamed
 * over it, so a reader never sees half a file. With `overwrite` false the rename fails if a
 * file appeared at `target` meanwhile, so one created by someone else is never replaced.
 * Nothing is written where the target leads out of the workspace, and the temporary file is
 * removed when the rename fails.
 */
export async function replaceFile<U>(files: ReplaceFiles<U>, target: U, text: string, overwrite: boolean): Promise<void> {
  const outside = await files.outsideWorkspace(target);
  if (outside) throw new Error(`${outside}; News Annotator writes sidecars only inside the workspace folder`);
  await files.createParent(target);
  const temp = files.temporaryBeside(target);
  await files.writeFile(temp, encodeUtf8(text));
  try {
    await files.rename(temp, target, overwrite);
  } catch (error) {
    await files.delete(temp).then(undefined, () => undefined);
    throw error;
  }
}

/** How one write is carried out for {@link writeSidecar}. */
export interface SidecarWriteIo {
  readArticle(): Promise<ArticleRead>;
  readSidecar(): Promise<SidecarRead>;
  /**
   * Replaces the sidecar by `plan.output` (atomically: a temporary file renamed over it),
   * overwriting only when `plan.expected` is defined; throws if it cannot.
   */
  replace(plan: WritePlan): Promise<void>;
  /** Whether `replace` failed because a new sidecar was created by someone else meanwhile. */
  createdMeanwhile(error: unknown): boolean;
  /** The sidecar had changed on disk and was read again (merged by tag id): log and tell. */
  reloaded(outcome: ReloadOutcome): void;
}

export type WriteResult = { readonly kind: 'nothing' } | { readonly kind: 'written' } | { readonly kind: 'failed'; readonly reason: string };

/**
 * How often a write re-reads and merges when the sidecar keeps changing under it before
 * giving up for now (the changes stay pending and go out with the next write).
 */
export const WRITE_ATTEMPTS = 3;

/**
 * Writes the state's tags: plans the text, then, just before replacing the file, reads it
 * again and compares it with what the plan started from. If another writer changed it
 * meanwhile (a second window, a checkout, the command line), the plan is abandoned, the file
 * reloaded into the state (merged by tag id) and the write planned again. Nothing is ever
 * dropped: a failed or given-up write leaves the changes pending in the state.
 */
export async function writeSidecar(state: ArticleState, io: SidecarWriteIo, attempts = WRITE_ATTEMPTS): Promise<WriteResult> {
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const plan = state.planWrite(await io.readArticle());
    if (!plan) return { kind: 'nothing' };
    const now = await io.readSidecar();
    if (!holds(now, plan.expected)) {
      state.abandon(plan);
      io.reloaded(state.reload(now, await io.readArticle()));
      continue;
    }
    try {
      await io.replace(plan);
    } catch (error) {
      if (io.createdMeanwhile(error) && attempt < attempts) {
        // Created by someone else since we looked: read it and merge on the next attempt.
        state.abandon(plan);
        continue;
      }
      state.writeFailed(plan, errorMessage(error));
      return { kind: 'failed', reason: errorMessage(error) };
    }
    state.written(plan);
    return { kind: 'written' };
  }
  const plan = state.planWrite(await io.readArticle());
  if (!plan) return { kind: 'nothing' };
  const reason = 'the sidecar kept changing on disk while News Annotator was writing it';
  state.writeFailed(plan, reason);
  return { kind: 'failed', reason };
}

/** Whether the sidecar as read now is the text a write was planned from. */
function holds(now: SidecarRead, expected: string | undefined): boolean {
  return expected === undefined ? now.kind === 'absent' : now.kind === 'text' && now.text === expected;
}

/**
 * Where tag changes that cannot be written to `sidecarPath` are saved aside for a person to
 * merge by hand: `<sidecar>.unsaved-<UTC time>.yaml` beside it, a name that never ends in
 * the sidecar suffix, so it is never read as a sidecar.
 */
export function unsavedCopyPath(sidecarPath: string, now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `${sidecarPath.replace(/\.yaml$/, '')}.unsaved-${stamp}.yaml`;
}

/** Nothing there, or a file where a folder on the way should be: no file to read. */
export function isMissingFile(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return code === 'FileNotFound' || code === 'EntryNotFound' || code === 'FileNotADirectory' || code === 'EntryNotADirectory' || code === 'ENOENT' || code === 'ENOTDIR';
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
