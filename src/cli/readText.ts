import * as fs from 'node:fs';
import { decodeUtf8, type DecodeProblem } from '../core/utf8';

/** Why a file could not be read as text. */
export type ReadTextProblem = 'missing' | 'directory' | 'unreadable' | DecodeProblem;

/** A file read as text, or why it could not be. */
export type ReadTextResult =
  | { ok: true; text: string }
  | { ok: false; problem: ReadTextProblem; message: string };

/**
 * Reads a file as strict UTF-8: a directory, a file with NUL bytes (binary) or bytes that
 * are not valid UTF-8 are refused with a message that says which, rather than decoded with
 * replacement characters whose offsets would not match the file. A byte order mark is
 * removed; line endings are kept as they are.
 *
 * @param path - The file to read
 */
export function readTextFile(path: string): ReadTextResult {
  const read = readFileBytes(path);
  return read.ok ? decodeText(read.bytes) : read;
}

/**
 * Reads a file's bytes, refusing a directory, with the reasons `readTextFile` gives.
 *
 * @param path - The file to read
 */
export function readFileBytes(path: string): { ok: true; bytes: Buffer } | Extract<ReadTextResult, { ok: false }> {
  try {
    if (fs.statSync(path).isDirectory()) return { ok: false, problem: 'directory', message: 'is a directory, not a text file' };
    return { ok: true, bytes: fs.readFileSync(path) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { ok: false, problem: 'missing', message: 'no such file' };
    if (code === 'EISDIR') return { ok: false, problem: 'directory', message: 'is a directory, not a text file' };
    return { ok: false, problem: 'unreadable', message: `cannot be read (${code ?? (error as Error).message})` };
  }
}

/**
 * Decodes bytes as strict UTF-8 (see `readTextFile`), dropping a byte order mark.
 *
 * @param bytes - The file's content
 */
export function decodeText(bytes: Uint8Array): ReadTextResult {
  return decodeUtf8(bytes);
}
