/**
 * Cancelling one upstream turn when its client leaves. A plain object rather than an
 * AbortController: the EventTarget machinery costs measurable time per request on this path.
 */

export interface CancelToken {
  readonly cancelled: boolean;
  /** Runs `hook` on cancel (at once when already cancelled); one hook at a time. */
  onCancel(hook: (() => void) | null): void;
}

export interface CancelSource extends CancelToken {
  cancel(): void;
}

/** A token that is not cancelled yet. */
export function createCancelToken(): CancelSource {
  let cancelled = false;
  let hook: (() => void) | null = null;
  return {
    get cancelled() {
      return cancelled;
    },
    onCancel(next) {
      hook = next;
      if (cancelled) next?.();
    },
    cancel() {
      if (cancelled) return;
      cancelled = true;
      hook?.();
    },
  };
}
