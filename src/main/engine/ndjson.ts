/**
 * Splits a byte stream of newline-delimited JSON into objects. A JSON message may arrive split
 * across chunks (or several in one), so bytes are buffered until a newline completes a line.
 */
export function createNdjsonParser(onObject: (value: unknown) => void, onInvalidLine?: (line: string) => void) {
  const decoder = new TextDecoder();
  let pending = '';
  const emitLine = (line: string) => {
    const trimmed = line.trim();
    if (!trimmed) return;
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch {
      onInvalidLine?.(trimmed);
      return;
    }
    onObject(value);
  };
  return {
    push(chunk: Uint8Array | string) {
      pending += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
      let newline = pending.indexOf('\n');
      while (newline !== -1) {
        emitLine(pending.slice(0, newline));
        pending = pending.slice(newline + 1);
        newline = pending.indexOf('\n');
      }
    },
    /** Call at the end of the stream: a last message without a trailing newline still counts. */
    end() {
      pending += decoder.decode();
      emitLine(pending);
      pending = '';
    },
  };
}
