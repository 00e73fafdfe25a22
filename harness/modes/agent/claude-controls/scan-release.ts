/**
 * A cheap check of what a Claude Code release can be told: search its code (the JavaScript `cli.js`
 * of older releases, the native binary of newer ones, which embeds its JavaScript as text) for the
 * names of environment variables and flags.
 */
import { createReadStream } from 'node:fs';

// A name counts when it appears as code does: after a quote, a dot, a comma or a bracket
// (`process.env.NAME`, `"NAME"`, `{NAME:`, `.option("--flag`), and not as prose in backticks the
// way an embedded changelog mentions it.
const codePrefix = `["'.,{[(]`;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
}

/** The subset of `names` that appear in `file` as code. Reads the file once, in chunks. */
export async function scanReleaseNames(file: string, names: readonly string[]): Promise<Set<string>> {
  const pattern = new RegExp(`${codePrefix}(${names.map(escapeRegExp).join('|')})(?![\\w-])`, 'g');
  const keep = Math.max(...names.map((n) => n.length)) + 2;
  const found = new Set<string>();
  let carry = '';
  const take = (text: string, final: boolean): void => {
    for (const match of text.matchAll(pattern)) {
      // A match touching the end may continue in the next chunk; it is seen again there.
      if (!final && match.index + match[0].length >= text.length) continue;
      if (match[1] !== undefined) found.add(match[1]);
    }
  };
  for await (const chunk of createReadStream(file, { highWaterMark: 8 * 1024 * 1024 })) {
    const text = carry + (chunk as Buffer).toString('latin1');
    take(text, false);
    carry = text.slice(-keep);
  }
  take(carry, true);
  return found;
}
