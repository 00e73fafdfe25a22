/**
 * What Claude Code releases support, as measured on 2026-11-28: the release scan (scan-release.ts)
 * run over npm releases 2.0.0 to 2.1.332, bisecting each name to the first release whose code
 * contains it. 41 JavaScript releases (2.0.0–2.1.112) were re-checked with this scanner and the
 * native ones (2.1.113–2.1.200, 2.1.328, 2.1.332) with the same search; every scan agreed with this
 * table. Used when a release's code cannot be read, and as the README's table.
 */
import { compareVersions } from '../claude-releases/version-spec.ts';
import { scannedNames } from './control-table.ts';

/** The releases the table covers. */
export const measuredRange = { oldest: '2.0.0', newest: '2.1.332' } as const;

/**
 * The first release whose code contains each name (the release before it does not). A scanned name
 * not listed here is in every release of the measured range.
 */
export const firstReleaseWith: Readonly<Record<string, string>> = {
  '--no-session-persistence': '2.0.64',
  DISABLE_AUTO_COMPACT: '2.0.77',
  CLAUDE_CODE_TMPDIR: '2.1.5',
  CLAUDE_ENABLE_STREAM_WATCHDOG: '2.1.40',
  CLAUDE_CODE_DISABLE_THINKING: '2.1.41',
  CLAUDE_CODE_DISABLE_NONSTREAMING_FALLBACK: '2.1.83',
  CLAUDE_STREAM_IDLE_TIMEOUT_MS: '2.1.84',
  CLAUDE_CODE_MAX_CONTEXT_TOKENS: '2.1.98',
  CLAUDE_ENABLE_BYTE_WATCHDOG: '2.1.105',
  CLAUDE_BYTE_STREAM_IDLE_TIMEOUT_MS: '2.1.157',
};

/** The scanned names `version` supports by the table, or null outside the measured range. */
export function measuredSupport(version: string): Set<string> | null {
  if (compareVersions(version, measuredRange.oldest) < 0 || compareVersions(version, measuredRange.newest) > 0) {
    return null;
  }
  return new Set(
    scannedNames().filter((name) => {
      const since = firstReleaseWith[name];
      return since === undefined || compareVersions(version, since) >= 0;
    }),
  );
}
