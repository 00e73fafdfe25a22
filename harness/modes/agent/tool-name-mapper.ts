/**
 * Whether an unoffered tool name maps to an offered tool, by the same rules as the proxy's
 * rescue (same name up to case and separators, an optional `functions.`-style namespace, or the
 * alias tables). Evidence collection records the answer as `mapsTo`, so the pure classifier can
 * tell a tool name mismatch (level 3) from a hallucinated tool (level 2) without the proxy.
 */
import type { AliasTables } from '../../proxy/alias-tables.ts';
import { offeredTargets } from '../../proxy/rescue.ts';
import type { ToolNameMapper } from './collect-evidence.ts';

/** A mapper over the given alias tables: the offered tool the proxy's rescue would pick, or null. */
export function toolNameMapper(tables: AliasTables): ToolNameMapper {
  return (name, offered) =>
    offeredTargets(
      name,
      offered.map((tool) => ({ name: tool })),
      tables.tools,
    )[0]?.name ?? null;
}
