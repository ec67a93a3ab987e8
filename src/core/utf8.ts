/**
 * The one way text files are decoded, by the extension and the command line alike: strict
 * UTF-8. Bytes that are not valid UTF-8 are refused with the offset of the first bad one,
 * never replaced by U+FFFD: a replacement would shift every offset after it and, written
 * back, destroy what the file held.
 */

/** Why bytes could not be read as text. */
export type DecodeProblem = 'binary' | 'encoding';

/** Bytes read as text, or why they could not be. */
export type DecodeResult = { ok: true; text: string } | { ok: false; problem: DecodeProblem; message: string };

export interface DecodeOptions {
  /**
   * Keep a leading byte order mark as U+FEFF at the start of the text (for a file that is
   * written back and must keep it), instead of dropping it as editors do for the text they
   * show. Default false.
   */
  readonly keepBom?: boolean;
}

/**
 * Decodes bytes as strict UTF-8. A file with a NUL byte is taken to be binary, not text.
 * Line endings are kept as they are.
 *
 * @param bytes - The file's content
 */
export function decodeUtf8(bytes: Uint8Array, options: DecodeOptions = {}): DecodeResult {
  const nul = bytes.indexOf(0);
  if (nul >= 0) return { ok: false, problem: 'binary', message: `looks binary (a NUL byte at offset ${nul}), not text` };
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: options.keepBom === true }).decode(bytes) };
  } catch {
    return { ok: false, problem: 'encoding', message: `is not valid UTF-8 (first bad byte at offset ${firstInvalidByte(bytes)})` };
  }
}

/** Encodes text as UTF-8, as every file the extension writes is. */
export function encodeUtf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
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
