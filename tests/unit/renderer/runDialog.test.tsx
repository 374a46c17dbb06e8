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
import { polyfillDialog } from './jsdomDialog';
import { connectedStatus } from '../../fixtures/builders/engineStatus';

beforeAll(async () => {
  await initI18n('en');
  polyfillDialog();
  // Nor scrolling: the dialog scrolls the first invalid field into view.
  Element.prototype.scrollIntoView ??= function () {};
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
  return { client: { request, subscribe: connectedEngine() } as unknown as BerthClient, request };
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

/** A client whose run.check finds nothing and whose images EXPOSE what `exposed` says. */
function checkingClient(exposed: Record<string, Array<{ port: number; protocol: 'tcp' | 'udp' }>> = {}) {
  const request = vi.fn(async (name: string, input: { image?: string }): Promise<unknown> => {
    if (name === 'run.check') return { issues: [] };
    if (name === 'run.exposedPorts') {
      const ports = exposed[input.image ?? ''];
      return { present: ports !== undefined, ports: ports ?? [] };
    }
    throw new BerthError('unknown-request', name);
  });
  return { client: { request, subscribe: connectedEngine() } as unknown as BerthClient, request };
}

/** A subscribe in which the Docker server answers: Run waits for it otherwise. */
function connectedEngine() {
  return vi.fn((name: string, _input: unknown, onEvent: (value: unknown) => void) => {
    if (name === 'engine.status') onEvent(connectedStatus());
    return () => undefined;
  });
}

function renderDialog(client: BerthClient, initial: RunForm = emptyRunForm('busybox')) {
  render(
    <ClientContext.Provider value={client}>
      <EngineStatusProvider>
        <RunDialog initial={initial} onClose={vi.fn()} onStarted={vi.fn()} />
      </EngineStatusProvider>
    </ClientContext.Provider>,
  );
}

const settle = () => act(() => new Promise((resolve) => setTimeout(resolve, 400)));

describe('RunDialog: when it says what is wrong', () => {
  it('a new port row is not red; leaving its empty container port is; typing fixes it at once', async () => {
    renderDialog(checkingClient().client);
    fireEvent.click(screen.getByTestId('run-add-port'));
    const containerPort = screen.getByTestId('run-container-port');
    // The new row's first field has the focus, and nothing is marked wrong yet.
    expect(document.activeElement).toBe(screen.getByTestId('run-host-port'));
    expect(containerPort.getAttribute('aria-invalid')).toBe('false');
    expect(screen.queryByRole('alert')).toBeNull();

    fireEvent.blur(containerPort);
    expect(containerPort.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByTestId('run-port-row').textContent).toContain('A port is a number from 1 to 65535.');
    fireEvent.change(containerPort, { target: { value: '80' } });
    expect(containerPort.getAttribute('aria-invalid')).toBe('false');
  });

  it('Run with mistakes shows them all, and scrolls to and focuses the first one', async () => {
    const { client, request } = checkingClient();
    const scrolled: Element[] = [];
    const scrollIntoView = vi.spyOn(Element.prototype, 'scrollIntoView').mockImplementation(function (this: Element) {
      scrolled.push(this);
    });
    try {
      renderDialog(client, {
        ...emptyRunForm('busybox'),
        name: 'a'.repeat(300),
        ports: [{ hostIp: '127.0.0.1', hostPort: '', containerPort: '', protocol: 'tcp' }],
      });
      expect(screen.queryByRole('alert')).toBeNull();
      await act(async () => {
        fireEvent.click(screen.getByTestId('run-submit'));
      });
      const name = screen.getByTestId('run-name');
      expect(name.getAttribute('aria-invalid')).toBe('true');
      expect(screen.getByTestId('run-container-port').getAttribute('aria-invalid')).toBe('true');
      expect(document.activeElement).toBe(name);
      expect(scrolled).toEqual([name]);
      expect(screen.getByTestId('run-dialog').textContent).toContain(
        'A name has 2 to 128 characters; this one has 300.',
      );
      // Fixed the first: the next Run goes to the next one.
      fireEvent.change(name, { target: { value: 'my-box' } });
      await act(async () => {
        fireEvent.click(screen.getByTestId('run-submit'));
      });
      expect(document.activeElement).toBe(screen.getByTestId('run-container-port'));
      expect(request).not.toHaveBeenCalledWith('run.start', expect.anything());
    } finally {
      scrollIntoView.mockRestore();
    }
  });
});

describe('RunDialog: the image’s EXPOSEd ports', () => {
  it('become port rows (same host port, this computer only), following the image until the ports are edited', async () => {
    const { client } = checkingClient({ redis: [{ port: 6379, protocol: 'tcp' }], busybox: [] });
    renderDialog(client, emptyRunForm('redis'));
    await settle();
    expect(screen.getByTestId('run-host-port')).toHaveProperty('value', '6379');
    expect(screen.getByTestId('run-container-port')).toHaveProperty('value', '6379');
    expect(screen.getByTestId('run-exposed-hint').textContent).toContain('6379/tcp');
    expect(screen.getByTestId('run-command-preview').textContent).toBe('$ docker run -d -p 127.0.0.1:6379:6379 redis');
    expect(screen.queryByRole('alert')).toBeNull();

    // Another image: its own ports (none).
    fireEvent.change(screen.getByTestId('run-image'), { target: { value: 'busybox' } });
    await settle();
    expect(screen.queryAllByTestId('run-port-row')).toHaveLength(0);

    // Once the user edits the ports, the image no longer changes them.
    fireEvent.click(screen.getByTestId('run-add-port'));
    fireEvent.change(screen.getByTestId('run-container-port'), { target: { value: '80' } });
    fireEvent.change(screen.getByTestId('run-image'), { target: { value: 'redis' } });
    await settle();
    expect(screen.getAllByTestId('run-port-row')).toHaveLength(1);
    expect(screen.getByTestId('run-container-port')).toHaveProperty('value', '80');
    expect(screen.queryByTestId('run-exposed-hint')).toBeNull();
  });
});

describe('RunDialog: a refusal about no field', () => {
  it('is shown under the form and brought into view', async () => {
    const request = vi.fn(async (name: string): Promise<unknown> => {
      if (name === 'run.check') return { issues: [] };
      if (name === 'run.exposedPorts') return { present: true, ports: [] };
      throw new BerthError('engine-stopped', 'The Docker server stopped.');
    });
    const client = { request, subscribe: connectedEngine() } as unknown as BerthClient;
    const scrolled: Element[] = [];
    const scrollIntoView = vi.spyOn(Element.prototype, 'scrollIntoView').mockImplementation(function (this: Element) {
      scrolled.push(this);
    });
    try {
      renderDialog(client);
      await act(async () => {
        fireEvent.click(screen.getByTestId('run-submit'));
      });
      expect(request).toHaveBeenCalledWith('run.start', expect.anything());
      // Exactly the card: the element brought into view holds it and nothing else.
      expect(scrolled).toHaveLength(1);
      expect(scrolled[0]?.firstElementChild).toBe(screen.getByTestId('problem'));
    } finally {
      scrollIntoView.mockRestore();
    }
  });
});
