import * as fs from 'node:fs';

/** Why a file could not be read as text. */
export type ReadTextProblem = 'missing' | 'directory' | 'binary' | 'encoding' | 'unreadable';

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
  let bytes: Buffer;
  try {
    if (fs.statSync(path).isDirectory()) return { ok: false, problem: 'directory', message: 'is a directory, not a text file' };
    bytes = fs.readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { ok: false, problem: 'missing', message: 'no such file' };
    if (code === 'EISDIR') return { ok: false, problem: 'directory', message: 'is a directory, not a text file' };
    return { ok: false, problem: 'unreadable', message: `cannot be read (${code ?? (error as Error).message})` };
  }
  return decodeText(bytes);
}

/**
 * Decodes bytes as strict UTF-8 (see `readTextFile`).
 *
 * @param bytes - The file's content
 */
export function decodeText(bytes: Uint8Array): ReadTextResult {
  const nul = bytes.indexOf(0);
  if (nul >= 0) return { ok: false, problem: 'binary', message: `looks binary (a NUL byte at offset ${nul}), not text` };
  try {
    // The decoder drops a leading byte order mark itself (ignoreBOM is false).
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { ok: false, problem: 'encoding', message: `is not valid UTF-8 (first bad byte at offset ${firstInvalidByte(bytes)})` };
  }
}

/** Offset of the first byte that breaks UTF-8, for the error message. */
function firstInvalidByte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    let length: number;
    let min: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) {
      length = 2;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      length = 3;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      length = 4;
      min = 0x10000;
    } else {
      return i;
    }
    if (i + length > bytes.length) return i;
    let code = b & (0xff >> (length + 1));
    for (let k = 1; k < length; k++) {
      const next = bytes[i + k];
      if ((next & 0xc0) !== 0x80) return i;
      code = (code << 6) | (next & 0x3f);
    }
    if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return i;
    i += length;
  }
  return bytes.length;
}
