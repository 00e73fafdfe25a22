/** What every view gets: the data, the state from the URL hash, and a way to move to another state. */
import type { PageState } from '../view/route.ts';
import type { HistoryData, NightRuns } from '../view-model.ts';

export interface PageContext {
  data: HistoryData;
  /** False until history-data.js has loaded: before that, only the latest night has its groups. */
  complete: boolean;
  /** A view that needs the whole history calls this; the page renders again once it has loaded. */
  awaitHistory(): void;
  state: PageState;
  /** Sets the URL hash (the permalink); the page re-renders from it. */
  go(state: PageState): void;
  /** The runs of a night, loaded once from its script beside the page. */
  nightRuns(nightId: string): Promise<NightRuns>;
  /** Registers what to undo when the view is replaced (charts, observers). */
  onCleanup(cleanup: () => void): void;
}
