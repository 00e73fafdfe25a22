/** ModelFacts with nothing known yet, for servers that say little about their model. */
import type { ModelFacts } from '../../core/facts.ts';

/** Every fact null; `sources` names the endpoints that were read. */
export function unknownFacts(sources: string[]): ModelFacts {
  return {
    digest: null,
    architecture: null,
    moe: null,
    dense: null,
    parametersTotal: null,
    parametersActive: null,
    quantisation: null,
    contextTrained: null,
    contextLoaded: null,
    memory: null,
    capabilities: null,
    sources,
  };
}
