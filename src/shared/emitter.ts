/** Undoes a subscription: removes a listener, closes a stream. Calling it again does nothing. */
export type Dispose = () => void;

export type Listener<T> = (value: T) => void;

/** Subscribes a listener to an emitter's values; returns what removes it. */
export type Event<T> = (listener: Listener<T>) => Dispose;

export interface EmitterOptions {
  /**
   * Told of a listener that threw (the others are still called). Default: a warning on the console,
   * since a throwing listener is a bug, but one window's bug must not silence the rest.
   */
  onListenerError?: (error: unknown) => void;
  /** Before the first listener is added: for a service that follows the engine only while someone listens. */
  onFirstListener?: () => void;
  /** After the last listener is removed (not by dispose()). */
  onLastListenerRemoved?: () => void;
}

const reportToConsole = (error: unknown) => console.warn('[berth] a listener failed:', error);

/** Calls one listener; if it throws, the error is reported instead of reaching the caller. */
export function deliverSafely<T>(
  listener: Listener<T>,
  value: T,
  report: (error: unknown) => void = reportToConsole,
): void {
  try {
    listener(value);
  } catch (error) {
    report(error);
  }
}

/**
 * One typed set of listeners, the way VS Code's Emitter<T> works: `event(listener)` subscribes and
 * returns its Dispose, `fire(value)` calls every listener (one that throws is reported and does not
 * stop the others), `dispose()` drops them all. Each subscription is its own, even of the same
 * function twice.
 */
export class Emitter<T> {
  private readonly listeners = new Set<{ listener: Listener<T> }>();
  private readonly options: EmitterOptions;
  private disposed = false;

  constructor(options: EmitterOptions = {}) {
    this.options = options;
  }

  readonly event: Event<T> = (listener) => {
    if (this.disposed) return () => undefined;
    if (this.listeners.size === 0) this.options.onFirstListener?.();
    const entry = { listener };
    this.listeners.add(entry);
    return () => {
      if (!this.listeners.delete(entry)) return;
      if (this.listeners.size === 0 && !this.disposed) this.options.onLastListenerRemoved?.();
    };
  };

  /** Calls the listeners subscribed now; one removed by an earlier one during this call is skipped. */
  fire(value: T): void {
    for (const entry of [...this.listeners]) {
      if (this.listeners.has(entry)) deliverSafely(entry.listener, value, this.options.onListenerError);
    }
  }

  get hasListeners(): boolean {
    return this.listeners.size > 0;
  }

  /** Drops every listener; later subscriptions are ignored and fire() reaches no one. */
  dispose(): void {
    this.disposed = true;
    this.listeners.clear();
  }
}
