// @vitest-environment jsdom
import { EditorView } from '@codemirror/view';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ClientContext } from '../../../src/renderer/src/app/clientContext';
import { NavigateContext } from '../../../src/renderer/src/app/navigation';
import { BuildPage } from '../../../src/renderer/src/build/BuildPage';
import { forgetKeptState } from '../../../src/renderer/src/build/useKeptState';
import { EngineStatusProvider } from '../../../src/renderer/src/engine/engineStatus';
import { initI18n } from '../../../src/renderer/src/i18n';
import type { BuildContextSummary, BuildFolder, DockerfileSaveResult } from '../../../src/shared/builds';
import type { BerthClient } from '../../../src/shared/client';
import { BerthError } from '../../../src/shared/errors';
import { connectedStatus, disconnectedStatus } from '../../fixtures/builders/engineStatus';
import { polyfillDialog } from './jsdomDialog';

beforeAll(async () => {
  await initI18n('en');
  polyfillDialog();
  // jsdom lays nothing out: CodeMirror measures with these.
  Range.prototype.getClientRects ??= () => [] as unknown as DOMRectList;
  Range.prototype.getBoundingClientRect ??= () => new DOMRect();
});

afterEach(() => {
  cleanup();
  forgetKeptState();
});

const content = 'FROM busybox AS site\nCOPY site /www\nEXPOSE 8080\n';
const example: BuildFolder = {
  contextPath: '/home/me/.berth/examples/static-site',
  dockerfile: { path: 'Dockerfile', content, version: 'v1' },
  candidates: ['Dockerfile'],
};
const devFile = { path: 'dev.Dockerfile', content: 'FROM busybox AS dev\n', version: 'd1' };
const empty: BuildFolder = { contextPath: '/home/me/empty', dockerfile: null, candidates: [] };
const summary: BuildContextSummary = {
  contextPath: example.contextPath,
  files: 2014,
  bytes: 3_200_000,
  largestFolders: [{ path: 'site', bytes: 3_000_000, files: 2000 }],
  ignored: null,
  outsideLinks: [],
  oversized: null,
};

/** The main process as the Build page talks to it; `saves` answers builds.saveDockerfile in turn. */
function fakeClient(saves: DockerfileSaveResult[] = [], status = connectedStatus(), opened = example) {
  const request = vi.fn(async (name: string, input?: unknown): Promise<unknown> => {
    if (name === 'builds.openExample') return opened;
    if (name === 'builds.openFolder') {
      const { folder } = input as { folder: string };
      if (folder === empty.contextPath) return empty;
      if (folder === example.contextPath)
        return { ...example, dockerfile: devFile, candidates: ['Dockerfile', 'dev.Dockerfile'] };
      throw new BerthError('invalid-input', `Nothing at ${folder}.`, [{ path: 'folder', message: 'folder-missing' }]);
    }
    if (name === 'builds.context') return summary;
    if (name === 'builds.saveDockerfile') {
      const answer = saves.shift();
      if (answer) return answer;
    }
    throw new BerthError('unknown-request', name);
  });
  const subscribe = vi.fn((name: string, _input: unknown, onEvent: (value: unknown) => void) => {
    if (name === 'engine.status') onEvent(status);
    return () => undefined;
  });
  return { client: { request, subscribe } as unknown as BerthClient, request };
}

function renderPage(client: BerthClient, folder: string | null = null) {
  render(
    <ClientContext.Provider value={client}>
      <NavigateContext.Provider value={vi.fn()}>
        <EngineStatusProvider>
          <BuildPage folder={folder} />
        </EngineStatusProvider>
      </NavigateContext.Provider>
    </ClientContext.Provider>,
  );
}

async function openExample(client: BerthClient) {
  renderPage(client);
  await act(async () => {
    fireEvent.click(screen.getByTestId('build-example-static-site'));
  });
}

function editor(): EditorView {
  const content = screen.getByTestId('build-editor').querySelector<HTMLElement>('.cm-content');
  const view = content && EditorView.findFromDOM(content);
  if (!view) throw new Error('no editor');
  return view;
}

function type(text: string) {
  act(() => {
    const view = editor();
    view.dispatch({ changes: { from: view.state.doc.length, insert: text } });
  });
}

describe('the Build page', () => {
  it('opens an example: its Dockerfile in the labelled editor, what it sends, and the docker build line', async () => {
    const { client } = fakeClient();
    await openExample(client);
    expect(editor().state.doc.toString()).toBe(content);
    expect(screen.getByRole('textbox', { name: 'Dockerfile editor: Dockerfile' })).toBeTruthy();
    expect(screen.getByTestId('build-context-sends').textContent).toBe(
      'Sends 2,014 files (3.2 MB) to the Docker server',
    );
    expect(screen.getByTestId('build-tag')).toHaveProperty('value', 'static-site');
    expect(screen.getByTestId('build-command').textContent).toBe(
      `$ DOCKER_BUILDKIT=0 docker build -t static-site ${example.contextPath}`,
    );
    // The target stages follow the text as it is typed.
    type('FROM busybox AS test\n');
    const stages = [...screen.getByTestId('build-target').querySelectorAll('option')].map((option) => option.value);
    expect(stages).toEqual(['', 'site', 'test']);
    fireEvent.change(screen.getByTestId('build-target'), { target: { value: 'site' } });
    fireEvent.click(screen.getByTestId('build-no-cache'));
    expect(screen.getByTestId('build-command').textContent).toBe(
      `$ DOCKER_BUILDKIT=0 docker build -t static-site --target site --no-cache ${example.contextPath}`,
    );
  });

  it('says a bad image name under its field once the field is left, and holds the build back', async () => {
    const { client, request } = fakeClient();
    await openExample(client);
    const tag = screen.getByTestId('build-tag');
    fireEvent.change(tag, { target: { value: 'Static Site' } });
    // Not while typing...
    expect(screen.queryByRole('alert')).toBeNull();
    fireEvent.blur(tag);
    expect(screen.getByRole('alert').textContent).toContain('spaces');
    expect(tag.getAttribute('aria-invalid')).toBe('true');
    expect(screen.queryByTestId('build-command')).toBeNull();
    fireEvent.click(screen.getByTestId('build-submit'));
    expect(request).not.toHaveBeenCalledWith('builds.start', expect.anything());
    expect(document.activeElement).toBe(tag);
  });

  it('never saves over a file changed on disk: it says so, and saves over it only after "Keep mine"', async () => {
    const onDisk = { path: 'Dockerfile', content: 'FROM busybox\nRUN echo theirs\n', version: 'v2' };
    const { client, request } = fakeClient([
      { saved: false, onDisk },
      { saved: true, document: { path: 'Dockerfile', content: `${content}RUN echo mine\n`, version: 'v3' } },
    ]);
    await openExample(client);
    type('RUN echo mine\n');
    expect(screen.getByTestId('build-dirty').textContent).toBe('Unsaved changes');
    await act(async () => {
      fireEvent.click(screen.getByTestId('build-save'));
    });
    expect(request).toHaveBeenLastCalledWith('builds.saveDockerfile', {
      contextPath: example.contextPath,
      dockerfile: 'Dockerfile',
      content: `${content}RUN echo mine\n`,
      version: 'v1',
    });
    expect(screen.getByTestId('build-conflict').textContent).toContain(
      'Dockerfile changed on disk since you opened it',
    );
    // The edits are still there, still unsaved.
    expect(editor().state.doc.toString()).toBe(`${content}RUN echo mine\n`);
    expect(screen.getByTestId('build-dirty')).toBeTruthy();

    fireEvent.click(screen.getByTestId('build-keep-mine'));
    expect(screen.queryByTestId('build-conflict')).toBeNull();
    await act(async () => {
      fireEvent.keyDown(window, { key: 's', ctrlKey: true });
    });
    expect(request).toHaveBeenCalledWith('builds.saveDockerfile', expect.objectContaining({ version: 'v2' }));
    expect(screen.queryByTestId('build-dirty')).toBeNull();
    // The summary counts again after a save.
    expect(request.mock.calls.filter(([name]) => name === 'builds.context')).toHaveLength(2);
    expect(screen.getByTestId('build-saved').textContent).toBe('Saved');
  });

  it('reloads from disk only after a confirmation that says the edits are lost', async () => {
    const onDisk = { path: 'Dockerfile', content: 'FROM busybox\nRUN echo theirs\n', version: 'v2' };
    const { client } = fakeClient([{ saved: false, onDisk }]);
    await openExample(client);
    type('RUN echo mine\n');
    await act(async () => {
      fireEvent.click(screen.getByTestId('build-save'));
    });
    fireEvent.click(screen.getByTestId('build-reload'));
    expect(screen.getByTestId('build-reload-dialog').textContent).toContain(
      'Your unsaved edits to Dockerfile are lost',
    );
    expect(editor().state.doc.toString()).toBe(`${content}RUN echo mine\n`);
    fireEvent.click(screen.getByTestId('build-reload-confirm'));
    expect(editor().state.doc.toString()).toBe(onDisk.content);
    expect(screen.queryByTestId('build-dirty')).toBeNull();
  });

  it('asks to save first when Build is pressed with unsaved changes, then saves and builds', async () => {
    const { client, request } = fakeClient([
      { saved: true, document: { path: 'Dockerfile', content: `${content}RUN true\n`, version: 'v2' } },
    ]);
    await openExample(client);
    type('RUN true\n');
    fireEvent.click(screen.getByTestId('build-submit'));
    expect(screen.getByTestId('build-save-first').textContent).toContain('The build reads the Dockerfile on disk');
    expect(request).not.toHaveBeenCalledWith('builds.saveDockerfile', expect.anything());
    await act(async () => {
      fireEvent.click(screen.getByTestId('build-save-and-build'));
    });
    const names = request.mock.calls.map(([name]) => name);
    expect(names.indexOf('builds.saveDockerfile')).toBeLessThan(names.indexOf('builds.start'));
    expect(request).toHaveBeenCalledWith('builds.start', expect.objectContaining({ tag: 'static-site' }));
  });

  it('keeps the folder, the unsaved text and the options when the page is left and opened again', async () => {
    const { client } = fakeClient();
    await openExample(client);
    type('RUN echo unsaved\n');
    fireEvent.change(screen.getByTestId('build-tag'), { target: { value: 'mine:2' } });
    cleanup();
    await act(async () => renderPage(client));
    expect(screen.getByTestId('build-folder-current').textContent).toBe(example.contextPath);
    expect(editor().state.doc.toString()).toBe(`${content}RUN echo unsaved\n`);
    expect(screen.getByTestId('build-dirty')).toBeTruthy();
    expect(screen.getByTestId('build-tag')).toHaveProperty('value', 'mine:2');
  });

  it('says a folder that is not there under the path field, and writes a new Dockerfile for a folder without one', async () => {
    const { client, request } = fakeClient([
      { saved: true, document: { path: 'Dockerfile', content: 'FROM busybox\n', version: 'v1' } },
    ]);
    renderPage(client);
    fireEvent.change(screen.getByTestId('build-folder-path'), { target: { value: '/home/me/gone' } });
    await act(async () => {
      fireEvent.click(screen.getByTestId('build-folder-open'));
    });
    expect(screen.getByRole('alert').textContent).toBe(
      'There is no folder at this path. Check the spelling, or choose the folder again.',
    );

    fireEvent.change(screen.getByTestId('build-folder-path'), { target: { value: empty.contextPath } });
    await act(async () => {
      fireEvent.click(screen.getByTestId('build-folder-open'));
    });
    expect(screen.getByTestId('build-no-dockerfile').textContent).toContain('No Dockerfile in this folder');
    fireEvent.click(screen.getByTestId('build-new-dockerfile'));
    expect(editor().state.doc.toString()).toContain('FROM busybox\n');
    await act(async () => {
      fireEvent.click(screen.getByTestId('build-save'));
    });
    expect(request).toHaveBeenCalledWith(
      'builds.saveDockerfile',
      expect.objectContaining({ contextPath: empty.contextPath, dockerfile: 'Dockerfile', version: 'absent' }),
    );
  });

  it('opens and edits a Dockerfile while the Docker server is down, and says building needs it', async () => {
    const { client, request } = fakeClient([], disconnectedStatus());
    await openExample(client);
    expect(editor().state.doc.toString()).toBe(content);
    expect(screen.getByTestId('engine-unavailable-consequence').textContent).toBe(
      'You can open and edit a Dockerfile now; building it needs the Docker server.',
    );
    expect(screen.getByTestId('build-submit')).toHaveProperty('disabled', true);
    fireEvent.click(screen.getByTestId('build-submit'));
    expect(request).not.toHaveBeenCalledWith('builds.start', expect.anything());
  });

  it('offers the folder’s other Dockerfiles, and asks before leaving unsaved edits for one', async () => {
    const withTwo = { ...example, candidates: ['Dockerfile', 'dev.Dockerfile'] };
    const { client, request } = fakeClient([], connectedStatus(), withTwo);
    await openExample(client);
    type('RUN echo unsaved\n');
    fireEvent.change(screen.getByTestId('build-other-file'), { target: { value: 'dev.Dockerfile' } });
    expect(screen.getByTestId('build-discard-dialog').textContent).toContain(
      'Your unsaved edits to Dockerfile are lost',
    );
    expect(request).not.toHaveBeenCalledWith('builds.openFolder', expect.anything());
    await act(async () => {
      fireEvent.click(screen.getByTestId('build-discard-confirm'));
    });
    expect(request).toHaveBeenCalledWith('builds.openFolder', {
      folder: example.contextPath,
      dockerfile: 'dev.Dockerfile',
    });
    expect(editor().state.doc.toString()).toBe(devFile.content);
    expect(screen.queryByTestId('build-dirty')).toBeNull();
  });
});

describe('the Build page opened at a folder (#/build/<folder>, a lesson’s "Open in Build")', () => {
  it('opens that folder’s Dockerfile by itself', async () => {
    const { client, request } = fakeClient();
    await act(async () => renderPage(client, example.contextPath));
    expect(request).toHaveBeenCalledWith('builds.openFolder', { folder: example.contextPath, dockerfile: null });
    expect(screen.getByTestId('build-folder-current').textContent).toBe(example.contextPath);
    expect(editor().state.doc.toString()).toBe(devFile.content);
  });

  it('says why a folder that is not there cannot be opened', async () => {
    const { client } = fakeClient();
    await act(async () => renderPage(client, '/home/me/gone'));
    expect(screen.getByTestId('build-page').dataset.state).toBe('empty');
    expect(screen.getByText(/Nothing at \/home\/me\/gone/)).toBeTruthy();
  });
});
