/**
 * The raw-mode classifier: one answer to the task prompt (no tools) → level 1, 5 or 6 and the
 * evidence that decided it. Pure. Levels 2–4 are about tool calls, which raw mode has none of.
 *   1 task comprehension — no usable code: an empty answer (often every token went to
 *     thinking), prose only, or code without an implementation.
 *   6 success — the model's own tests and the hidden reference tests all pass, and the output
 *     is clean.
 *   5 output corruption — code came back, but it is corrupted (stuttered identifiers, leaked
 *     template tokens, truncation) or the tests fail.
 */
import type { StopReason } from '../core/messages.ts';
import { QUOTE_CHARS, quote } from '../core/quote.ts';
import type { Classification, Evidence, FailureKindOf, TestResults } from '../core/run.ts';
import { classified } from '../core/run.ts';

const FENCE = /^[ \t]*(?:`{3,}|~{3,})/m;

export interface RawEvidence {
  answerText: string;
  thinkingText: string;
  stopReason: StopReason | null;
  /** The files recovered from the answer (only path and role are read). */
  files: readonly { path: string; role: 'implementation' | 'test' }[];
  tests: TestResults;
  corruption: {
    typos: readonly { found: string; expected: string; file: string; line: number; text?: string }[];
    leakedTokens: readonly string[];
    truncated: boolean;
  };
  /** Reasoning tags or channel markers the server left in the answer text (taken out before extraction). */
  reasoningMarkup?: readonly string[];
  /** pytest's console output for the model's tests and the reference tests, to quote from. */
  modelPytestOutput?: string;
  referencePytestOutput?: string;
}

/** Classify one raw-mode answer from its evidence. */
export function classifyRaw(evidence: RawEvidence): Classification {
  const comprehension = comprehensionFailure(evidence);
  if (comprehension !== null) return classified(1, comprehensionKind(comprehension), comprehension);
  const corruption = corruptionEvidence(evidence);
  if (corruption.length === 0 && allPass(evidence.tests)) return classified(6, 'success', successEvidence(evidence));
  return classified(5, corruptionKind(corruption), [...corruption, ...testFailureEvidence(evidence)]);
}

/** The kind of a level-1 answer, from the evidence that decided it (first item). */
function comprehensionKind(deciding: readonly Evidence[]): FailureKindOf<1> {
  const kinds = deciding.map((e) => e.kind);
  if (kinds.includes('thinking_only')) return 'thinking_only';
  if (kinds.includes('empty_answer')) return 'empty_reply';
  return kinds[0] === 'prose_only' ? 'prose_only' : 'no_implementation';
}

const corruptionKinds: Partial<Record<Evidence['kind'], FailureKindOf<5>>> = {
  identifier_typo: 'identifier_typo',
  leaked_tokens: 'leaked_tokens',
  reasoning_in_text: 'reasoning_in_text',
  truncation: 'truncated_output',
};

/** The kind of a level-5 answer: its first corruption, else failing tests. */
function corruptionKind(corruption: readonly Evidence[]): FailureKindOf<5> {
  const first = corruption[0];
  return (first === undefined ? undefined : corruptionKinds[first.kind]) ?? 'tests_fail';
}

function comprehensionFailure(evidence: RawEvidence): Evidence[] | null {
  const answer = evidence.answerText;
  const truncation: Evidence[] =
    evidence.stopReason === 'max_tokens'
      ? [
          {
            kind: 'truncation',
            quote: 'stop_reason: max_tokens',
            shows: 'the output stopped at the token limit',
            source: 'response',
          },
        ]
      : [];
  if (answer.trim() === '') {
    const thought = evidence.thinkingText.trim() !== '';
    const stop = `stop_reason ${evidence.stopReason ?? 'none'}`;
    const items: Evidence[] = [
      {
        kind: 'empty_answer',
        quote: '',
        shows: thought
          ? `the answer text was empty: all output went to thinking (${stop})`
          : `the answer text was empty (${stop})`,
        source: 'response',
      },
    ];
    if (thought) {
      items.push({
        kind: 'thinking_only',
        quote: quote(evidence.thinkingText),
        shows: `${evidence.thinkingText.length} chars of thinking and no answer; turn thinking off for this model`,
        source: 'thinking',
      });
    }
    return [...items, ...truncation];
  }
  if (evidence.files.some((f) => f.role === 'implementation')) return null;
  if (!FENCE.test(answer)) {
    return [
      { kind: 'prose_only', quote: quote(answer), shows: 'the answer is prose only: no code block', source: 'answer' },
      ...truncation,
    ];
  }
  const tests = evidence.files.filter((f) => f.role === 'test').map((f) => f.path);
  return [
    {
      kind: 'no_implementation',
      quote: quote(firstCodeLines(answer)),
      shows:
        tests.length > 0
          ? `only tests came back (${tests.join(', ')}); no code block is the implementation`
          : 'no code block was recognised as the implementation (off-task code)',
      source: 'answer',
    },
    ...truncation,
  ];
}

function corruptionEvidence(evidence: RawEvidence): Evidence[] {
  const items: Evidence[] = [];
  const markup = evidence.reasoningMarkup ?? [];
  if (markup.length > 0) {
    items.push({
      kind: 'reasoning_in_text',
      quote: quote(markup[0] ?? ''),
      shows: `reasoning tags or channel markers in the answer text (${markup.length}); the server did not separate the model's reasoning`,
      source: 'answer',
    });
  }
  const { typos, leakedTokens, truncated } = evidence.corruption;
  for (const typo of typos.slice(0, 3)) {
    items.push({
      kind: 'identifier_typo',
      quote: quote(typo.text ?? typo.found),
      shows: `${typo.found} instead of ${typo.expected}: a stuttered class name`,
      source: `${typo.file}:${typo.line}`,
    });
  }
  if (typos.length > 3) {
    items.push({
      kind: 'identifier_typo',
      quote: typos
        .slice(3)
        .map((t) => t.found)
        .join(', '),
      shows: `${typos.length - 3} more stuttered names`,
      source: 'files',
    });
  }
  if (leakedTokens.length > 0) {
    items.push({
      kind: 'leaked_tokens',
      quote: quote(around(evidence.answerText, leakedTokens[0]!) ?? leakedTokens.join(' ')),
      shows: `chat-template tokens leaked into the output: ${leakedTokens.join(' ')}`,
      source: 'answer',
    });
  }
  if (truncated) {
    items.push({
      kind: 'truncation',
      quote: quote(tail(evidence.answerText)),
      shows:
        evidence.stopReason === 'max_tokens'
          ? 'the answer stopped at the token limit (stop_reason max_tokens)'
          : 'the final code block was never closed',
      source: 'answer',
    });
  }
  return items;
}

function testFailureEvidence(evidence: RawEvidence): Evidence[] {
  const { model, reference } = evidence.tests;
  const items: Evidence[] = [];
  if (model.total === 0) {
    items.push({
      kind: 'missing_files',
      quote: `model tests ${model.passed}/${model.total}`,
      shows: 'no tests of its own came back',
      source: 'pytest-model.txt',
    });
  }
  items.push({
    kind: 'tests',
    quote: `model tests ${model.passed}/${model.total}, reference tests ${reference.passed}/${reference.total}`,
    shows: allPass(evidence.tests) ? 'every test passes' : 'the tests do not all pass',
    source: 'pytest',
  });
  if (model.passed < model.total)
    items.push(...failureLines(evidence.modelPytestOutput, 'pytest-model.txt', 'a model test fails'));
  if (reference.passed < reference.total || reference.total === 0) {
    items.push(...failureLines(evidence.referencePytestOutput, 'pytest-reference.txt', 'a reference test fails'));
  }
  return items;
}

function successEvidence(evidence: RawEvidence): Evidence[] {
  const { model, reference } = evidence.tests;
  const items: Evidence[] = [
    {
      kind: 'tests',
      quote: `model tests ${model.passed}/${model.total}, reference tests ${reference.passed}/${reference.total}`,
      shows: 'every test passes and the output is clean',
      source: 'pytest',
    },
  ];
  for (const [output, source] of [
    [evidence.modelPytestOutput, 'pytest-model.txt'],
    [evidence.referencePytestOutput, 'pytest-reference.txt'],
  ] as const) {
    const summary = summaryLine(output);
    if (summary !== null) items.push({ kind: 'pytest_output', quote: quote(summary), shows: 'pytest summary', source });
  }
  return items;
}

/** `allPass` for raw mode: both suites ran at least one test and every one passed. */
function allPass(tests: TestResults): boolean {
  return (
    tests.model.total > 0 &&
    tests.model.passed === tests.model.total &&
    tests.reference.total > 0 &&
    tests.reference.passed === tests.reference.total
  );
}

function failureLines(output: string | undefined, source: string, shows: string): Evidence[] {
  if (output === undefined) return [];
  const lines = output.split('\n').filter((l) => /^(?:FAILED|ERROR) /.test(l));
  if (lines.length === 0) {
    const summary = summaryLine(output);
    return summary === null ? [] : [{ kind: 'pytest_output', quote: quote(summary), shows, source }];
  }
  const picked: Evidence[] = lines.slice(0, 2).map((l) => ({ kind: 'pytest_output', quote: quote(l), shows, source }));
  if (lines.length > 2) {
    const summary = summaryLine(output);
    if (summary !== null)
      picked.push({
        kind: 'pytest_output',
        quote: quote(summary),
        shows: `${lines.length} failing or erroring`,
        source,
      });
  }
  return picked;
}

function summaryLine(output: string | undefined): string | null {
  if (output === undefined) return null;
  const lines = output.split('\n').filter((l) => /\b\d+ (?:passed|failed|errors?|skipped)\b|no tests ran/.test(l));
  const last = lines.pop();
  return last === undefined ? null : last.replace(/^=+\s*|\s*=+$/g, '');
}

function around(text: string, needle: string): string | null {
  const at = text.indexOf(needle);
  if (at < 0) return null;
  const lineStart = text.lastIndexOf('\n', at) + 1;
  const lineEnd = text.indexOf('\n', at);
  return text.slice(lineStart, lineEnd < 0 ? undefined : lineEnd);
}

function tail(text: string): string {
  const lines = text.trimEnd().split('\n');
  return lines.slice(-2).join('\n').slice(-QUOTE_CHARS);
}

function firstCodeLines(answer: string): string {
  const lines = answer.split('\n');
  const fence = lines.findIndex((l) => FENCE.test(l));
  return lines.slice(fence, fence + 3).join('\n');
}
