/**
 * Reading a sidecar for the review commands: its tags and problems, whether it is already
 * in canonical form, and (only when a command is going to change it) the editable file.
 */
import { SidecarFile, type ParseSidecarOptions, type Problem } from '../sidecar';
import type { Tag } from '../tags';
import { canonicalSidecar } from './canonical';
import { CanonicalCodec } from './codec';

export interface LoadedSidecar {
  /** The tags that read cleanly, sorted by position, as stored (not re-anchored). */
  readonly tags: Tag[];
  readonly problems: readonly Problem[];
  /** False when any problem is an error: the file must not be rewritten. */
  readonly writable: boolean;
  /** The `article` field, if it is a string. */
  readonly article: string | undefined;
  /** Whether the text is exactly what the extension would write for it (see canonical.ts). */
  isCanonical(): boolean;
  /** The file, editable in place (parsed on first call). */
  file(): SidecarFile;
}

/**
 * Reads a sidecar. Never throws. A file in canonical form with nothing to report (what the
 * extension writes, the common case by far) is read by the fast reader in codec.ts; any
 * other file by the full YAML parser, which reports every problem with its position.
 *
 * @param text - The sidecar's text (a leading BOM allowed)
 * @param codec - The fast reader; give the same one for many files of a run, so tag blocks
 *   they share (other versions of the same file) are read once
 */
export function loadSidecar(text: string, options: ParseSidecarOptions = {}, codec: CanonicalCodec = new CanonicalCodec()): LoadedSidecar {
  const fast = codec.read(text, options);
  if (fast) {
    let parsed: SidecarFile | undefined;
    return {
      tags: fast.tags,
      problems: [],
      writable: true,
      article: fast.article,
      isCanonical: () => true,
      file: () => (parsed ??= SidecarFile.parse(text, options)),
    };
  }
  const file = SidecarFile.parse(text, options);
  let canonical: boolean | undefined;
  return {
    tags: file.tags,
    problems: file.problems,
    writable: file.writable,
    article: file.article,
    isCanonical: () => {
      if (canonical === undefined) {
        const result = canonicalSidecar(text, options);
        canonical = result.ok && result.text === text;
      }
      return canonical;
    },
    file: () => file,
  };
}
