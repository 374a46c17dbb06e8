import { describe, expect, it, vi } from 'vitest';
import { Emitter } from '../../src/shared/emitter';

describe('Emitter', () => {
  it('delivers each fired value to every listener, in subscription order', () => {
    const emitter = new Emitter<number>();
    const seen: string[] = [];
    emitter.event((value) => seen.push(`a${value}`));
    emitter.event((value) => seen.push(`b${value}`));
    emitter.fire(1);
    emitter.fire(2);
    expect(seen).toEqual(['a1', 'b1', 'a2', 'b2']);
  });

  it('stops delivering to a disposed listener; disposing twice does nothing more', () => {
    const onLastListenerRemoved = vi.fn();
    const emitter = new Emitter<number>({ onLastListenerRemoved });
    const listener = vi.fn();
    const dispose = emitter.event(listener);
    emitter.fire(1);
    dispose();
    dispose();
    emitter.fire(2);
    expect(listener.mock.calls).toEqual([[1]]);
    expect(onLastListenerRemoved).toHaveBeenCalledOnce();
  });

  it('keeps the same function subscribed twice as two subscriptions', () => {
    const emitter = new Emitter<string>();
    const listener = vi.fn();
    const first = emitter.event(listener);
    emitter.event(listener);
    first();
    emitter.fire('x');
    expect(listener).toHaveBeenCalledExactlyOnceWith('x');
  });

  it('reports a throwing listener and still delivers to the others', () => {
    const onListenerError = vi.fn();
    const emitter = new Emitter<number>({ onListenerError });
    const after = vi.fn();
    const failure = new Error('listener bug');
    emitter.event(() => {
      throw failure;
    });
    emitter.event(after);
    expect(() => emitter.fire(7)).not.toThrow();
    expect(after).toHaveBeenCalledExactlyOnceWith(7);
    expect(onListenerError).toHaveBeenCalledExactlyOnceWith(failure);
  });

  it('reports to the console when no reporter is given', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const emitter = new Emitter<number>();
      emitter.event(() => {
        throw new Error('boom');
      });
      emitter.fire(1);
      expect(warn).toHaveBeenCalledOnce();
    } finally {
      warn.mockRestore();
    }
  });

  it('skips a listener removed by an earlier one during the same fire', () => {
    const emitter = new Emitter<number>();
    const later = vi.fn();
    let disposeLater = () => undefined as void;
    emitter.event(() => disposeLater());
    disposeLater = emitter.event(later);
    emitter.fire(1);
    expect(later).not.toHaveBeenCalled();
  });

  it('tells when the first listener comes and the last one goes', () => {
    const onFirstListener = vi.fn();
    const onLastListenerRemoved = vi.fn();
    const emitter = new Emitter<number>({ onFirstListener, onLastListenerRemoved });
    const a = emitter.event(() => undefined);
    const b = emitter.event(() => undefined);
    expect(onFirstListener).toHaveBeenCalledOnce();
    expect(emitter.hasListeners).toBe(true);
    a();
    expect(onLastListenerRemoved).not.toHaveBeenCalled();
    b();
    expect(onLastListenerRemoved).toHaveBeenCalledOnce();
    expect(emitter.hasListeners).toBe(false);
  });

  it('after dispose() reaches no one and ignores new listeners', () => {
    const emitter = new Emitter<number>();
    const before = vi.fn();
    emitter.event(before);
    emitter.dispose();
    const after = vi.fn();
    const dispose = emitter.event(after);
    emitter.fire(1);
    dispose();
    expect(before).not.toHaveBeenCalled();
    expect(after).not.toHaveBeenCalled();
  });
});
