/**
 * The rescue's alias tables: shipped JSON in ./aliases/, validated with ajv when loaded, with the
 * user's own files merged on top (lists appended per name).
 */
import { readFile } from 'node:fs/promises';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { HarnessError } from '../core/errors.ts';

/** name → the names models use instead. */
export type AliasMap = Readonly<Record<string, readonly string[]>>;

export interface AliasTables {
  /** Claude Code tool name → aliases. */
  tools: AliasMap;
  /** Parameter name → aliases, for every tool. */
  params: AliasMap;
  /** Tool name → (parameter name → aliases), tried before `params`. */
  paramsByTool: Readonly<Record<string, AliasMap>>;
}

/** The shape of an alias file; all sections optional so a user file can add just a few names. */
export interface AliasFile {
  description?: string;
  tools?: Record<string, string[]>;
  params?: Record<string, string[]>;
  byTool?: Record<string, Record<string, string[]>>;
}

const aliasList = { type: 'array', items: { type: 'string', minLength: 1 } } as const;
const aliasMap = { type: 'object', additionalProperties: aliasList } as const;
const aliasFileSchema = {
  type: 'object',
  properties: {
    $comment: { type: 'string' },
    description: { type: 'string' },
    tools: aliasMap,
    params: aliasMap,
    byTool: { type: 'object', additionalProperties: aliasMap },
  },
  additionalProperties: false,
} as const;

export const shippedAliasFiles: readonly URL[] = [
  new URL('./aliases/tools.json', import.meta.url),
  new URL('./aliases/params.json', import.meta.url),
];

/** Reads, validates and merges the shipped tables and then `extraFiles` (paths or URLs) in order. */
export async function loadAliasTables(extraFiles: readonly (string | URL)[] = []): Promise<AliasTables> {
  const validate = new Ajv2020({
    strict: false,
    allErrors: true,
    meta: false,
    validateSchema: false,
  }).compile<AliasFile>(aliasFileSchema);
  const files: AliasFile[] = [];
  for (const file of [...shippedAliasFiles, ...extraFiles]) {
    const where = file instanceof URL ? file.pathname : file;
    let parsed: unknown;
    try {
      parsed = JSON.parse(await readFile(file, 'utf8'));
    } catch (error) {
      throw new HarnessError(
        'CONFIG_INVALID',
        `Alias table ${where} cannot be read as JSON (${(error as Error).message}); fix the file or leave it out of --alias-file.`,
      );
    }
    if (!validate(parsed)) {
      const problem = (validate.errors ?? [])
        .map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`.trim())
        .join('; ');
      throw new HarnessError(
        'CONFIG_INVALID',
        `Alias table ${where} is invalid: ${problem}. Use the shape of harness/proxy/aliases/tools.json and params.json.`,
      );
    }
    files.push(parsed);
  }
  return mergeAliasFiles(files);
}

/** Merges alias files in order; later lists are appended to earlier ones, duplicates dropped. */
export function mergeAliasFiles(files: readonly AliasFile[]): AliasTables {
  const tools: Record<string, string[]> = {};
  const params: Record<string, string[]> = {};
  const paramsByTool: Record<string, Record<string, string[]>> = {};
  for (const file of files) {
    mergeInto(tools, file.tools);
    mergeInto(params, file.params);
    for (const [tool, map] of Object.entries(file.byTool ?? {})) {
      paramsByTool[tool] ??= {};
      mergeInto(paramsByTool[tool], map);
    }
  }
  return { tools, params, paramsByTool };
}

function mergeInto(target: Record<string, string[]>, source: Record<string, string[]> | undefined): void {
  for (const [name, aliases] of Object.entries(source ?? {})) {
    target[name] = [...new Set([...(target[name] ?? []), ...aliases])];
  }
}
