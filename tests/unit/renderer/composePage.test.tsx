// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ComposePage } from '../../../src/renderer/src/compose/ComposePage';
import { initI18n } from '../../../src/renderer/src/i18n';
import { BerthError } from '../../../src/shared/errors';
import { connectedStatus, disconnectedStatus } from '../../fixtures/builders/engineStatus';
import { composeDocument, fakeClient, found, projectState, renderCompose } from './composeFakes';
import { polyfillDialog } from './jsdomDialog';

beforeAll(async () => {
  polyfillDialog();
  await initI18n('en');
});
afterEach(() => cleanup());

describe('the Compose page', () => {
  it('without compose says what to install on Linux and how to check, and looks again when asked', async () => {
    let answer: unknown = {
      found: false,
      searched: ['/usr/libexec/docker/cli-plugins/docker-compose', 'PATH'],
      platform: 'linux',
    };
    const fake = fakeClient({ 'compose.tool': () => answer });
    renderCompose(fake.client, <ComposePage />);
    await fake.push('engine.status', connectedStatus());
    const notice = await screen.findByTestId('compose-tool-missing');
    expect(notice.textContent).toContain('sudo apt install docker-compose-plugin');
    expect(notice.textContent).toContain('sudo apt install docker-compose');
    expect(notice.textContent).toContain('docker compose version');
    expect(notice.textContent).toContain('/usr/libexec/docker/cli-plugins/docker-compose');
    // Commands are shown as code, never with their backticks.
    expect(notice.textContent).not.toContain('`');

    answer = found;
    await act(async () => fireEvent.click(screen.getByTestId('compose-tool-check-again')));
    expect(fake.requested('compose.tool')).toHaveLength(2);
    expect(screen.queryByTestId('compose-tool-missing')).toBeNull();
  });

  it('on macOS and Windows says Docker Desktop includes compose', async () => {
    const fake = fakeClient({ 'compose.tool': { found: false, searched: [], platform: 'darwin' } });
    renderCompose(fake.client, <ComposePage />);
    expect((await screen.findByTestId('compose-tool-missing')).textContent).toContain(
      'Docker Desktop: it includes compose',
    );
  });

  it('with nothing running or opened explains compose and opens the example into its project view', async () => {
    const fake = fakeClient({ 'compose.tool': found, 'compose.openExample': composeDocument() });
    const navigate = renderCompose(fake.client, <ComposePage />);
    await fake.push('engine.status', connectedStatus());
    expect(screen.getByText('Looking for compose projects…')).toBeTruthy();
    await fake.push('compose.projects', []);
    expect(screen.getByTestId('compose-empty').textContent).toContain('a web service and redis, described in one file');

    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Try an example' })));
    expect(fake.requested('compose.openExample')).toEqual([{ name: 'visit-counter' }]);
    expect(navigate).toHaveBeenCalledWith('compose', 'visit-counter');
    // The opened document is kept: the page lists it, not started, instead of the empty state.
    expect(screen.queryByTestId('compose-empty')).toBeNull();
    const opened = screen.getByTestId('compose-project');
    expect(opened.dataset.status).toBe('not-started');
    expect(opened.textContent).toContain('2 services, not started');
  });

  it('lists the projects the Docker server runs with their status, counts, folder and a link to each', async () => {
    const fake = fakeClient({ 'compose.tool': found });
    renderCompose(fake.client, <ComposePage />);
    await fake.push('engine.status', connectedStatus());
    const partly = projectState({
      name: 'shop',
      workingDir: '/srv/shop',
      status: 'partly',
      services: [
        {
          ...projectState().services[0]!,
          containers: [{ ...projectState().services[0]!.containers[0]!, state: 'exited', exitCode: 0 }],
        },
        projectState().services[1]!,
      ],
    });
    await fake.push('compose.projects', [projectState(), partly]);
    const [first, second] = screen.getAllByTestId('compose-project');
    expect(
      within(first!).getByRole('link', { name: 'Open the compose project visit-counter' }).getAttribute('href'),
    ).toBe('#/compose/visit-counter');
    expect(within(first!).getByTestId('compose-project-status').textContent).toBe('Running');
    expect(within(second!).getByTestId('compose-project-status').textContent).toBe('Partly running');
    expect(within(second!).getByTestId('compose-project-counts').textContent).toBe(
      '1 of 2 containers running, 2 services',
    );
    expect(second!.textContent).toContain('/srv/shop');
  });

  it('opens a typed path with compose.open', async () => {
    const fake = fakeClient({ 'compose.tool': found, 'compose.open': composeDocument({ projectName: 'mine' }) });
    const navigate = renderCompose(fake.client, <ComposePage />);
    fireEvent.change(screen.getByTestId('compose-open-path'), { target: { value: 'relative/path' } });
    await act(async () => fireEvent.click(screen.getByTestId('compose-open-open')));
    expect(fake.requested('compose.open')).toEqual([]);
    fireEvent.change(screen.getByTestId('compose-open-path'), { target: { value: '/home/me/mine' } });
    await act(async () => fireEvent.click(screen.getByTestId('compose-open-open')));
    expect(fake.requested('compose.open')).toEqual([{ path: '/home/me/mine' }]);
    expect(navigate).toHaveBeenCalledWith('compose', 'mine');
  });

  it('says under the path why a folder cannot be opened', async () => {
    const fake = fakeClient({
      'compose.tool': found,
      'compose.open': new BerthError('not-found', 'no compose file', [{ path: 'path', message: 'no-compose-file' }]),
    });
    renderCompose(fake.client, <ComposePage />);
    fireEvent.change(screen.getByTestId('compose-open-path'), { target: { value: '/home/me/empty' } });
    await act(async () => fireEvent.click(screen.getByTestId('compose-open-open')));
    expect(screen.getByTestId('compose-open').textContent).toContain('There is no compose file here.');
  });

  it('without the Docker server says so and does not ask for the projects', async () => {
    const fake = fakeClient({ 'compose.tool': found });
    renderCompose(fake.client, <ComposePage />);
    await fake.push('engine.status', disconnectedStatus());
    expect(screen.getByTestId('engine-unavailable').textContent).toContain('Berth cannot list the compose projects');
    expect(fake.subscribe.mock.calls.map(([name]) => name)).not.toContain('compose.projects');
  });
});
