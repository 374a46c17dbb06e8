// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ShellChoices } from '../../../src/renderer/src/containers/details/ShellChoices';
import { initI18n } from '../../../src/renderer/src/i18n';

beforeAll(async () => {
  await initI18n('en');
});

afterEach(() => cleanup());

describe('ShellChoices', () => {
  it('offers only the shells the container has', () => {
    const onChoose = vi.fn();
    render(<ShellChoices shells={['bash']} notFound={null} onChoose={onChoose} />);
    expect(screen.getByTestId('terminal-no-shell').textContent).toBe('This image has no sh. It has bash.');
    expect(screen.queryByTestId('terminal-shell-ash')).toBeNull();
    fireEvent.click(screen.getByTestId('terminal-shell-bash'));
    expect(onChoose).toHaveBeenCalledWith(['bash']);
  });

  it('explains nothing is missing when the user only asked to change shells', () => {
    render(<ShellChoices shells={['sh', 'ash']} notFound={null} onChoose={() => undefined} />);
    expect(screen.queryByTestId('terminal-no-shell')).toBeNull();
    expect(screen.getByText('Choose a shell, or run another program in the container.')).toBeTruthy();
    expect(screen.getByTestId('terminal-shell-ash')).toBeTruthy();
  });

  it('says which program was not found', () => {
    render(<ShellChoices shells={[]} notFound="/app" onChoose={() => undefined} />);
    expect(screen.getByTestId('terminal-no-shell').textContent).toBe('This container has no program named /app.');
  });

  it("splits the user's own command as a shell would, and says inline what is wrong with a bad one", () => {
    const onChoose = vi.fn();
    render(<ShellChoices shells={[]} notFound={null} onChoose={onChoose} />);
    const input = screen.getByTestId('terminal-custom');
    fireEvent.click(screen.getByTestId('terminal-custom-run'));
    expect(screen.getByRole('alert').textContent).toBe('Type the program to run.');
    fireEvent.change(input, { target: { value: "/busybox sh -c 'echo hi" } });
    fireEvent.click(screen.getByTestId('terminal-custom-run'));
    expect(screen.getByRole('alert').textContent).toContain('never closed');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(onChoose).not.toHaveBeenCalled();
    fireEvent.change(input, { target: { value: "/busybox sh -c 'echo hi'" } });
    fireEvent.click(screen.getByTestId('terminal-custom-run'));
    expect(onChoose).toHaveBeenCalledWith(['/busybox', 'sh', '-c', 'echo hi']);
  });
});
