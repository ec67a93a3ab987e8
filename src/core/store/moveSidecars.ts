/**
 * Moving sidecars to where the location setting says, over a file system the caller gives.
 * Never overwrites (a sidecar already at the new place keeps both files as they are), never
 * leaves the workspace, and never stalls: a move that does not finish in time (a remote file
 * system that stopped answering) is reported and the others go on.
 */

/** A sidecar that sits where the location setting no longer looks, and where it belongs. */
export interface Relocation<U> {
  readonly from: U;
  readonly to: U;
}

export interface MoveResult<U> {
  readonly moved: Array<Relocation<U>>;
  /** Left where they were: a sidecar is already at the new place. */
  readonly kept: Array<Relocation<U>>;
  readonly failed: Array<Relocation<U> & { readonly reason: string }>;
}

/** The file work one move needs. */
export interface MoveFiles<U> {
  exists(uri: U): Promise<boolean>;
  /** Why writing `uri` would land outside its workspace folder (a symbolic link), or undefined. */
  outsideWorkspace(uri: U): Promise<string | undefined>;
  /** Creates the folder `uri` is to be in, with its parents. */
  createParent(uri: U): Promise<void>;
  /** Renames without overwriting: fails if `to` exists. */
  rename(from: U, to: U): Promise<void>;
}

/** How long one move may take before it is reported and the next one starts. */
export const MOVE_TIMEOUT_MS = 15_000;

/** Moves each sidecar to its place, one after another, and says what became of each. */
export async function moveSidecars<U>(relocations: ReadonlyArray<Relocation<U>>, files: MoveFiles<U>, timeoutMs = MOVE_TIMEOUT_MS): Promise<MoveResult<U>> {
  const result: MoveResult<U> = { moved: [], kept: [], failed: [] };
  for (const relocation of relocations) {
    try {
      const outcome = await within(moveSidecar(relocation, files), timeoutMs);
      if (outcome === 'timeout') {
        result.failed.push({ ...relocation, reason: `the file system did not answer within ${Math.round(timeoutMs / 1000)} s; the sidecar may still be moved: check both places` });
      } else if (outcome === 'kept') {
        result.kept.push(relocation);
      } else {
        result.moved.push(relocation);
      }
    } catch (error) {
      result.failed.push({ ...relocation, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  return result;
}

/**
 * Moves one sidecar: `kept` (nothing done) when a file is already at the new place; throws
 * when the new place leads out of the workspace or the rename fails.
 */
export async function moveSidecar<U>(relocation: Relocation<U>, files: MoveFiles<U>): Promise<'moved' | 'kept'> {
  if (await files.exists(relocation.to)) return 'kept';
  const outside = await files.outsideWorkspace(relocation.to);
  if (outside) throw new Error(`${outside}; News Annotator moves sidecars only inside the workspace folder`);
  await files.createParent(relocation.to);
  await files.rename(relocation.from, relocation.to);
  return 'moved';
}

/** The work's outcome, or 'timeout' if it has not settled within `ms`; its failure is thrown. */
function within<T>(work: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
