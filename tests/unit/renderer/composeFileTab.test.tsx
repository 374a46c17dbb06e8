// @vitest-environment jsdom
import { EditorView } from '@codemirror/view';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ClientContext } from '../../../src/renderer/src/app/clientContext';
import { forgetKeptState } from '../../../src/renderer/src/build/useKeptState';
import { ComposeFileTab } from '../../../src/renderer/src/compose/ComposeFileTab';
import { initI18n } from '../../../src/renderer/src/i18n';
import i18n from 'i18next';
import type { BerthClient } from '../../../src/shared/client';
import type { ComposeDocument, ComposeProblem, ComposeSaveResult } from '../../../src/shared/compose';
import { BerthError } from '../../../src/shared/errors';
import { polyfillDialog } from './jsdomDialog';

beforeAll(async () => {
  await initI18n('en');
  polyfillDialog();
  // jsdom lays nothing out: CodeMirror measures with these.
  Range.prototype.getClientRects ??= () => [] as unknown as DOMRectList;
  Range.prototype.getBoundingClientRect ??= () => new DOMRect();
});

afterEach(async () => {
  cleanup();
  forgetKeptState();
  await i18n.changeLanguage('en');
});

const folder = '/home/me/shop';
const main = 'services:\n  web:\n    image: busybox\n    portz:\n      - "8080:80"\n';
const fixed = 'services:\n  web:\n    image: busybox\n';
const override = 'services:\n  web:\n    environment:\n      - DEBUG=1\n';

function unknownKey(line: number, key = 'portz', file = 'compose.yaml'): ComposeProblem {
  return { kind: 'unknown-key', file, line, column: 5, at: 'services.web', params: { key } };
}

function documentWith(problems: ComposeProblem[], content = main, version = 'v1'): ComposeDocument {
  return {
    folder,
    projectName: 'shop',
    files: [
      { path: `${folder}/compose.yaml`, name: 'compose.yaml', content, version },
      { path: `${folder}/compose.override.yaml`, name: 'compose.override.yaml', content: override, version: 'o1' },
    ],
    model: null,
    problems,
  };
}

/**
 * The main process as the tab talks to it: compose.check finds each `portz:` line as an unknown
 * key (as the real check does), compose.save answers `saves` in turn.
 */
function fakeClient(saves: ComposeSaveResult[] = []) {
  const request = vi.fn(async (name: string, input?: unknown): Promise<unknown> => {
    if (name === 'compose.check') {
      const { content, file } = input as { content: string; file: string };
      const problems = content
        .split('\n')
        .flatMap((text, index) => (text.includes('portz:') ? [unknownKey(index + 1, 'portz', file)] : []));
      return { model: null, problems };
    }
    if (name === 'compose.save') {
      const answer = saves.shift();
      if (answer) return answer;
    }
    throw new BerthError('unknown-request', name);
  });
  const subscribe = vi.fn(() => () => undefined);
  return { client: { request, subscribe } as unknown as BerthClient, request };
}

function renderTab(
  client: BerthClient,
  document = documentWith([unknownKey(4)]),
  onSaved = vi.fn(),
  show: { file: string; line: number | null } | null = null,
) {
  render(
    <ClientContext.Provider value={client}>
      <ComposeFileTab document={document} onSaved={onSaved} show={show} />
    </ClientContext.Provider>,
  );
  return onSaved;
}

function cursorLine(): number {
  const view = editor();
  return view.state.doc.lineAt(view.state.selection.main.head).number;
}

function editor(): EditorView {
  const content = screen.getByTestId('compose-editor').querySelector<HTMLElement>('.cm-content');
  const view = content && EditorView.findFromDOM(content);
  if (!view) throw new Error('no editor');
  return view;
}

function replaceText(text: string) {
  act(() => {
    const view = editor();
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
  });
}

function problemRows() {
  return screen.queryAllByTestId('compose-file-problem').map((row) => row.textContent);
}

function markedLines() {
  return [...screen.getByTestId('compose-editor').querySelectorAll<HTMLElement>('[data-problem-line]')].map((line) => [
    line.dataset.problemLine,
    line.title,
  ]);
}

describe('the compose file tab', () => {
  it('shows the opened file in the labelled YAML editor, each problem on its line and in the list', () => {
    const { client } = fakeClient();
    renderTab(client);
    expect(editor().state.doc.toString()).toBe(main);
    expect(screen.getByRole('textbox', { name: 'Compose file editor: compose.yaml' })).toBeTruthy();
    expect(problemRows()).toEqual(['Line 4: Compose has no key “portz” here. Check its spelling and its indentation.']);
    expect(markedLines()).toEqual([['4', 'Compose has no key “portz” here. Check its spelling and its indentation.']]);
    expect(screen.getByTestId('compose-editor').querySelector('.cm-problem-mark')?.getAttribute('title')).toBe(
      'Compose has no key “portz” here. Check its spelling and its indentation.',
    );
  });

  it('says the problems in Korean', async () => {
    await act(async () => {
      await i18n.changeLanguage('ko');
    });
    const { client } = fakeClient();
    renderTab(
      client,
      documentWith([
        unknownKey(4),
        {
          kind: 'wrong-type',
          file: 'compose.yaml',
          line: 2,
          column: 3,
          at: 'services.web',
          params: { expected: 'object' },
        },
      ]),
    );
    expect(problemRows()).toEqual([
      '4번째 줄: 컴포즈에는 이 위치에 “portz” 키가 없어요. 철자와 들여쓰기를 확인하세요.',
      '2번째 줄: 값의 종류가 맞지 않아요. 이 값은 매핑(키: 값) 값이어야 해요.',
    ]);
    expect(screen.getByRole('textbox', { name: '컴포즈 파일 편집기: compose.yaml' })).toBeTruthy();
  });

  it('checks the text after a pause in typing: a new unknown key is marked, the fix clears it', async () => {
    const { client, request } = fakeClient();
    renderTab(client, documentWith([]));
    expect(screen.getByTestId('compose-file-problems-none').textContent).toBe(
      'No problems: the file follows the Compose Specification.',
    );
    expect(request).not.toHaveBeenCalled();

    const typed = 'services:\n  web:\n    image: busybox\n\n\n\n\n\n\n\n\n    portz: 1\n';
    replaceText(typed);
    await waitFor(() =>
      expect(problemRows()).toEqual([
        'Line 12: Compose has no key “portz” here. Check its spelling and its indentation.',
      ]),
    );
    expect(request).toHaveBeenCalledWith('compose.check', { folder, file: 'compose.yaml', content: typed });
    // The line marks follow the list in the editor's own update: waited for, not assumed to be the same tick.
    await waitFor(() => expect(markedLines().map(([line]) => line)).toEqual(['12']));

    replaceText(fixed);
    await waitFor(() => expect(screen.queryByTestId('compose-file-problems-none')).toBeTruthy());
    await waitFor(() => expect(markedLines()).toEqual([]));
  });

  it('moves the cursor to a problem’s line when it is clicked', () => {
    const { client } = fakeClient();
    renderTab(client);
    fireEvent.click(screen.getByTestId('compose-file-problem'));
    expect(cursorLine()).toBe(4);
  });

  it('opens another file’s problem in that file, on its line', () => {
    const { client } = fakeClient();
    renderTab(client, documentWith([unknownKey(3, 'debugz', 'compose.override.yaml')]));
    expect(editor().state.doc.toString()).toBe(main);
    fireEvent.click(screen.getByTestId('compose-file-problem'));
    expect(editor().state.doc.toString()).toBe(override);
    expect(cursorLine()).toBe(3);
  });

  it('shows the place it is asked to (show in file)', () => {
    const { client } = fakeClient();
    renderTab(client, documentWith([]), vi.fn(), { file: 'compose.override.yaml', line: 4 });
    expect(editor().state.doc.toString()).toBe(override);
    expect(cursorLine()).toBe(4);
  });

  it('saves only when asked, with the version it started from, and hands the saved project on', async () => {
    const saved = documentWith([], fixed, 'v2');
    const { client, request } = fakeClient([{ saved: true, document: saved }]);
    const onSaved = renderTab(client);
    const save = screen.getByTestId('compose-file-save');
    expect(save).toHaveProperty('disabled', true);

    replaceText(fixed);
    expect(screen.getByTestId('compose-file-dirty')).toBeTruthy();
    await act(async () => {
      fireEvent.click(save);
    });
    expect(request).toHaveBeenCalledWith('compose.save', {
      folder,
      file: 'compose.yaml',
      content: fixed,
      version: 'v1',
    });
    expect(onSaved).toHaveBeenCalledWith(saved);
    expect(screen.getByTestId('compose-file-saved').textContent).toBe('Saved');
    expect(screen.queryByTestId('compose-file-dirty')).toBeNull();
  });

  it('saves with Ctrl+S from inside the editor', async () => {
    const { client, request } = fakeClient([{ saved: true, document: documentWith([], fixed, 'v2') }]);
    renderTab(client);
    replaceText(fixed);
    await act(async () => {
      fireEvent.keyDown(editor().contentDOM, { key: 's', ctrlKey: true });
    });
    expect(request).toHaveBeenCalledWith('compose.save', expect.objectContaining({ version: 'v1' }));
  });

  it('never writes over a file changed on disk: the conflict, Keep mine then a save from the new version', async () => {
    const onDisk = {
      path: `${folder}/compose.yaml`,
      name: 'compose.yaml',
      content: 'services: {}\n',
      version: 'disk2',
    };
    const { client, request } = fakeClient([
      { saved: false, onDisk },
      { saved: true, document: documentWith([], fixed, 'v3') },
    ]);
    const onSaved = renderTab(client);
    replaceText(fixed);
    await act(async () => {
      fireEvent.click(screen.getByTestId('compose-file-save'));
    });
    expect(screen.getByTestId('compose-file-conflict').textContent).toContain(
      'compose.yaml changed on disk since you opened it',
    );
    expect(onSaved).not.toHaveBeenCalled();
    expect(editor().state.doc.toString()).toBe(fixed);

    fireEvent.click(screen.getByTestId('compose-file-keep-mine'));
    expect(screen.getByTestId('compose-file-kept-mine')).toBeTruthy();
    await act(async () => {
      fireEvent.click(screen.getByTestId('compose-file-save'));
    });
    expect(request).toHaveBeenLastCalledWith('compose.save', {
      folder,
      file: 'compose.yaml',
      content: fixed,
      version: 'disk2',
    });
    expect(onSaved).toHaveBeenCalled();
  });

  it('reloads the file from disk after a confirmation, losing the edits', async () => {
    const onDisk = {
      path: `${folder}/compose.yaml`,
      name: 'compose.yaml',
      content: 'services: {}\n',
      version: 'disk2',
    };
    const { client } = fakeClient([{ saved: false, onDisk }]);
    renderTab(client);
    replaceText(fixed);
    await act(async () => {
      fireEvent.click(screen.getByTestId('compose-file-save'));
    });
    fireEvent.click(screen.getByTestId('compose-file-reload'));
    expect(screen.getByTestId('compose-file-reload-dialog').textContent).toContain('Reload compose.yaml from disk?');
    fireEvent.click(screen.getByTestId('compose-file-reload-confirm'));
    expect(editor().state.doc.toString()).toBe('services: {}\n');
    expect(screen.queryByTestId('compose-file-conflict')).toBeNull();
    expect(screen.queryByTestId('compose-file-dirty')).toBeNull();
  });

  it('switches between the main file and its override, keeping each one’s unsaved edits', () => {
    const { client } = fakeClient();
    renderTab(client, documentWith([unknownKey(2, 'debugz', 'compose.override.yaml'), unknownKey(4)]));
    const [mainSwitch, overrideSwitch] = screen.getAllByTestId('compose-file-switch');
    expect(mainSwitch?.getAttribute('aria-pressed')).toBe('true');
    expect(overrideSwitch?.textContent).toBe('compose.override.yaml(override)');
    // The other file's problem is listed with its file, and not marked in this one.
    expect(problemRows()).toEqual([
      'Line 4: Compose has no key “portz” here. Check its spelling and its indentation.',
      'In compose.override.yaml, Line 2: Compose has no key “debugz” here. Check its spelling and its indentation.',
    ]);
    replaceText(fixed);

    fireEvent.click(overrideSwitch!);
    expect(editor().state.doc.toString()).toBe(override);
    expect(markedLines().map(([line]) => line)).toEqual(['2']);
    expect(screen.getByRole('textbox', { name: 'Compose file editor: compose.override.yaml' })).toBeTruthy();
    // The main file still has its edits, marked unsaved in the switcher.
    expect(screen.getAllByTestId('compose-file-switch')[0]?.querySelector('[role=img]')).toBeTruthy();
    fireEvent.click(screen.getAllByTestId('compose-file-switch')[0]!);
    expect(editor().state.doc.toString()).toBe(fixed);
  });
});
