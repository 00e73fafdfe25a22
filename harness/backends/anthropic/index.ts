export { anthropicDialect } from './anthropic-dialect.ts';
export { decodeAnthropicError } from './decode-error.ts';
export { createAnthropicDecoder, decodeAnthropicStream } from './decode-stream.ts';
export { anthropicPreflight } from './preflight.ts';
export { billingBlockField, defaultStripFields, stripFields } from './strip-fields.ts';
export { anthropicToUpstream } from './to-upstream.ts';
export { dummyApiKey, upstreamHeaders } from './upstream-headers.ts';
