/** Everything a request handler needs, built once per proxy by startProxy. */
import type { LimitFunction } from 'p-limit';
import type { Dialect } from '../backends/types.ts';
import type { Clock, Logger } from '../core/context.ts';
import type { AliasTables } from './alias-tables.ts';
import type { ExchangeRecorder } from './exchange-recorder.ts';
import type { SchemaValidator } from './schema-validator.ts';
import type { ProxyOptions } from './types.ts';
import type { UpstreamClient } from './upstream-client.ts';

export interface ProxyRuntime {
  readonly options: ProxyOptions;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly dialect: Dialect;
  readonly upstream: UpstreamClient;
  /** Upstream slots: at most `maxConcurrency` requests in flight, the rest queued in arrival order. */
  readonly slots: LimitFunction;
  readonly validator: SchemaValidator;
  readonly aliases: AliasTables;
  readonly recorder: ExchangeRecorder;
}
