// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ComposeProjectPage } from '../../../src/renderer/src/compose/ComposeProjectPage';
import { initI18n } from '../../../src/renderer/src/i18n';
import { BerthError } from '../../../src/shared/errors';
import { connectedStatus } from '../../fixtures/builders/engineStatus';
import { composeDocument, fakeClient, found, job, model, projectState, renderCompose, service } from './composeFakes';
import { polyfillDialog, polyfillPopover } from './jsdomDialog';

beforeAll(async () => {
  polyfillDialog();
  polyfillPopover();
  await initI18n('en');
});
afterEach(() => cleanup());

const target = {
  projectName: 'visit-counter',
  folder: '/home/me/visit-counter',
  files: ['/home/me/visit-counter/compose.yaml'],
};

async function openProject(answers: Record<string, unknown>, document = composeDocument()) {
  const fake = fakeClient({ 'compose.tool': found, 'compose.run': job(), ...answers });
  renderCompose(fake.client, <ComposeProjectPage name="visit-counter" />, { document });
  await fake.push('engine.status', connectedStatus());
  return fake;
}

describe('a compose project', () => {
  it('with problems in its file keeps Up disabled, says why with the line, and leads to the File tab', async () => {
    const fake = await openProject(
      {},
      composeDocument({
        model: null,
        problems: [
          {
            kind: 'unknown-key',
            file: 'compose.yaml',
            line: 4,
            column: 5,
            at: 'services.web',
            params: { key: 'imgae' },
          },
        ],
      }),
    );
    await fake.push('compose.projects', []);
    const up = screen.getByTestId('compose-up') as HTMLButtonElement;
    expect(up.disabled).toBe(true);
    expect(up.title).toBe('Up waits until the problem in the compose file is fixed.');
    expect(screen.getByTestId('compose-problems').textContent).toBe(
      'compose.yaml, line 4: Compose has no key “imgae” here. Check its spelling and its indentation.',
    );
    // Nothing runs yet: only Up (and Pull) make sense.
    expect((screen.getByTestId('compose-stop') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByTestId('compose-down').title).toBe(
      'Nothing of this project runs yet: Up creates and starts its containers.',
    );
    expect((screen.getByTestId('compose-pull') as HTMLButtonElement).disabled).toBe(false);
    fireEvent.click(screen.getByTestId('compose-show-file'));
    expect(screen.getByTestId('compose-tab-file').getAttribute('aria-selected')).toBe('true');
    expect(fake.requested('compose.run')).toEqual([]);
  });

  it('shows the file’s services merged with their live state and the running command’s phases', async () => {
    const fake = await openProject({});
    const exited = projectState({
      status: 'partly',
      services: [
        projectState().services[0]!,
        {
          ...projectState().services[1]!,
          containers: [{ ...projectState().services[1]!.containers[0]!, state: 'exited', exitCode: 3 }],
        },
      ],
    });
    await fake.push('compose.projects', [exited]);
    const states = () =>
      Object.fromEntries(
        screen
          .getAllByTestId('compose-service')
          .map((row) => [row.dataset.service, within(row).getByTestId('compose-service-state')]),
      );
    expect(states().web!.textContent).toBe('Running');
    expect(states().redis!.textContent).toBe('Exited (3)');
    expect(states().redis!.dataset.tone).toBe('amber');
    const web = screen.getAllByTestId('compose-service')[0]!;
    expect(web.textContent).toContain('/home/me/visit-counter/web');
    expect(web.textContent).toContain('8080:80');
    expect(screen.getByTestId('compose-depends-on-list').textContent).toBe('web waits for redis to start.');

    await fake.push(
      'compose.jobs',
      job({ phases: { redis: 'pulling' }, output: [{ stream: 'stderr', text: 'Pulling redis ...' }] }),
    );
    expect(states().redis!.textContent).toBe('Pulling image');
    expect(screen.getByTestId('compose-job-command').textContent).toBe(
      'docker-compose -p visit-counter -f compose.yaml up -d',
    );
    expect((screen.getByTestId('compose-up') as HTMLButtonElement).disabled).toBe(true);
    await act(async () => fireEvent.click(screen.getByTestId('compose-job-cancel')));
    expect(fake.requested('compose.cancel')).toEqual([{ id: 'j1' }]);

    await fake.push(
      'compose.jobs',
      job({
        state: 'failed',
        exitCode: 1,
        finishedAt: 2,
        output: [{ stream: 'stderr', text: 'ERROR: port is already allocated' }],
      }),
    );
    expect(screen.getByTestId('compose-job-summary').textContent).toBe(
      'Up failed: compose ended with exit code 1. Its last lines below say why.',
    );
    expect(screen.getByTestId('compose-job-last-lines').textContent).toContain('port is already allocated');
    expect(states().redis!.textContent).toBe('Exited (3)');
  });

  it('runs Up and a service’s Restart on the project’s folder and files', async () => {
    const fake = await openProject({ 'compose.run': job({ state: 'done', exitCode: 0, finishedAt: 2 }) });
    await fake.push('compose.projects', [projectState()]);
    await act(async () => fireEvent.click(screen.getByTestId('compose-up')));
    const redis = screen.getAllByTestId('compose-service')[1]!;
    fireEvent.click(within(redis).getByRole('button', { name: 'Actions for the service redis' }));
    expect(screen.getByTestId('compose-service-restart').textContent).toBe('Restart');
    await act(async () => fireEvent.click(screen.getByTestId('compose-service-restart')));
    expect(fake.requested('compose.run')).toEqual([
      { target, action: 'up' },
      { target, action: 'restart', services: ['redis'] },
    ]);
  });

  it('hides secret values until asked', async () => {
    const fake = await openProject(
      {},
      composeDocument({
        model: model([
          service('db', {
            environment: [
              { name: 'DB_PASSWORD', value: 'hunter2', secret: true },
              { name: 'MODE', value: 'dev', secret: false },
            ],
          }),
        ]),
      }),
    );
    await fake.push('compose.projects', []);
    const env = screen.getByTestId('compose-service-env');
    expect(env.textContent).not.toContain('hunter2');
    expect(env.textContent).toContain('MODE=dev');
    fireEvent.click(within(env).getByRole('button', { name: 'Show the value of DB_PASSWORD' }));
    expect(env.textContent).toContain('DB_PASSWORD=hunter2');
  });

  it('asks before up when the file shares the Docker server’s socket, naming the service, the path and why', async () => {
    const fake = await openProject(
      {},
      composeDocument({
        model: model([service('tool')], {
          riskyMounts: [{ service: 'tool', source: '/var/run/docker.sock', kind: 'socket' }],
        }),
      }),
    );
    await fake.push('compose.projects', []);
    fireEvent.click(screen.getByTestId('compose-up'));
    const dialog = screen.getByTestId('compose-risky-dialog');
    expect(within(dialog).getByTestId('compose-risky-items').textContent).toBe(
      'tool: /var/run/docker.sock. This is the Docker server’s socket: a container given it could control this computer. Share another folder.',
    );
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(fake.requested('compose.run')).toEqual([]);

    fireEvent.click(screen.getByTestId('compose-up'));
    await act(async () => fireEvent.click(screen.getByTestId('compose-risky-confirm')));
    expect(fake.requested('compose.run')).toEqual([
      { target, action: 'up', confirmedMounts: ['/var/run/docker.sock'] },
    ]);
  });

  const plan = {
    projectName: 'visit-counter',
    containers: ['visit-counter-web-1', 'visit-counter-redis-1'],
    networks: ['visit-counter_default'],
    volumes: [
      { name: 'visit-counter_data', anonymous: false, inUseByOthers: [] },
      { name: 'a'.repeat(64), anonymous: true, inUseByOthers: [] },
      { name: 'shared-cache', anonymous: false, inUseByOthers: ['other-app'] },
    ],
  };

  it('down names what goes and keeps the volumes unless ticked', async () => {
    const fake = await openProject({ 'compose.downPlan': plan, 'compose.run': job({ action: 'down' }) });
    await fake.push('compose.projects', [projectState()]);
    await act(async () => fireEvent.click(screen.getByTestId('compose-down')));
    expect(fake.requested('compose.downPlan')).toEqual([target]);
    const dialog = screen.getByTestId('compose-down-dialog');
    expect(dialog.textContent).toContain('docker-compose down stops and removes these containers and networks.');
    expect(within(dialog).getByTestId('compose-down-items').textContent).toBe(
      'container visit-counter-web-1container visit-counter-redis-1network visit-counter_default',
    );
    expect(within(dialog).getByTestId('compose-down-volumes').textContent).toBe(
      'visit-counter_data, anonymous volume aaaaaaaaaaaa',
    );
    expect(within(dialog).getByTestId('compose-down-volumes-in-use').textContent).toContain(
      'shared-cache (used by other-app)',
    );
    expect((within(dialog).getByRole('checkbox') as HTMLInputElement).checked).toBe(false);
    await act(async () => fireEvent.click(screen.getByTestId('compose-down-confirm')));
    expect(fake.requested('compose.run')).toEqual([
      { target, action: 'down', confirm: 'visit-counter', removeVolumes: [] },
    ]);
    expect(screen.queryByTestId('compose-down-dialog')).toBeNull();

    await fake.push('compose.jobs', job({ action: 'down', state: 'done', exitCode: 0, finishedAt: 2 }));
    expect(screen.getByTestId('compose-job-summary').textContent).toContain('The volumes were kept');
  });

  it('down with "Also remove volumes" ticked sends exactly the offered volumes', async () => {
    const fake = await openProject({ 'compose.downPlan': plan, 'compose.run': job({ action: 'down' }) });
    await fake.push('compose.projects', [projectState()]);
    await act(async () => fireEvent.click(screen.getByTestId('compose-down')));
    fireEvent.click(within(screen.getByTestId('compose-down-dialog')).getByRole('checkbox'));
    await act(async () => fireEvent.click(screen.getByTestId('compose-down-confirm')));
    expect(fake.requested('compose.run')).toEqual([
      { target, action: 'down', confirm: 'visit-counter', removeVolumes: ['visit-counter_data', 'a'.repeat(64)] },
    ]);
    await fake.push(
      'compose.jobs',
      job({ action: 'down', state: 'done', exitCode: 0, finishedAt: 2, removedVolumes: ['visit-counter_data'] }),
    );
    expect(screen.getByTestId('compose-job-summary').textContent).toBe(
      'The containers and networks are removed, and these volumes too: visit-counter_data.',
    );
  });

  it('a project started in a terminal opens its file from the labels, and says so when the file is gone', async () => {
    const fake = fakeClient({
      'compose.tool': found,
      'compose.open': new BerthError('not-found', 'no such file'),
      'compose.run': job({ action: 'stop' }),
    });
    renderCompose(fake.client, <ComposeProjectPage name="visit-counter" />);
    await fake.push('engine.status', connectedStatus());
    await act(async () => fake.push('compose.projects', [projectState()]));
    expect(fake.requested('compose.open')).toEqual([{ path: '/home/me/visit-counter/compose.yaml' }]);
    expect(screen.getByTestId('compose-file-unreadable').textContent).toContain('/home/me/visit-counter/compose.yaml');
    expect(screen.getAllByTestId('compose-service').map((row) => row.dataset.service)).toEqual(['web', 'redis']);
    // The labels still say where: Stop runs on the folder and files they name.
    await act(async () => fireEvent.click(screen.getByTestId('compose-stop')));
    expect(fake.requested('compose.run')).toEqual([{ target, action: 'stop' }]);
  });
});
