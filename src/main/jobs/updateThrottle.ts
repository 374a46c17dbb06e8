/**
 * How a main-process job (a pull, a build) sends its state to listeners: at most one update per
 * interval, the newest state each time, and the final state exact. The first change goes out at
 * once; later ones when the interval since the last update has passed. The final update keeps the
 * interval too (so no second ever holds more than 1000 / intervalMs updates) but always comes.
 */
export interface UpdateThrottle {
  /** The job changed: send its state now, or once the interval allows (then the newest state). */
  changed(): void;
  /** The job is over: drop a pending update and send the final state once the interval allows. Later changes are ignored. */
  finish(): void;
  /** Drops a pending update; nothing more is sent. */
  dispose(): void;
}

export interface UpdateThrottleOptions<T> {
  /** The job's state now. An update equal (===) to the last one sent is not sent again. */
  read: () => T;
  send: (value: T) => void;
  intervalMs: number;
  now: () => number;
}

export function createUpdateThrottle<T>(options: UpdateThrottleOptions<T>): UpdateThrottle {
  const { read, send, intervalMs, now } = options;
  let lastSentAt = Number.NEGATIVE_INFINITY;
  let sent: { value: T } | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let finished = false;
  let disposed = false;

  const sendNow = () => {
    const value = read();
    if (sent && sent.value === value) return;
    sent = { value };
    lastSentAt = now();
    send(value);
  };
  // Timers may fire early: the wait is checked again when one fires.
  const whenDue = () => {
    if (disposed) return;
    const wait = lastSentAt + intervalMs - now();
    if (wait <= 0) {
      sendNow();
      return;
    }
    timer = setTimeout(() => {
      timer = null;
      whenDue();
    }, wait);
  };
  const clear = () => {
    if (timer) clearTimeout(timer);
    timer = null;
  };

  return {
    changed() {
      if (finished || disposed || timer) return;
      whenDue();
    },
    finish() {
      if (finished || disposed) return;
      finished = true;
      clear();
      whenDue();
    },
    dispose() {
      disposed = true;
      clear();
    },
  };
}
