/**
 * UTF-8 that keeps invalid bytes: each byte that is not part of a valid sequence is read as a lone
 * surrogate (U+DC80 to U+DCFF) and written back as that byte, so text read from a file or a file name
 * goes back to the same bytes.
 */

/** UTF-8 decoding where each byte that is not part of a valid sequence becomes U+DC00 + byte. */
export function decodeUtf8Escaping(bytes: Buffer): string {
  const parts: string[] = [];
  let i = 0;
  while (i < bytes.length) {
    const length = validSequenceLength(bytes, i);
    if (length === 0) {
      parts.push(String.fromCharCode(0xdc00 + bytes[i]));
      i++;
      continue;
    }
    // Take the longest run of valid sequences at once.
    let end = i + length;
    for (let next = validSequenceLength(bytes, end); next > 0; next = validSequenceLength(bytes, end)) end += next;
    parts.push(bytes.toString('utf8', i, end));
    i = end;
  }
  return parts.join('');
}

/** The length of the valid UTF-8 sequence starting at `i` (1 to 4), or 0. */
function validSequenceLength(bytes: Buffer, i: number): number {
  if (i >= bytes.length) return 0;
  const b0 = bytes[i];
  if (b0 < 0x80) return 1;
  const cont = (k: number, low = 0x80, high = 0xbf) =>
    i + k < bytes.length && bytes[i + k] >= low && bytes[i + k] <= high;
  if (b0 >= 0xc2 && b0 <= 0xdf) return cont(1) ? 2 : 0;
  if (b0 === 0xe0) return cont(1, 0xa0) && cont(2) ? 3 : 0;
  if ((b0 >= 0xe1 && b0 <= 0xec) || b0 === 0xee || b0 === 0xef) return cont(1) && cont(2) ? 3 : 0;
  if (b0 === 0xed) return cont(1, 0x80, 0x9f) && cont(2) ? 3 : 0;
  if (b0 === 0xf0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (b0 >= 0xf1 && b0 <= 0xf3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (b0 === 0xf4) return cont(1, 0x80, 0x8f) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}

/** The inverse of `decodeUtf8Escaping`: lone surrogates U+DC80 to U+DCFF become the bytes they stand for. */
export function encodeUtf8Escaped(text: string): Buffer {
  const parts: Buffer[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0xdc80 || code > 0xdcff) continue;
    // A low surrogate right after a high one is half of a real character, not an escaped byte.
    const previous = i > 0 ? text.charCodeAt(i - 1) : 0;
    if (previous >= 0xd800 && previous <= 0xdbff) continue;
    parts.push(Buffer.from(text.slice(start, i), 'utf8'), Buffer.from([code - 0xdc00]));
    start = i + 1;
  }
  parts.push(Buffer.from(text.slice(start), 'utf8'));
  return Buffer.concat(parts);
}
