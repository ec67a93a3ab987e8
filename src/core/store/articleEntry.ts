/**
 * One article as the store holds it: its {@link ArticleState}, where its sidecar is, and the
 * disk work on both, run one piece at a time in order. The file system comes in as
 * {@link StoreFiles}, so every step here runs in plain Node under test; the editor adapter
 * adds only timers, events and messages.
 */
import type { ArticleState, ReloadOutcome } from './articleState';
import { errorMessage, readArticle, readSidecar, writeSidecar, type SidecarWriteIo, type StoreFiles, type WriteResult } from './sidecarIo';

/** What a reload found: a {@link ReloadOutcome}, or article and sidecar both gone. */
export type EntryReload = ReloadOutcome | { readonly kind: 'gone' };

export class ArticleEntry<U> {
  /** Set once the first load is under way. */
  ready: Promise<void> | undefined;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    public article: U,
    /** Where the sidecar is under the settings; undefined when the article can have none. */
    public sidecar: U | undefined,
    readonly state: ArticleState,
    private readonly files: StoreFiles<U>,
  ) {}

  /** Runs disk work after what is already queued; a failure never blocks the queue. */
  enqueue<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work);
    this.queue = next.then(
      () => undefined,
      () => undefined,
    );
    return next;
  }

  /**
   * Reads the sidecar and anchors its tags in the article as it is now (the open document's
   * text if open). Whatever fails, the sidecar is taken as not read fully, so it is
   * read-only and never overwritten as if empty. Returns why the load failed, if it did.
   * Call it through {@link enqueue}.
   */
  async load(): Promise<string | undefined> {
    try {
      const sidecar = await readSidecar(this.files, this.sidecar);
      // The article is read last: an open document's text is taken synchronously, so no
      // edit can slip in between taking it and anchoring the tags in it.
      this.state.load(sidecar, await readArticle(this.files, this.article));
      return undefined;
    } catch (error) {
      this.state.load({ kind: 'unreadable', reason: errorMessage(error) }, { kind: 'missing' });
      return errorMessage(error);
    }
  }

  /**
   * Reads the sidecar again after it changed on disk, and the article too (a checkout may
   * have changed both) unless it is open. `gone` when neither is left. Call it through
   * {@link enqueue}.
   */
  async reload(): Promise<EntryReload> {
    const sidecar = await readSidecar(this.files, this.sidecar);
    if (sidecar.kind === 'absent' && this.state.article === 'missing' && !this.files.isUntitled(this.article)) return { kind: 'gone' };
    return this.state.reload(sidecar, await readArticle(this.files, this.article));
  }

  /**
   * The sidecar now belongs at `next` (the location setting changed): reads it from there.
   * Undefined when it is where it was. Call it through {@link enqueue}.
   */
  async relocate(next: U | undefined, same: (a: U | undefined, b: U | undefined) => boolean): Promise<ReloadOutcome | undefined> {
    if (same(next, this.sidecar)) return undefined;
    this.sidecar = next;
    return this.state.relocate(next !== undefined, await readSidecar(this.files, next), await readArticle(this.files, this.article));
  }

  /** The document was closed with unsaved edits: the tags are found again in the file. Call it through {@link enqueue}. */
  async closedWithoutSaving(): Promise<void> {
    this.state.closedWithoutSaving(await readArticle(this.files, this.article));
  }

  /** Writes the tags to the sidecar (see {@link writeSidecar}); `io` says how to replace the file. Call it through {@link enqueue}. */
  async write(io: Pick<SidecarWriteIo, 'replace' | 'createdMeanwhile' | 'reloaded'>): Promise<WriteResult> {
    if (this.sidecar === undefined) return { kind: 'nothing' };
    const sidecar = this.sidecar;
    return writeSidecar(this.state, {
      readArticle: () => readArticle(this.files, this.article),
      readSidecar: () => readSidecar(this.files, sidecar),
      ...io,
    });
  }
}
