/**
 * Reasoning written into the answer text instead of a thinking block, and channel markers around
 * it: `<think>…</think>` (Qwen3, DeepSeek R1, GLM; F24), a `</think>` whose opener was in the
 * prompt (F33), Gemma 4 `<|channel>thought…<channel|>`, Mistral `[THINK]…[/THINK]`, Cohere
 * `<|START_THINKING|>…<|END_THINKING|>`, gpt-oss harmony `<|channel|>analysis<|message|>…<|end|>`
 * and its `<|start|>assistant<|channel|>final<|message|>` headers (F19). Raw mode strips them
 * before extracting code; each span is evidence of output corruption.
 */

export type ReasoningSpanKind =
  | 'think'
  | 'gemma4-thought'
  | 'mistral-think'
  | 'cohere-thinking'
  | 'harmony-analysis'
  | 'harmony-header';

export interface ReasoningSpan {
  kind: ReasoningSpanKind;
  /** `reasoning`: the span holds reasoning text; `marker`: only channel tokens, the text after them is the answer. */
  content: 'reasoning' | 'marker';
  /**
   * `closed` (opener and closer), `unclosed` (the text ended inside it) or `orphan_close` (a closer
   * with no opener: the template put the opener in the prompt, so the text before it is reasoning).
   */
  shape: 'closed' | 'unclosed' | 'orphan_close';
  start: number;
  end: number;
  verbatim: string;
}

interface SpanRule {
  kind: ReasoningSpanKind;
  content: ReasoningSpan['content'];
  open: RegExp;
  /** Markers that end the span; `keep` ones end it without being part of it. */
  closers: readonly { marker: string; keep?: boolean }[];
  /** The opener is a closer found alone: the span reaches back to the previous span. */
  orphan?: boolean;
}

const harmonyStart = String.raw`(?:<\|start\|>assistant)?`;

const rules: readonly SpanRule[] = [
  { kind: 'think', content: 'reasoning', open: /<think>/, closers: [{ marker: '</think>' }] },
  { kind: 'think', content: 'reasoning', open: /<thinking>/, closers: [{ marker: '</thinking>' }] },
  { kind: 'think', content: 'reasoning', open: /<\/think(?:ing)?>/, closers: [], orphan: true },
  { kind: 'gemma4-thought', content: 'reasoning', open: /<\|channel>/, closers: [{ marker: '<channel|>' }] },
  { kind: 'mistral-think', content: 'reasoning', open: /\[THINK\]/, closers: [{ marker: '[/THINK]' }] },
  {
    kind: 'cohere-thinking',
    content: 'reasoning',
    open: /<\|START_THINKING\|>/,
    closers: [{ marker: '<|END_THINKING|>' }],
  },
  {
    kind: 'harmony-analysis',
    content: 'reasoning',
    open: new RegExp(String.raw`${harmonyStart}<\|channel\|>analysis<\|message\|>`),
    closers: [{ marker: '<|end|>' }, { marker: '<|start|>', keep: true }],
  },
  {
    kind: 'harmony-header',
    content: 'marker',
    // A final or preamble header, or a bare `<|start|>assistant` (before a call's header, say).
    open: new RegExp(String.raw`${harmonyStart}<\|channel\|>(?:final|commentary)<\|message\|>|<\|start\|>assistant`),
    closers: [],
  },
];

/** The reasoning spans and channel markers in `text`, in order, not overlapping. */
export function findReasoningSpans(text: string): ReasoningSpan[] {
  const spans: ReasoningSpan[] = [];
  let pos = 0;
  for (;;) {
    const next = earliestOpener(text, pos);
    if (next === null) return spans;
    const span = spanFrom(text, next.rule, next.at, next.length, spans.at(-1)?.end ?? 0);
    spans.push(span);
    pos = span.end;
  }
}

/** `text` without its reasoning spans and markers, and the spans removed. */
export function stripReasoningSpans(text: string): { text: string; spans: ReasoningSpan[] } {
  const spans = findReasoningSpans(text);
  let out = '';
  let from = 0;
  for (const span of spans) {
    out += text.slice(from, span.start);
    from = span.end;
  }
  return { text: out + text.slice(from), spans };
}

function earliestOpener(text: string, pos: number): { rule: SpanRule; at: number; length: number } | null {
  let best: { rule: SpanRule; at: number; length: number } | null = null;
  const rest = text.slice(pos);
  for (const rule of rules) {
    const match = rule.open.exec(rest);
    if (match !== null && (best === null || pos + match.index < best.at)) {
      best = { rule, at: pos + match.index, length: match[0].length };
    }
  }
  return best;
}

function spanFrom(text: string, rule: SpanRule, at: number, length: number, previousEnd: number): ReasoningSpan {
  const make = (start: number, end: number, shape: ReasoningSpan['shape']): ReasoningSpan => ({
    kind: rule.kind,
    content: rule.content,
    shape,
    start,
    end,
    verbatim: text.slice(start, end),
  });
  if (rule.orphan === true) return make(previousEnd, at + length, 'orphan_close');
  if (rule.closers.length === 0) return make(at, at + length, 'closed');
  const closes = rule.closers
    .map((closer) => ({ closer, index: text.indexOf(closer.marker, at + length) }))
    .filter((c) => c.index !== -1);
  if (closes.length === 0) return make(at, text.length, 'unclosed');
  const first = closes.reduce((a, b) => (b.index < a.index ? b : a));
  return make(at, first.index + (first.closer.keep === true ? 0 : first.closer.marker.length), 'closed');
}
