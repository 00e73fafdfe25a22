/**
 * Whether an unoffered tool name maps to an offered tool, by the same rules as the proxy's
 * rescue (same name up to case and separators, an optional `functions.`-style namespace, or the
 * alias tables). Evidence collection records the answer as `mapsTo`, so the pure classifier can
 * tell a tool name mismatch (level 3) from a hallucinated tool (level 2) without the proxy.
 */
import type { AliasTables } from '../../proxy/alias-tables.ts';
import { normaliseName } from '../../proxy/rescue.ts';
import type { ToolNameMapper } from './collect-evidence.ts';

function withoutNamespace(name: string): string {
  const cut = Math.max(name.lastIndexOf('.'), name.lastIndexOf(':'), name.lastIndexOf('/'));
  return cut === -1 ? name : name.slice(cut + 1);
}

/** A mapper over the given alias tables. */
export function toolNameMapper(tables: AliasTables): ToolNameMapper {
  return (name, offered) => {
    const spellings = new Set([normaliseName(name), normaliseName(withoutNamespace(name))]);
    const byNormal = new Map(offered.map((tool) => [normaliseName(tool), tool]));
    for (const spelling of spellings) {
      const direct = byNormal.get(spelling);
      if (direct !== undefined) return direct;
    }
    for (const [canonical, aliases] of Object.entries(tables.tools)) {
      const target = byNormal.get(normaliseName(canonical));
      if (target !== undefined && aliases.some((alias) => spellings.has(normaliseName(alias)))) return target;
    }
    return null;
  };
}
