/**
 * Tool calls a model wrote as text instead of as structured tool calls (the server lacked or
 * failed its tool parser), and reasoning written into the answer. Pure functions of text; see
 * README.md in this folder for the contract.
 *
 * - `findTextToolCalls(text, ctx)` / `scanWholeText(text, ctx)`: every call in a finished text.
 * - `createTextCallScanner(ctx)`: the same on a stream of deltas, holding back only what may
 *   still become a call.
 * - `textCallContext(tools, aliasTables)`: the context for a request's tools, matching names the
 *   way the rescue does.
 * - `findReasoningSpans` / `stripReasoningSpans`: `<think>…</think>`, harmony channels and kin.
 * - `cleanToolName` / `resolveToolName`: names with leaked tokens cut and mapped to offered tools.
 *
 * Run the scanner on raw text before stripping template tokens (core/template-tokens.ts): many
 * envelopes are made of those tokens.
 */
export { textCallContext } from './context.ts';
export { findTextToolCalls, scanWholeText } from './find-text-tool-calls.ts';
export type { TextCallFormat } from './formats.ts';
export { textCallFormats } from './formats.ts';
export type { ReasoningSpan, ReasoningSpanKind } from './reasoning-spans.ts';
export { findReasoningSpans, stripReasoningSpans } from './reasoning-spans.ts';
export type { TextCallScanner } from './scanner.ts';
export { createTextCallScanner } from './scanner.ts';
export type { ResolvedToolName } from './tool-names.ts';
export { cleanToolName, resolveToolName } from './tool-names.ts';
export type * from './types.ts';
