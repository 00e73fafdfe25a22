/** `--claude-version` entries: an exact release, the project's pinned one, or the registry's latest. Pure. */

/** One `--claude-version` entry as given, before the registry or the project is asked. */
export type ClaudeVersionSpec = { kind: 'pinned' } | { kind: 'latest' } | { kind: 'exact'; version: string };

/** The npm package every release comes from. */
export const claudePackage = '@anthropic-ai/claude-code';

const exactVersion = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;

/** True when `text` is an exact semver version (2.1.85, 3.0.0-beta.1), not a range or a tag. */
export function isExactVersion(text: string): boolean {
  return exactVersion.test(text);
}

/**
 * Parse a comma-separated `--claude-version` value. Returns the entries in order, or the one-line
 * problem with the first entry that is neither `pinned`, `latest` nor an exact version.
 */
export function parseClaudeVersionSpecs(
  text: string,
): { ok: true; specs: ClaudeVersionSpec[] } | { ok: false; problem: string } {
  const entries = text.split(',').map((entry) => entry.trim());
  const specs: ClaudeVersionSpec[] = [];
  for (const entry of entries) {
    if (entry === 'pinned' || entry === 'latest') specs.push({ kind: entry });
    else if (isExactVersion(entry.replace(/^v/, ''))) specs.push({ kind: 'exact', version: entry.replace(/^v/, '') });
    else
      return {
        ok: false,
        problem: `--claude-version takes exact versions (2.1.85), pinned or latest, comma-separated; got "${entry}".`,
      };
  }
  return { ok: true, specs };
}

/** How a spec is written back (in messages and as `requested` on a resolved release). */
export function specLabel(spec: ClaudeVersionSpec): string {
  return spec.kind === 'exact' ? spec.version : spec.kind;
}

/** The spec a label from parseClaudeVersionSpecs/specLabel stands for ('pinned', 'latest', '2.1.85'). */
export function specFromLabel(label: string): ClaudeVersionSpec {
  return label === 'pinned' || label === 'latest' ? { kind: label } : { kind: 'exact', version: label };
}

/** Compare two exact versions by semver precedence (build metadata ignored); negative when a < b. */
export function compareVersions(a: string, b: string): number {
  const [coreA = '', preA] = splitPre(a);
  const [coreB = '', preB] = splitPre(b);
  const numsA = coreA.split('.').map(Number);
  const numsB = coreB.split('.').map(Number);
  for (let i = 0; i < 3; i += 1) {
    const diff = (numsA[i] ?? 0) - (numsB[i] ?? 0);
    if (diff !== 0) return diff;
  }
  if (preA === undefined || preB === undefined) return preA === preB ? 0 : preA === undefined ? 1 : -1;
  return comparePrerelease(preA.split('.'), preB.split('.'));
}

function splitPre(version: string): [string, string | undefined] {
  const plain = version.split('+')[0] ?? version;
  const dash = plain.indexOf('-');
  return dash < 0 ? [plain, undefined] : [plain.slice(0, dash), plain.slice(dash + 1)];
}

function comparePrerelease(a: string[], b: string[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
    const x = a[i];
    const y = b[i];
    if (x === undefined || y === undefined) return x === undefined ? -1 : 1;
    if (x === y) continue;
    const nx = /^\d+$/.test(x);
    const ny = /^\d+$/.test(y);
    if (nx && ny) return Number(x) - Number(y);
    if (nx !== ny) return nx ? -1 : 1;
    return x < y ? -1 : 1;
  }
  return 0;
}
