import type { TextCallContext } from './types.ts';

/** A name as written, cleaned, and the offered tool it stands for. */
export interface ResolvedToolName {
  name: string;
  rawName: string;
  offeredName: string | null;
}

/**
 * The tool name without what leaks into it: harmony tokens glued on (`manage_cart<|channel|>commentary`,
 * vLLM PR#35906), a `functions.` or `default_api.` namespace (harmony `to=functions.X`, Kimi
 * `functions.X:0`, Gemma `default_api.X`), a Kimi call index (`:0`), surrounding whitespace or quotes.
 */
export function cleanToolName(rawName: string): string {
  let name = rawName.trim();
  const token = name.search(/<\||<｜|<\/|<[a-z_]+\|>/);
  if (token > 0) name = name.slice(0, token);
  name = name.replace(/^["'`]+|["'`]+$/g, '').trim();
  name = name.replace(/:\d+$/, '');
  return name.replace(/^(?:functions|default_api)[.:]/, '');
}

/**
 * Cleans `rawName` and finds the offered tool it means: the name itself when offered, else
 * `ctx.mapToolName`. A trailing "json" glued on by a harmony `<|constrain|>json` whose token was
 * dropped (`shelljson`, llama.cpp PR#15158) is cut when only the shorter name maps.
 */
export function resolveToolName(rawName: string, ctx: TextCallContext): ResolvedToolName {
  const name = cleanToolName(rawName);
  const offered = offeredFor(name, ctx);
  if (offered !== null || !/.json$/i.test(name)) return { name, rawName, offeredName: offered };
  const unglued = name.slice(0, -'json'.length);
  const ungluedOffered = offeredFor(unglued, ctx);
  return ungluedOffered === null
    ? { name, rawName, offeredName: null }
    : { name: unglued, rawName, offeredName: ungluedOffered };
}

function offeredFor(name: string, ctx: TextCallContext): string | null {
  if (name === '') return null;
  if (ctx.offeredTools.includes(name)) return name;
  const mapped = ctx.mapToolName(name);
  return mapped !== null && ctx.offeredTools.includes(mapped) ? mapped : null;
}
