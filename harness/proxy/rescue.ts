/**
 * The rescue's decision: given a model's tool call and the tools the request offered, find a
 * rewrite (tool name via alias table or normalisation, parameter names likewise, argument values
 * in the schema's JSON types, double-encoded arguments decoded) whose result validates against
 * the offered schema. Pure: same call, tools and tables, same answer.
 */

import type { RewriteRecord } from '../core/exchange.ts';
import type { ToolDefinition } from '../core/messages.ts';
import type { AliasMap, AliasTables } from './alias-tables.ts';
import { type Coercion, coerceArguments, decodeDoubleEncoded } from './argument-coercion.ts';
import { createSchemaValidator, type SchemaValidator } from './schema-validator.ts';

export interface ToolCallToRescue {
  name: string;
  input: unknown;
}

export interface RescueOutcome {
  /** The call to forward: rewritten, or the original when no rewrite validates. */
  call: ToolCallToRescue;
  /** Empty when the call is forwarded as the model sent it. */
  rewrites: RewriteRecord[];
  /** True when `call` names an offered tool and validates against its schema (rewritten or not). */
  valid: boolean;
}

/**
 * Decides how to forward one tool call. A rewrite is applied only when the rewritten call names
 * an offered tool and validates against its `input_schema`; otherwise the original is returned.
 * Tried in order: the call as sent; double-encoded arguments decoded; the tool name mapped;
 * parameter names mapped; string values coerced to the schema's types.
 */
export function rescueToolCall(
  call: ToolCallToRescue,
  offeredTools: readonly ToolDefinition[],
  tables: AliasTables,
  validator: SchemaValidator = createSchemaValidator(),
): RescueOutcome {
  const exact = offeredTools.find((tool) => tool.name === call.name);
  if (exact !== undefined && validator.check(exact.input_schema, call.input).valid) {
    return { call, rewrites: [], valid: true };
  }
  const decoded = decodeDoubleEncoded(call.input);
  const input = decoded ?? call.input;
  const decodeRewrites = decoded === null ? [] : [decodedRewrite(call.name, call.input, decoded)];
  const targets = exact !== undefined ? [exact] : offeredTargets(call.name, offeredTools, tables.tools);
  for (const tool of targets) {
    const fitted = fitToTool({ name: call.name, input }, tool, tables, validator);
    if (fitted !== null) return { call: fitted.call, rewrites: [...decodeRewrites, ...fitted.rewrites], valid: true };
  }
  return { call, rewrites: [], valid: false };
}

interface Fitted {
  call: ToolCallToRescue;
  rewrites: RewriteRecord[];
}

// The call as `tool`: its input as sent, then with parameter names mapped, then each with values
// coerced to the schema's types; the first that validates.
function fitToTool(
  call: ToolCallToRescue,
  tool: ToolDefinition,
  tables: AliasTables,
  validator: SchemaValidator,
): Fitted | null {
  const valid = (input: unknown): boolean => validator.check(tool.input_schema, input).valid;
  const nameRewrites: RewriteRecord[] = tool.name === call.name ? [] : [toolNameRewrite(call.name, tool.name)];
  const renamed = renameParams(call.input, tool, tables);
  const candidates: Array<{ input: unknown; rewrites: RewriteRecord[] }> = [{ input: call.input, rewrites: [] }];
  if (renamed !== null) candidates.push(renamed);
  const fitted = (input: unknown, rewrites: RewriteRecord[]): Fitted => ({
    call: { name: tool.name, input },
    rewrites: [...nameRewrites, ...rewrites],
  });
  for (const candidate of candidates) {
    if (valid(candidate.input)) return fitted(candidate.input, candidate.rewrites);
  }
  for (const candidate of candidates) {
    const coerced = coerceArguments(candidate.input, tool.input_schema);
    if (coerced !== null && valid(coerced.input)) {
      return fitted(coerced.input, [...candidate.rewrites, argumentTypeRewrite(tool.name, coerced)]);
    }
  }
  return null;
}

function toolNameRewrite(before: string, after: string): RewriteRecord {
  return {
    kind: 'tool_name',
    where: 'response',
    before,
    after,
    reason: `"${before}" is not an offered tool; "${after}" is its offered equivalent`,
  };
}

function decodedRewrite(tool: string, before: unknown, after: Record<string, unknown>): RewriteRecord {
  return {
    kind: 'argument_type',
    where: 'response',
    before,
    after,
    reason: `the arguments of ${tool} were a JSON string holding the object (double-encoded); decoded`,
  };
}

function argumentTypeRewrite(tool: string, coerced: Coercion): RewriteRecord {
  const names = coerced.fields.map((field) => `${field.name} (${field.expected})`).join(', ');
  return {
    kind: 'argument_type',
    where: 'response',
    before: Object.fromEntries(coerced.fields.map((field) => [field.name, field.before])),
    after: Object.fromEntries(coerced.fields.map((field) => [field.name, field.after])),
    reason: `${tool} takes ${names}; the values were sent as strings and converted to those types`,
  };
}

/** Lower case without `-`, `_`, spaces or dots: `write_file`, `writeFile`, `Write-File` → `writefile`. */
export function normaliseName(name: string): string {
  return name.toLowerCase().replace(/[-_\s.]/g, '');
}

// `functions.Write`, `default_api:write_file`, `tools/Read`: the part after the namespace.
function withoutNamespace(name: string): string {
  const cut = Math.max(name.lastIndexOf('.'), name.lastIndexOf(':'), name.lastIndexOf('/'));
  return cut === -1 ? name : name.slice(cut + 1);
}

/** Offered tools the name may mean, best first: same name up to spelling, then alias-table targets. */
export function offeredTargets<T extends { name: string }>(
  name: string,
  offeredTools: readonly T[],
  toolAliases: AliasMap,
): T[] {
  const spellings = new Set([normaliseName(name), normaliseName(withoutNamespace(name))]);
  const byNormalName = new Map(offeredTools.map((tool) => [normaliseName(tool.name), tool]));
  const targets: T[] = [];
  const add = (tool: T | undefined): void => {
    if (tool !== undefined && !targets.includes(tool)) targets.push(tool);
  };
  for (const spelling of spellings) add(byNormalName.get(spelling));
  for (const [canonical, aliases] of Object.entries(toolAliases)) {
    if (aliases.some((alias) => spellings.has(normaliseName(alias)))) add(byNormalName.get(normaliseName(canonical)));
  }
  return targets;
}

/** Renames the keys the schema does not know to schema properties; null when nothing was renamed. */
function renameParams(
  input: unknown,
  tool: ToolDefinition,
  tables: AliasTables,
): { input: Record<string, unknown>; rewrites: RewriteRecord[] } | null {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return null;
  const properties = tool.input_schema.properties;
  if (typeof properties !== 'object' || properties === null) return null;
  const known = new Set(Object.keys(properties));
  const taken = new Set(Object.keys(input).filter((key) => known.has(key)));
  const aliasMaps = [tables.paramsByTool[tool.name], tables.params].filter((map): map is AliasMap => map !== undefined);

  const output: Record<string, unknown> = {};
  const rewrites: RewriteRecord[] = [];
  for (const [key, value] of Object.entries(input)) {
    const target = known.has(key) ? undefined : paramTarget(key, known, taken, aliasMaps);
    if (target === undefined) {
      output[key] = value;
      continue;
    }
    taken.add(target);
    output[target] = value;
    rewrites.push({
      kind: 'param_name',
      where: 'response',
      before: key,
      after: target,
      reason: `${tool.name} has no parameter "${key}"; "${target}" is its equivalent`,
    });
  }
  return rewrites.length === 0 ? null : { input: output, rewrites };
}

function paramTarget(
  key: string,
  known: ReadonlySet<string>,
  taken: ReadonlySet<string>,
  aliasMaps: readonly AliasMap[],
): string | undefined {
  const spelling = normaliseName(key);
  const free = (name: string): boolean => known.has(name) && !taken.has(name);
  for (const property of known) {
    if (free(property) && normaliseName(property) === spelling) return property;
  }
  for (const map of aliasMaps) {
    for (const [canonical, aliases] of Object.entries(map)) {
      if (free(canonical) && aliases.some((alias) => normaliseName(alias) === spelling)) return canonical;
    }
  }
  return undefined;
}
