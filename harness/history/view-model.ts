/**
 * What the history site shows, independent of the report schema: nights, per-group values and
 * runs with their evidence. Only from-report.ts builds it from reports; the page, the data file
 * and the site builder read nothing else. No DOM and no Node types here: the page imports it too.
 */

export type ModeName = 'raw' | 'agent';
export type RunStatusName = 'completed' | 'infra_error' | 'timeout';

/** Median and the 5th/95th percentiles of one timing over a group's completed repeats. */
export interface Spread {
  median: number | null;
  p5: number | null;
  p95: number | null;
  n: number;
}

/** Where and with what a group ran: the facts whose change explains a jump in the trend. */
export interface RunContext {
  host: string;
  /** "ollama 0.12.6", or the backend kind alone when it gave no version. */
  backend: string;
  claudeCode: string | null;
  modelDigest: string | null;
  vramBytes: number | null;
}

/** The context of one model on one night. */
export interface ModelContext extends RunContext {
  model: string;
  /** Every Claude Code release the model's agent runs used that night, in version order (the filter reads these). */
  claudeCodes: string[];
}

/** One (model, task, mode, rescue) group of a night, as the leaderboard and trends read it. */
export interface GroupView {
  model: string;
  task: string;
  mode: ModeName;
  rescue: boolean;
  /** The Claude Code release of the group's agent runs; null for raw runs. */
  claudeCode: string | null;
  attempts: number;
  /** Modal status; a level only when it is "completed". */
  status: RunStatusName;
  level: number | null;
  label: string | null;
  /** The kind within the level in words (schema v2), null when the level has one kind or the report has none. */
  kind: string | null;
  passAt1: number | null;
  passAtK: number | null;
  decode: Spread;
  ttft: Spread;
  /** Fixability as measured ("level 3 → 6 with rescue"), "not measured", or null when it worked. */
  fixable: string | null;
  /** Median reference tests passed / total over completed runs. */
  referenceTests: { passed: number; total: number } | null;
}

/** A group that got worse than on the night before, with the comparison's reasons. */
export interface RegressionView {
  model: string;
  task: string;
  mode: ModeName;
  rescue: boolean;
  /** The Claude Code release of an agent group; null for raw groups. */
  claudeCode: string | null;
  reasons: string[];
}

/** The raw-vs-agent verdict of a model and task under one Claude Code release ("works raw, fails as agent at level 3"). */
export interface VerdictView {
  model: string;
  task: string;
  /** The release of the agent side; null when the model and task ran raw only. */
  claudeCode: string | null;
  text: string;
}

export interface NightView {
  /** The UTC date of the night ("2026-04-07"), with "-2", "-3" … for later runs of the same day. */
  id: string;
  startedAt: string;
  /** True when any run came from the scripted backend. */
  scripted: boolean;
  /** The report's schema version as written. */
  schemaVersion: number;
  /** The file the night was read from, as given. */
  source: string;
  /** Site-relative links to the night's report.md and to the script holding its runs. */
  reportMd: string;
  runsScript: string;
  hosts: string[];
  /** One per model: where and with what it ran that night. */
  contexts: ModelContext[];
  groups: GroupView[];
  verdicts: VerdictView[];
  regressions: RegressionView[];
}

export interface EvidenceView {
  kind: string;
  quote: string;
  shows: string;
  source: string | null;
}

export interface ProtocolErrorView {
  kind: string;
  tool: string;
  repairedBy: string | null;
}

/** One run as the drill-down shows it. */
export interface RunView {
  id: string;
  model: string;
  task: string;
  mode: ModeName;
  rescue: boolean;
  attempt: number;
  status: RunStatusName;
  level: number | null;
  label: string | null;
  kind: string | null;
  /** infra_error / timeout: what went wrong, in the report's words. */
  error: { cause: string; message: string } | null;
  decodeTokensPerSec: number | null;
  ttftMs: number | null;
  totalMs: number;
  referenceTests: { passed: number; total: number };
  fixable: string | null;
  /** The deciding evidence first. */
  evidence: EvidenceView[];
  protocolErrors: ProtocolErrorView[];
  claudeCode: string | null;
}

/** The runs of one night, written beside the page and loaded when its drill-down opens. */
export interface NightRuns {
  nightId: string;
  runs: RunView[];
}

/** The page's data: every night without its runs, oldest first. */
export interface HistoryData {
  format: 'bench-history';
  version: 1;
  generatedAt: string;
  nights: NightView[];
}

/** history.json: the page's data with every night's runs, for other tools. */
export interface HistoryFile extends Omit<HistoryData, 'nights'> {
  nights: Array<NightView & { runs: RunView[] }>;
}

/** The name of the global function a night's runs script calls with its NightRuns. */
export const nightRunsCallback = 'benchHistoryNightRuns';
