/** Preflight requests for tests: what the bench is about to do. */
import type { PreflightRequest } from '../shared/server-context.ts';

/** Raw mode only, no --think, the default --num-ctx: the refusals have nothing to refuse. */
export const rawOnly: PreflightRequest = { agent: false, think: false, numCtx: 32768 };

/** Agent mode with the default --num-ctx. */
export const agentRun: PreflightRequest = { agent: true, think: false, numCtx: 32768 };
