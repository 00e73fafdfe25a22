/** Identifiers the decoders invent when an upstream does not send its own. */
import { randomUUID } from 'node:crypto';

/** Makes a fresh id with the given prefix (`toolu_`, `msg_`); tests pass a counter instead. */
export type IdSource = (prefix: 'toolu_' | 'msg_') => string;

/** Random ids shaped like Anthropic's (`toolu_` + 24 hex characters). */
export const randomIds: IdSource = (prefix) => `${prefix}${randomUUID().replaceAll('-', '').slice(0, 24)}`;

/** Options every decoder accepts besides the body and the request. */
export interface DecodeOptions {
  ids?: IdSource;
  /** The `max_tokens` the server was sent, when it differs from the request's (a maxTokensCap). */
  maxTokens?: number;
}
