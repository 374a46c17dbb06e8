// @vitest-environment jsdom
import { act, cleanup, render } from '@testing-library/react';
import { useCallback, useRef } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { CommandsProvider, useCommand, useCommands } from '../../../src/renderer/src/app/commands';

afterEach(cleanup);

function SearchBox() {
  const inputRef = useRef<HTMLInputElement>(null);
  useCommand(
    'focus-search',
    useCallback(() => inputRef.current?.focus(), []),
  );
  return <input ref={inputRef} data-testid="search" aria-label="search" />;
}

function Runner() {
  const { run } = useCommands();
  return <button onClick={() => run('focus-search')}>run</button>;
}

describe('commands', () => {
  it('runs the command a mounted screen offers, and nothing once it is gone', () => {
    const view = render(
      <CommandsProvider>
        <Runner />
        <SearchBox />
      </CommandsProvider>,
    );
    act(() => view.getByText('run').click());
    expect(document.activeElement).toBe(view.getByTestId('search'));

    view.rerender(
      <CommandsProvider>
        <Runner />
      </CommandsProvider>,
    );
    expect(() => act(() => view.getByText('run').click())).not.toThrow();
  });
});
