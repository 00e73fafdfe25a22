/** `GET /v1/models` and `GET /health`: what the proxy serves and where it forwards. */
import type { ServerResponse } from 'node:http';
import { type ExchangeOrigin, exchangeRecord } from './exchange-record.ts';
import { sendJson } from './http-io.ts';
import type { ProxyRuntime } from './runtime.ts';

/** The configured model(s) in Anthropic's list shape. */
export function handleModels(rt: ProxyRuntime, origin: ExchangeOrigin, res: ServerResponse): void {
  const names = [rt.options.settings.modelOverride];
  if (rt.options.housekeeping.kind === 'upstream_model') names.push(rt.options.housekeeping.model);
  const ids = [...new Set(names.filter((name): name is string => name !== null))];
  const data = ids.map((id) => ({ type: 'model', id, display_name: id, created_at: '1970-01-01T00:00:00Z' }));
  sendJson(res, 200, { data, has_more: false, first_id: ids[0] ?? null, last_id: ids[ids.length - 1] ?? null });
  rt.recorder.record(origin.session, exchangeRecord(origin, 'models', {}));
}

/** `{status:"ok", upstream, dialect}`. */
export function handleHealth(rt: ProxyRuntime, origin: ExchangeOrigin, res: ServerResponse): void {
  sendJson(res, 200, { status: 'ok', upstream: rt.upstream.baseUrl, dialect: rt.dialect.kind });
  rt.recorder.record(origin.session, exchangeRecord(origin, 'health', {}));
}
