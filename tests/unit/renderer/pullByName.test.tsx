// @vitest-environment jsdom
import { NavigateContext } from '../../../src/renderer/src/app/navigation';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import i18next from 'i18next';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ClientContext } from '../../../src/renderer/src/app/clientContext';
import { initI18n } from '../../../src/renderer/src/i18n';
import { PullByNameProvider, usePullByName } from '../../../src/renderer/src/pulls/pullByNameContext';
import { PullsPanel } from '../../../src/renderer/src/pulls/PullsPanel';
import { PullsProvider } from '../../../src/renderer/src/pulls/pullsStore';
import { RunDialogProvider } from '../../../src/renderer/src/run/runDialogContext';
import type { BerthClient } from '../../../src/shared/client';
import { BerthError } from '../../../src/shared/errors';
import type { PullJob } from '../../../src/shared/pulls';
import { pullJob } from '../../fixtures/builders/sharedModels';
import { polyfillDialog } from './jsdomDialog';

const job = (reference: string): PullJob => pullJob({ id: `job-${reference}`, reference, bytesKnown: false });

/** The contract as the main process answers it: pulls.start takes a reference, run.check finds nothing. */
function fakeClient() {
  const request = vi.fn(async (name: string, input: { reference?: string }): Promise<unknown> => {
    if (name === 'pulls.start') return job(input.reference ?? '');
    if (name === 'run.check') return { issues: [] };
    throw new BerthError('unknown-request', name);
  });
  return { client: { request, subscribe: vi.fn(() => () => undefined) } as unknown as BerthClient, request };
}

function Opener({ reference }: { reference?: string }) {
  const { openPullByName } = usePullByName();
  return (
    <button type="button" onClick={() => openPullByName(reference)}>
      open
    </button>
  );
}

function renderEntry(client: BerthClient, reference?: string) {
  render(
    <ClientContext.Provider value={client}>
      <NavigateContext.Provider value={vi.fn()}>
        <PullsProvider>
          <RunDialogProvider>
            <PullByNameProvider>
              <Opener reference={reference} />
              <PullsPanel />
            </PullByNameProvider>
          </RunDialogProvider>
        </PullsProvider>
      </NavigateContext.Provider>
    </ClientContext.Provider>,
  );
  fireEvent.click(screen.getByText('open'));
}

const input = () => screen.getByTestId<HTMLInputElement>('pull-by-name-input');
const message = () => input().getAttribute('aria-describedby') ?? '';
const messageText = () => document.getElementById(message())?.textContent;

beforeAll(async () => {
  await initI18n('en');
  polyfillDialog();
});

afterEach(async () => {
  cleanup();
  if (i18next.language !== 'en') await i18next.changeLanguage('en');
});

describe('pull or run an image by name', () => {
  it('says what is wrong with a name on blur, not while typing, and follows the typing once it has', () => {
    renderEntry(fakeClient().client);
    fireEvent.change(input(), { target: { value: 'Redis' } });
    expect(input().getAttribute('aria-invalid')).toBe('false');
    expect(messageText()).toBe('e.g. redis, redis:7 or 127.0.0.1:5000/team/app:1.2');

    fireEvent.blur(input());
    expect(input().getAttribute('aria-invalid')).toBe('true');
    expect(messageText()).toBe('Image names are lowercase: try "redis".');

    fireEvent.change(input(), { target: { value: 'redis' } });
    expect(input().getAttribute('aria-invalid')).toBe('false');
  });

  it('leaves an empty field alone on blur, and asks for a name on submit', async () => {
    const { client, request } = fakeClient();
    renderEntry(client);
    fireEvent.blur(input());
    expect(input().getAttribute('aria-invalid')).toBe('false');
    await act(async () => {
      fireEvent.click(screen.getByTestId('pull-by-name-pull'));
    });
    expect(messageText()).toBe('Type an image name, e.g. hello-world.');
    expect(request).not.toHaveBeenCalledWith('pulls.start', expect.anything());
  });

  it('pulls a registry reference as typed, through the pulls contract, and shows it in the panel', async () => {
    const { client, request } = fakeClient();
    renderEntry(client, ' 127.0.0.1:5000/team/app:1.2 ');
    expect(input().value).toBe('127.0.0.1:5000/team/app:1.2');
    await act(async () => {
      fireEvent.click(screen.getByTestId('pull-by-name-pull'));
    });
    expect(request).toHaveBeenCalledWith('pulls.start', { reference: '127.0.0.1:5000/team/app:1.2' });
    expect(screen.queryByTestId('pull-by-name-dialog')).toBeNull();
    const panelJob = screen.getByTestId('pull-job');
    expect(panelJob.getAttribute('data-reference')).toBe('127.0.0.1:5000/team/app:1.2');
    // The panel's close and the job's own button have names of their own.
    expect(screen.getByRole('button', { name: 'Close the pulls panel' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Cancel pulling 127.0.0.1:5000/team/app:1.2' })).toBeTruthy();
  });

  it('opens the run dialog for the name', () => {
    renderEntry(fakeClient().client, 'busybox:latest');
    fireEvent.click(screen.getByTestId('pull-by-name-run'));
    expect(screen.queryByTestId('pull-by-name-dialog')).toBeNull();
    expect(screen.getByTestId<HTMLInputElement>('run-image').value).toBe('busybox:latest');
  });

  it('says a bad name in Korean too', async () => {
    await i18next.changeLanguage('ko');
    renderEntry(fakeClient().client, 'redis:');
    fireEvent.blur(input());
    expect(messageText()).toBe('":" 뒤의 태그에는 영문자, 숫자, _ . - 만 쓸 수 있어요 (128자까지).');
  });
});
