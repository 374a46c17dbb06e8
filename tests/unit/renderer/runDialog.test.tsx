// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ClientContext } from '../../../src/renderer/src/app/clientContext';
import { EngineStatusProvider } from '../../../src/renderer/src/engine/engineStatus';
import { initI18n } from '../../../src/renderer/src/i18n';
import { RunDialog } from '../../../src/renderer/src/run/RunDialog';
import { emptyRunForm, type RunForm } from '../../../src/renderer/src/run/runForm';
import type { BerthClient } from '../../../src/shared/client';
import { BerthError } from '../../../src/shared/errors';
import { BIND_SOURCE_MISSING } from '../../../src/shared/run';
import { connectedStatus } from './fixtures';

beforeAll(async () => {
  await initI18n('en');
  // jsdom has <dialog> but not its modal methods.
  HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
    this.open = true;
  };
  HTMLDialogElement.prototype.close ??= function (this: HTMLDialogElement) {
    this.open = false;
  };
});

afterEach(() => cleanup());

const missing = '/home/me/not-there';
const form: RunForm = {
  ...emptyRunForm('busybox'),
  command: 'sh -c "echo a\\nb"',
  volumes: [{ kind: 'bind', hostPath: missing, containerPath: '/data:ro', readOnly: false, confirmed: true }],
};

/** run.check finds nothing; run.start refuses the folder, as the main process does for a missing one. */
function fakeClient() {
  const request = vi.fn(async (name: string): Promise<unknown> => {
    if (name === 'run.check') return { issues: [] };
    if (name === 'run.start') {
      throw new BerthError('invalid-input', `The folder ${missing} does not exist on this computer.`, [
        { path: 'volumes.0.hostPath', message: BIND_SOURCE_MISSING },
      ]);
    }
    throw new BerthError('unknown-request', name);
  });
  // The Docker server answers: Run waits for it otherwise.
  const subscribe = vi.fn((name: string, _input: unknown, onEvent: (value: unknown) => void) => {
    if (name === 'engine.status') onEvent(connectedStatus());
    return () => undefined;
  });
  return { client: { request, subscribe } as unknown as BerthClient, request };
}

describe('RunDialog', () => {
  it('sends the Command as typed, and says a folder run.start refused on its row, where it stays', async () => {
    const { client, request } = fakeClient();
    render(
      <ClientContext.Provider value={client}>
        <EngineStatusProvider>
          <RunDialog initial={form} onClose={vi.fn()} onStarted={vi.fn()} />
        </EngineStatusProvider>
      </ClientContext.Provider>,
    );
    expect(screen.getByTestId('run-command-preview').textContent).toBe(
      String.raw`$ docker run --mount type=bind,source=/home/me/not-there,target=/data:ro busybox sh -c 'echo a\nb'`,
    );
    await act(async () => {
      fireEvent.click(screen.getByTestId('run-submit'));
    });
    const sentence = `The folder ${missing} does not exist on this computer. Create it first, or check the path.`;
    expect(screen.getByTestId('run-volume-row').textContent).toContain(sentence);
    expect(screen.getByTestId('run-host-path').getAttribute('aria-invalid')).toBe('true');
    expect(request).toHaveBeenCalledWith('run.start', expect.objectContaining({ command: 'sh -c "echo a\\nb"' }));
    // The check the dialog runs as the user types (debounced) comes back empty: the sentence stays.
    await act(() => new Promise((resolve) => setTimeout(resolve, 400)));
    expect(request.mock.calls.filter(([name]) => name === 'run.check').length).toBeGreaterThan(1);
    expect(screen.getByTestId('run-volume-row').textContent).toContain(sentence);
    // Typing in the row clears it.
    fireEvent.change(screen.getByTestId('run-host-path'), { target: { value: '/home/me/site' } });
    expect(screen.getByTestId('run-volume-row').textContent).not.toContain(sentence);
  });
});
