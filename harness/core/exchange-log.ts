/**
 * The on-disk form of exchange records (JSONL). Claude Code sends its whole ~50 KB system prompt
 * and tool list, and the whole conversation so far, with every request; written as is, a 4-turn
 * run takes ~230 KB and a long session grows with the square of its length. So each log stores a
 * large value once, as a blob line keyed by a hash of its JSON, and exchange lines refer to it:
 *
 *   {"type":"blob","hash":"3f2a…","value":[{"name":"Agent",…}]}
 *   {"id":"run-1-2",…,"request":{…,"body":{…,"tools":{"$blob":"3f2a…"}}}}
 *
 * Blobs: the request's `system` and `tools` whole, and every string of at least 512 characters anywhere
 * else in a record (message texts, tool inputs and results, the response). A blob of at
 * least 1 KB of JSON (the system prompt and tool list above all, which alone are most of a short
 * run's log) is stored compressed (brotli, base64 in `brotli`), so the exchange lines stay readable while
 * what repeats least costs least. A blob line always comes before the first line that refers to
 * it. Lines without references (older logs) and blobs written whole read the same.
 * `readExchanges` is the one way to read a log back into full records.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';
import { HarnessError } from './errors.ts';
import type { ExchangeRecord } from './exchange.ts';
import { isRecord } from './json.ts';

/** A value stored once per log: whole, or compressed when large. */
export type BlobLine = { type: 'blob'; hash: string; value: unknown } | { type: 'blob'; hash: string; brotli: string };

export interface ExchangeLogEncoder {
  /** The lines (each ending in a newline) that record `record`: blobs not yet written, then the exchange. */
  encode(record: ExchangeRecord): string;
}

/** Strings at least this long are stored once (shorter ones cost less than a reference). */
export const minBlobChars = 512;
/** Blobs whose JSON is at least this long are stored compressed. */
export const compressBlobChars = 1024;
const refKey = '$blob';
const literalKey = '$literal';

/** An encoder for one log file; it remembers which blobs the file already holds. */
export function createExchangeLogEncoder(): ExchangeLogEncoder {
  const written = new Set<string>();
  return {
    encode(record) {
      const blobs: string[] = [];
      const ref = (json: string): { [refKey]: string } => {
        const hash = createHash('sha256').update(json).digest('hex').slice(0, 32);
        if (!written.has(hash)) {
          written.add(hash);
          blobs.push(blobLine(hash, json));
        }
        return { [refKey]: hash };
      };
      const line = JSON.stringify(encodeRecord(record, ref));
      return `${blobs.join('')}${line}\n`;
    },
  };
}

function blobLine(hash: string, json: string): string {
  if (json.length < compressBlobChars) return `{"type":"blob","hash":"${hash}","value":${json}}\n`;
  const params = { [constants.BROTLI_PARAM_QUALITY]: 10, [constants.BROTLI_PARAM_SIZE_HINT]: json.length };
  const brotli = brotliCompressSync(json, { params }).toString('base64');
  return `{"type":"blob","hash":"${hash}","brotli":"${brotli}"}\n`;
}

/** The whole log text for `records` (a fresh encoder: every blob written once). */
export function encodeExchangeLog(records: readonly ExchangeRecord[]): string {
  const encoder = createExchangeLogEncoder();
  return records.map((record) => encoder.encode(record)).join('');
}

/** Full records from a log's text. Throws HarnessError REPORT_INVALID naming `source` and the line. */
export function decodeExchangeLog(text: string, source = 'exchange log'): ExchangeRecord[] {
  const blobs = new Map<string, unknown>();
  const records: ExchangeRecord[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    const where = `${source} line ${index + 1}`;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch (error) {
      throw new HarnessError('REPORT_INVALID', `${where} is not JSON (${(error as Error).message}).`);
    }
    if (isBlobLine(parsed)) blobs.set(parsed.hash, blobValue(parsed, where));
    else {
      const record = decodeValue(parsed, blobs, where);
      if (!isExchangeRecord(record))
        throw new HarnessError('REPORT_INVALID', `${where} is not an exchange record (no id, kind or request).`);
      records.push(record);
    }
  });
  return records;
}

/** Reads an exchange log (this format or the older one line per full record). */
export async function readExchanges(file: string): Promise<ExchangeRecord[]> {
  return decodeExchangeLog(await readFile(file, 'utf8'), file);
}

type Ref = (json: string) => { [refKey]: string };

function encodeRecord(record: ExchangeRecord, ref: Ref): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(record))
    out[key] = key === 'request' ? encodeRequest(item, ref) : encodeValue(item, ref);
  return out;
}

function encodeRequest(request: unknown, ref: Ref): unknown {
  if (!isRecord(request) || !isRecord(request.body)) return encodeValue(request, ref);
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(request))
    out[key] = key === 'body' ? encodeBody(request.body, ref) : encodeValue(item, ref);
  return out;
}

function encodeBody(body: Record<string, unknown>, ref: Ref): unknown {
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(body))
    out[key] = key === 'system' || key === 'tools' ? encodeWhole(item, ref) : encodeValue(item, ref);
  return isMarker(body) ? { [literalKey]: out } : out;
}

/** The request's system prompt and tool list: one blob each when large, whatever is inside. */
function encodeWhole(value: unknown, ref: Ref): unknown {
  const json = JSON.stringify(value) ?? 'null';
  return json.length >= minBlobChars ? ref(json) : encodeValue(value, ref);
}

function encodeValue(value: unknown, ref: Ref): unknown {
  if (typeof value === 'string') return value.length >= minBlobChars ? ref(JSON.stringify(value)) : value;
  if (Array.isArray(value)) return value.map((item) => encodeValue(item, ref));
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = encodeValue(item, ref);
  // An object that would read as a reference is wrapped, so reading gives it back unchanged.
  return isMarker(value) ? { [literalKey]: out } : out;
}

function decodeValue(value: unknown, blobs: ReadonlyMap<string, unknown>, where: string): unknown {
  if (Array.isArray(value)) return value.map((item) => decodeValue(item, blobs, where));
  if (!isRecord(value)) return value;
  if (isMarker(value)) {
    if (literalKey in value) return decodeFields(value[literalKey], blobs, where);
    const hash = value[refKey];
    if (typeof hash !== 'string' || !blobs.has(hash))
      throw new HarnessError('REPORT_INVALID', `${where} refers to blob ${String(hash)}, which no earlier line holds.`);
    return blobs.get(hash);
  }
  return decodeFields(value, blobs, where);
}

function decodeFields(value: unknown, blobs: ReadonlyMap<string, unknown>, where: string): unknown {
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = decodeValue(item, blobs, where);
  return out;
}

function isMarker(value: Record<string, unknown>): boolean {
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === refKey || keys[0] === literalKey);
}

function isBlobLine(value: unknown): value is BlobLine {
  if (!isRecord(value) || value.type !== 'blob' || typeof value.hash !== 'string') return false;
  return 'value' in value || typeof value.brotli === 'string';
}

function blobValue(line: BlobLine, where: string): unknown {
  if ('value' in line) return line.value;
  try {
    return JSON.parse(brotliDecompressSync(Buffer.from(line.brotli, 'base64')).toString('utf8'));
  } catch (error) {
    throw new HarnessError(
      'REPORT_INVALID',
      `${where} holds a compressed blob that does not decompress to JSON (${(error as Error).message}).`,
    );
  }
}

// The edge check: a record has at least its identity; the rest is as the proxy wrote it.
function isExchangeRecord(value: unknown): value is ExchangeRecord {
  return isRecord(value) && typeof value.id === 'string' && typeof value.kind === 'string' && isRecord(value.request);
}
