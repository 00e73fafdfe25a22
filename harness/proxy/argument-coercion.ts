/**
 * Tool arguments in the wrong JSON type (F13, F25): numbers and booleans sent as strings
 * (`"limit": "50"`, `"replace_all": "false"`), objects and arrays sent as JSON strings (Ollama's
 * /v1/messages for Qwen3.x and GLM), and whole arguments double-encoded as one JSON string.
 * Pure: the caller decides whether the coerced input is used (only when it validates).
 */
import { isRecord, tryParseJson } from '../core/json.ts';

/** One value turned into the type its schema declares. */
export interface CoercedField {
  /** Where the value sits: `limit`, `todos[0].priority`. */
  name: string;
  /** The JSON type it was turned into. */
  expected: string;
  /** The JSON type it was sent as. */
  got: string;
  /** The value as sent. */
  before: string;
  /** The value it became. */
  after: unknown;
}

/** The input with its values coerced, and which values changed. */
export interface Coercion {
  input: Record<string, unknown>;
  fields: CoercedField[];
}

type JsonObject = Record<string, unknown>;

const numberText = /^\s*-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/;
const booleanText = /^\s*(?:true|false)\s*$/i;

/**
 * `input` with every string value whose schema type is not `string` turned into that type when
 * the string reads as one (number, integer, boolean, or a JSON object/array); null when nothing
 * changed. Only `type`, `properties` and `items` are followed; other keywords are left to the
 * validator.
 */
export function coerceArguments(input: unknown, schema: unknown): Coercion | null {
  if (!isRecord(input)) return null;
  const fields: CoercedField[] = [];
  const coerced = coerceValue(input, schema, '', fields);
  return fields.length === 0 || !isRecord(coerced) ? null : { input: coerced, fields };
}

/** The object a double-encoded argument string holds (`"{\"a\": 1}"` → `{a: 1}`); null otherwise. */
export function decodeDoubleEncoded(input: unknown): JsonObject | null {
  if (typeof input !== 'string') return null;
  const decoded = tryParseJson(input);
  return decoded.ok && isRecord(decoded.value) ? decoded.value : null;
}

function coerceValue(value: unknown, schema: unknown, path: string, fields: CoercedField[]): unknown {
  if (!isRecord(schema)) return value;
  if (typeof value === 'string') {
    const converted = fromString(value, schemaTypes(schema));
    if (converted === null) return value;
    fields.push({ name: path, expected: converted.type, got: 'string', before: value, after: converted.value });
    return coerceValue(converted.value, schema, path, fields);
  }
  if (Array.isArray(value) && schema.items !== undefined) {
    return value.map((item, i) => coerceValue(item, schema.items, `${path}[${i}]`, fields));
  }
  if (isRecord(value) && isRecord(schema.properties)) {
    const properties = schema.properties;
    const out: JsonObject = {};
    for (const [key, item] of Object.entries(value)) {
      out[key] =
        key in properties ? coerceValue(item, properties[key], path === '' ? key : `${path}.${key}`, fields) : item;
    }
    return out;
  }
  return value;
}

function schemaTypes(schema: JsonObject): string[] {
  if (typeof schema.type === 'string') return [schema.type];
  if (Array.isArray(schema.type)) return schema.type.filter((type): type is string => typeof type === 'string');
  return [];
}

// The first declared type the text reads as; none when the schema allows a string (or says nothing).
function fromString(text: string, types: readonly string[]): { type: string; value: unknown } | null {
  if (types.length === 0 || types.includes('string')) return null;
  for (const type of types) {
    if ((type === 'number' || type === 'integer') && numberText.test(text)) {
      const number = Number(text);
      if (Number.isFinite(number) && (type === 'number' || Number.isInteger(number))) return { type, value: number };
    }
    if (type === 'boolean' && booleanText.test(text)) return { type, value: text.trim().toLowerCase() === 'true' };
    if (type === 'object' || type === 'array') {
      const parsed = tryParseJson(text);
      const value = parsed.ok ? parsed.value : undefined;
      if (type === 'object' ? isRecord(value) : Array.isArray(value)) return { type, value };
    }
  }
  return null;
}
