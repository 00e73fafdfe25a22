/**
 * The headers sent upstream on the anthropic pass-through: built fresh, never copied. Claude Code
 * sends many `anthropic-beta` values (strict backends reject unknown betas), a session id header
 * (`x-claude-code-session-id`, new for every run) and its credentials; only `anthropic-version`
 * survives, and a dummy key stands in for the credentials.
 */
import type { RewriteNote } from '../types.ts';

const defaultAnthropicVersion = '2023-06-01';
export const dummyApiKey = 'local-harness';

const credentialHeaders: ReadonlySet<string> = new Set(['authorization', 'x-api-key']);
const notedHeaders: ReadonlySet<string> = new Set(['anthropic-beta', 'x-claude-code-session-id']);
// Transport headers are the proxy's business; dropping them is not a rewrite worth recording.
const transportHeaders: ReadonlySet<string> = new Set([
  'host',
  'connection',
  'content-length',
  'content-type',
  'accept',
  'accept-encoding',
  'transfer-encoding',
  'keep-alive',
  'anthropic-version',
]);

/** Headers for the upstream call, and a note for each client header that was not forwarded. */
export function upstreamHeaders(incoming: Record<string, string>): {
  headers: Record<string, string>;
  rewrites: RewriteNote[];
} {
  const lower = new Map(Object.entries(incoming).map(([name, value]) => [name.toLowerCase(), value]));
  const rewrites: RewriteNote[] = [];
  const others: string[] = [];
  for (const [name, value] of lower) {
    if (credentialHeaders.has(name)) {
      rewrites.push({
        kind: 'strip_header',
        before: { [name]: '[redacted]' },
        after: { 'x-api-key': dummyApiKey },
        reason: 'client credentials are never forwarded; a dummy key is sent instead',
      });
    } else if (notedHeaders.has(name)) {
      rewrites.push({
        kind: 'strip_header',
        before: { [name]: value },
        after: null,
        reason:
          name === 'anthropic-beta'
            ? 'strict backends reject unknown beta flags'
            : 'per-run session header is not forwarded',
      });
    } else if (!transportHeaders.has(name)) {
      others.push(name);
    }
  }
  if (others.length > 0) {
    rewrites.push({
      kind: 'strip_header',
      before: others.sort(),
      after: null,
      reason: 'client-specific headers are not forwarded',
    });
  }
  return {
    headers: {
      'content-type': 'application/json',
      accept: 'text/event-stream',
      'anthropic-version': lower.get('anthropic-version') ?? defaultAnthropicVersion,
      'x-api-key': dummyApiKey,
    },
    rewrites,
  };
}
