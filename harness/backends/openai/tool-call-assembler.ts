/**
 * OpenAI streams a tool call as fragments: usually `{index, id, function:{name, arguments:""}}`
 * then `{index, function:{arguments:"<piece>"}}` many times. Local servers deviate: `index`
 * missing (then the id keys the call, or a fragment without either continues the current call),
 * `id` missing (one is generated), the name arriving after the first fragment, several calls in
 * one chunk. This turns fragments into tool_use blocks on the stream builder, one call at a time.
 */

import { isRecord } from '../../core/json.ts';
import type { StreamEvent } from '../../core/messages.ts';
import type { AnthropicStreamBuilder } from '../shared/anthropic-stream-builder.ts';

interface CallState {
  id: string;
  idFromUpstream: boolean;
  index: number | null;
  name: string | null;
  started: boolean;
  pendingArgs: string;
  sawArgs: boolean;
}

/** Outcome of one fragment: events to emit, or a protocol violation to report. */
export type FragmentResult = { ok: true; events: StreamEvent[] } | { ok: false; message: string };

export class ToolCallAssembler {
  readonly #builder: AnthropicStreamBuilder;
  readonly #calls: CallState[] = [];
  #current: CallState | null = null;

  constructor(builder: AnthropicStreamBuilder) {
    this.#builder = builder;
  }

  /** How many distinct calls have been seen. */
  get callCount(): number {
    return this.#calls.length;
  }

  /** Applies one `delta.tool_calls[]` entry. */
  add(fragment: unknown): FragmentResult {
    if (!isRecord(fragment)) return { ok: false, message: 'Upstream sent a tool call fragment that is not an object.' };
    const fn = isRecord(fragment.function) ? fragment.function : {};
    const index = typeof fragment.index === 'number' ? fragment.index : null;
    const id = typeof fragment.id === 'string' && fragment.id !== '' ? fragment.id : null;
    const name = typeof fn.name === 'string' && fn.name !== '' ? fn.name : null;
    const rawArgs = fn.arguments;
    const args =
      typeof rawArgs === 'string' ? rawArgs : rawArgs === undefined || rawArgs === null ? '' : JSON.stringify(rawArgs);

    const target = this.#target(index, id, name);
    if (id !== null && !target.idFromUpstream && !target.started) {
      target.id = id;
      target.idFromUpstream = true;
    }
    if (name !== null && target.name === null) target.name = name;
    if (args !== '') target.sawArgs = true;

    const events: StreamEvent[] = [];
    if (target !== this.#current) {
      if (target.started) {
        return {
          ok: false,
          message: `Upstream interleaved the arguments of tool call ${target.id} with a later call; the stream cannot be re-ordered.`,
        };
      }
      events.push(...this.#startPending());
      this.#current = target;
    } else if (target.started && !this.#builder.toolBlockOpen) {
      return {
        ok: false,
        message: `Upstream sent more arguments for tool call ${target.id} after other content; the stream cannot be re-ordered.`,
      };
    }

    if (target.started) {
      events.push(...this.#builder.toolArgs(args));
    } else if (target.name !== null) {
      events.push(...this.#begin(target), ...this.#builder.toolArgs(args));
    } else {
      target.pendingArgs += args;
    }
    return { ok: true, events };
  }

  /** Starts a call whose name never arrived (with an empty name), so its arguments are not lost. */
  flush(): StreamEvent[] {
    return this.#startPending();
  }

  #startPending(): StreamEvent[] {
    const current = this.#current;
    if (current === null || current.started) return [];
    return this.#begin(current);
  }

  #begin(call: CallState): StreamEvent[] {
    call.started = true;
    const events = this.#builder.toolStart(call.id, call.name ?? '');
    events.push(...this.#builder.toolArgs(call.pendingArgs));
    call.pendingArgs = '';
    return events;
  }

  #target(index: number | null, id: string | null, name: string | null): CallState {
    if (index !== null) {
      const byIndex = this.#calls.find((call) => call.index === index);
      // Some servers send every complete call with index 0; a different upstream id is a new call.
      const sameCall = byIndex !== undefined && !(id !== null && byIndex.idFromUpstream && byIndex.id !== id);
      if (sameCall) return byIndex;
      if (byIndex !== undefined) byIndex.index = null;
      return this.#newCall(index, id);
    }
    if (id !== null) return this.#calls.find((call) => call.id === id) ?? this.#newCall(null, id);
    const current = this.#current;
    // No index, no id: a fresh name after the current call already has name and arguments starts a new call.
    if (current !== null && !(name !== null && current.name !== null && current.sawArgs)) return current;
    return this.#newCall(null, null);
  }

  #newCall(index: number | null, id: string | null): CallState {
    const call: CallState = {
      id: id ?? this.#builder.newToolUseId(),
      idFromUpstream: id !== null,
      index,
      name: null,
      started: false,
      pendingArgs: '',
      sawArgs: false,
    };
    this.#calls.push(call);
    return call;
  }
}
