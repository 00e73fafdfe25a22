/**
 * Argument values that a format writes as bare text (Qwen3-Coder `<parameter=…>`, GLM
 * `<arg_value>`, DSML `string="false"`), typed by the offered tool's schema the way Ollama's
 * qwen3coder parser does (model/parsers/qwen3coder.go `parseTypedToolValue`): null first, then
 * boolean, integer, number, array, object; a string when nothing fits or no schema says otherwise.
 */
import { isRecord } from '../../core/json.ts';
import { parseJsonLenient } from './json-scan.ts';
import type { TextCallContext } from './types.ts';

/** The JSON-schema types declared for `param` of `tool` (union and anyOf flattened); empty when unknown. */
export function declaredTypes(ctx: TextCallContext, tool: string | null, param: string): string[] {
  if (tool === null) return [];
  const schema = ctx.inputSchemas?.[tool];
  if (!isRecord(schema) || !isRecord(schema.properties)) return [];
  const property = schema.properties[param];
  if (!isRecord(property)) return [];
  const variants = Array.isArray(property.anyOf) ? property.anyOf.filter(isRecord) : [property];
  return variants
    .flatMap((variant) => (Array.isArray(variant.type) ? variant.type : [variant.type]))
    .filter((type): type is string => typeof type === 'string');
}

/** `raw` as the first declared type it parses as; the string itself when none (or none declared). */
export function typedValue(raw: string, types: readonly string[]): unknown {
  if (types.length === 0 || (types.length === 1 && types[0] === 'string')) return raw;
  if (raw.toLowerCase() === 'null') return null;
  const trimmed = raw.trim();
  if (types.includes('boolean') && /^(?:true|false)$/i.test(trimmed)) return trimmed.toLowerCase() === 'true';
  if (types.includes('integer') && /^-?\d+$/.test(trimmed)) return Number(trimmed);
  if (types.includes('number') && trimmed !== '' && Number.isFinite(Number(trimmed))) return Number(trimmed);
  for (const structured of ['array', 'object'] as const) {
    if (!types.includes(structured)) continue;
    const parsed = parseJsonLenient(trimmed);
    if (parsed.ok && (structured === 'array' ? Array.isArray(parsed.value) : isRecord(parsed.value)))
      return parsed.value;
  }
  return raw;
}
