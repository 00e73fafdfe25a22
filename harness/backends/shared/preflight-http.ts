/** The HTTP side of preflight: one request, with unreachable servers turned into a HarnessError. */
import { HarnessError } from '../../core/errors.ts';
import { tryParseJson } from '../../core/json.ts';
import { joinUpstreamUrl } from './join-url.ts';

const preflightTimeoutMs = 10_000;

/** Method and JSON body of a preflight request; `timeoutMs` for the slow ones (loading a model). */
export interface PreflightInit {
  method?: 'GET' | 'POST';
  body?: unknown;
  timeoutMs?: number;
}

export interface PreflightAnswer {
  status: number;
  text: string;
  /** The parsed body, or undefined when it is not JSON. */
  json: unknown;
}

/**
 * Sends one preflight request. A connection failure throws BACKEND_UNREACHABLE with `hint`
 * (how to start the server) in the message; any HTTP answer is returned as is.
 */
export async function preflightRequest(
  fetchImpl: typeof fetch,
  baseUrl: string,
  path: string,
  hint: string,
  init: PreflightInit = {},
): Promise<PreflightAnswer> {
  const url = joinUpstreamUrl(baseUrl, path);
  let response: Response;
  try {
    response = await fetchImpl(url, {
      method: init.method ?? 'GET',
      headers: init.body === undefined ? {} : { 'content-type': 'application/json' },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: AbortSignal.timeout(init.timeoutMs ?? preflightTimeoutMs),
    });
  } catch (error) {
    throw new HarnessError(
      'BACKEND_UNREACHABLE',
      `Backend unreachable at ${baseUrl} (${connectionErrorCode(error)}). ${hint} To try the harness without a model server, use --backend sim.`,
      { cause: error },
    );
  }
  const text = await response.text().catch(() => '');
  const parsed = tryParseJson(text);
  return { status: response.status, text, json: parsed.ok ? parsed.value : undefined };
}

/** Like preflightRequest, but any failure (unreachable, non-2xx) becomes null: for optional facts. */
export async function optionalPreflightJson(
  fetchImpl: typeof fetch,
  baseUrl: string,
  path: string,
  init: PreflightInit = {},
): Promise<unknown> {
  try {
    const answer = await preflightRequest(fetchImpl, baseUrl, path, '', init);
    return answer.status >= 200 && answer.status < 300 ? answer.json : undefined;
  } catch {
    return undefined;
  }
}

/** The errno-style code of a failed fetch (ECONNREFUSED, ENOTFOUND, TIMEOUT …). */
export function connectionErrorCode(error: unknown): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return 'TIMEOUT';
  const cause =
    error instanceof Error
      ? (error.cause as { code?: unknown; message?: unknown; errors?: Array<{ code?: unknown }> } | undefined)
      : undefined;
  const code = cause?.code ?? cause?.errors?.[0]?.code ?? cause?.message;
  if (typeof code === 'string' && code !== '') return code;
  return error instanceof Error ? error.message : String(error);
}
