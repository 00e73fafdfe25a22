/** What a bench says at start-up about the Claude Code releases it resolved. Pure. */
import { shortfallLines } from './agent/claude-controls/plan-controls.ts';
import type { ClaudeRelease } from './context.ts';

/** What the progress output says about the releases: each one's version, binary and shortfalls. */
export function releaseNotes(releases: readonly ClaudeRelease[]): string[] {
  const lines = releases.flatMap((r) => {
    const shortfalls = shortfallLines(r.controls);
    const head = `Claude Code ${r.version} (${r.requested.join(', ')}; ${r.source}: ${r.bin})`;
    return shortfalls.length === 0 ? [head] : [`${head} is bounded less tightly:`, ...shortfalls.map((l) => `  ${l}`)];
  });
  if (releases.length > 1) {
    lines.push(`Agent runs are made once per release: ${releases.map((r) => r.version).join(', ')}.`);
  }
  return lines;
}
