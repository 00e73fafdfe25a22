/**
 * A byte stream cut into fixed-size chunks, for feeding recorded upstream bodies to decoders at
 * awkward boundaries (inside JSON, inside `data:` prefixes, inside multi-byte UTF-8 characters).
 */
export async function* chunkedBody(
  text: string | Uint8Array,
  chunkSize = Number.POSITIVE_INFINITY,
): AsyncIterable<Uint8Array> {
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
  const size = Math.max(1, Math.min(chunkSize, bytes.length || 1));
  for (let offset = 0; offset < bytes.length; offset += size) {
    yield bytes.subarray(offset, offset + size);
  }
}
