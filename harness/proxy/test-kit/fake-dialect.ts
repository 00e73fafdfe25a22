/**
 * A minimal Anthropic pass-through dialect for the proxy's own tests, independent of
 * harness/backends: it posts the request to /v1/messages and decodes `event:`/`data:` frames.
 */
import { unknownFacts } from '../../backends/shared/unknown-facts.ts';
import type { Dialect, UpstreamEvent } from '../../backends/types.ts';
import type { ApiErrorType, StreamEvent } from '../../core/messages.ts';

export interface FakeDialectOptions {
  countTokensPath?: string | null;
  /** toUpstream throws for requests with this model name (to test handler crashes). */
  explodeOnModel?: string;
}

/** The fake dialect. */
export function fakeDialect(options: FakeDialectOptions = {}): Dialect {
  return {
    kind: 'anthropic',
    countTokensPath: options.countTokensPath === undefined ? '/v1/messages/count_tokens' : options.countTokensPath,
    toUpstream(request, settings) {
      if (options.explodeOnModel !== undefined && request.model === options.explodeOnModel)
        throw new Error('dialect exploded');
      const body = { ...request, model: settings.modelOverride ?? request.model, stream: true };
      return {
        call: {
          path: '/v1/messages',
          headers: { 'content-type': 'application/json', 'x-api-key': 'upstream-key' },
          body: JSON.stringify(body),
        },
        rewrites: [
          { kind: 'strip_header', before: { 'x-api-key': 'client-secret' }, after: null, reason: 'test note' },
        ],
      };
    },
    async *decodeStream(body): AsyncIterable<UpstreamEvent> {
      const decoder = new TextDecoder();
      let buffer = '';
      for await (const chunk of body) {
        buffer += decoder.decode(chunk, { stream: true });
        let end = buffer.indexOf('\n\n');
        while (end !== -1) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          end = buffer.indexOf('\n\n');
          const dataLine = frame.split('\n').find((line) => line.startsWith('data: '));
          if (dataLine === undefined) continue;
          let event: StreamEvent;
          try {
            event = JSON.parse(dataLine.slice(6)) as StreamEvent;
          } catch {
            yield {
              type: 'error',
              error: { type: 'api_error', message: `malformed upstream data: ${dataLine.slice(6, 40)}` },
            };
            return;
          }
          if ((event as { type: string }).type === 'timings') {
            yield {
              type: 'server_timings',
              timings: { decodeTokens: 3, decodeMs: 30, prefillTokens: 10, prefillMs: 5, loadMs: null },
            };
            continue;
          }
          yield event;
          if (event.type === 'message_stop' || event.type === 'error') return;
        }
      }
    },
    decodeError(status, bodyText) {
      let message = bodyText;
      let type: ApiErrorType =
        status === 404 ? 'not_found_error' : status >= 500 ? 'api_error' : 'invalid_request_error';
      try {
        const parsed = JSON.parse(bodyText) as { error?: { message?: string; type?: ApiErrorType } };
        message = parsed.error?.message ?? bodyText;
        type = parsed.error?.type ?? type;
      } catch {
        // plain text body
      }
      return { status, type, message };
    },
    async preflight() {
      const context = { kind: 'unknown', reason: 'fake dialect' } as const;
      return { version: null, modelInfo: {}, server: 'other', facts: unknownFacts([]), context };
    },
  };
}
