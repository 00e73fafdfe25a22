/** The text-call fixtures (fixtures/text-calls/*.json) and the context each sample is read in. */
import { readFileSync } from 'node:fs';
import type { ToolDefinition } from '../../../core/messages.ts';
import { loadAliasTables } from '../../alias-tables.ts';
import { claudeCodeTools } from '../../test-kit/claude-code-tools.ts';
import { textCallContext } from '../context.ts';
import type { TextCallContext } from '../types.ts';

export interface ExpectedCall {
  kind: 'call' | 'malformed' | 'incomplete';
  format: string;
  envelope: boolean;
  name: string | null;
  offeredName: string | null;
  rawName?: string;
  input?: Record<string, unknown>;
  rawArguments?: string;
  repairs?: string[];
}

export interface TextCallSample {
  id: string;
  source: string;
  provenance: string;
  note?: string;
  text: string;
  extraTools?: ToolDefinition[];
  calls: ExpectedCall[];
  release: string;
  reasoning?: { kind: string; shape: string }[];
}

export const sampleFiles = ['catalog', 'families', 'negatives', 'edge-cases'] as const;

/** Every sample of one fixture file. */
export function loadSamples(file: (typeof sampleFiles)[number]): TextCallSample[] {
  const url = new URL(`../../../../fixtures/text-calls/${file}.json`, import.meta.url);
  return (JSON.parse(readFileSync(url, 'utf8')) as { samples: TextCallSample[] }).samples;
}

/** Every sample of every fixture file, labelled with its file. */
export function allSamples(): (TextCallSample & { file: string })[] {
  return sampleFiles.flatMap((file) => loadSamples(file).map((sample) => ({ ...sample, file })));
}

/** A context maker for samples: Claude Code 2.1.328's tools plus the sample's own, with the shipped alias tables. */
export async function sampleContexts(): Promise<(sample: TextCallSample) => TextCallContext> {
  const tables = await loadAliasTables();
  const tools = claudeCodeTools();
  return (sample) => textCallContext([...tools, ...(sample.extraTools ?? [])], tables);
}
