// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ConfirmDialog, type ConfirmDialogProps } from '../../../src/renderer/src/ui/ConfirmDialog';
import { BerthError } from '../../../src/shared/errors';
import { polyfillDialog } from './jsdomDialog';

beforeAll(() => polyfillDialog());
afterEach(() => cleanup());

const base: ConfirmDialogProps = {
  title: 'Remove 2 containers?',
  body: <p>These containers and their logs are removed:</p>,
  items: [
    { key: 'a', label: 'web-1' },
    { key: 'b', label: 'db-1' },
  ],
  itemsTestId: 'items',
  cancelLabel: 'Cancel',
  confirmLabel: 'Remove',
  onCancel: () => {},
  onConfirm: () => {},
  confirmTestId: 'confirm',
};

describe('ConfirmDialog', () => {
  it('shows the last failure as a problem card, with the heading the dialog gives it, and nothing without one', () => {
    const { rerender } = render(<ConfirmDialog {...base} failure={null} />);
    expect(screen.queryByTestId('problem')).toBeNull();
    rerender(
      <ConfirmDialog
        {...base}
        failure={new BerthError('in-use', 'container web-1 uses it')}
        failureHeading="web-1 still uses it"
      />,
    );
    const card = screen.getByTestId('problem');
    expect(card.getAttribute('data-problem')).toBe('in-use');
    expect(screen.getByRole('heading', { name: 'web-1 still uses it' })).toBeTruthy();
    expect(screen.getByTestId('problem-detail').textContent).toBe('container web-1 uses it');
  });

  it('names every item it destroys and starts with focus on Cancel', () => {
    render(<ConfirmDialog {...base} />);
    const items = screen.getByTestId('items');
    expect(Array.from(items.querySelectorAll('li'), (li) => li.textContent)).toEqual(['web-1', 'db-1']);
    expect(screen.getByRole('heading', { name: 'Remove 2 containers?' })).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Cancel' }));
  });

  it('keeps Confirm disabled until the second confirmation is ticked, then passes force', () => {
    const onConfirm = vi.fn();
    render(
      <ConfirmDialog
        {...base}
        onConfirm={onConfirm}
        secondConfirmation={{ warning: <p>web-1 is running.</p>, label: 'Stop and remove', checkboxTestId: 'force' }}
      />,
    );
    const confirm = screen.getByTestId('confirm') as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);
    fireEvent.click(screen.getByTestId('force'));
    expect(confirm.disabled).toBe(false);
    fireEvent.click(confirm);
    expect(onConfirm).toHaveBeenCalledWith({ force: true, removeVolumes: false });
  });

  it('cannot be confirmed at all when the second confirmation offers no checkbox', () => {
    render(<ConfirmDialog {...base} secondConfirmation={{ warning: <p>In use by a running container.</p> }} />);
    expect((screen.getByTestId('confirm') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.queryByRole('checkbox')).toBeNull();
  });

  it('passes the volumes choice, and force false when no second confirmation was asked', () => {
    const onConfirm = vi.fn();
    render(<ConfirmDialog {...base} onConfirm={onConfirm} volumesLabel="Also remove its volumes" />);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Also remove its volumes' }));
    fireEvent.click(screen.getByTestId('confirm'));
    expect(onConfirm).toHaveBeenCalledWith({ force: false, removeVolumes: true });
  });

  it('calls onCancel from Cancel and never onConfirm', () => {
    const onCancel = vi.fn();
    const onConfirm = vi.fn();
    render(<ConfirmDialog {...base} onCancel={onCancel} onConfirm={onConfirm} />);
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onCancel).toHaveBeenCalledOnce();
    expect(onConfirm).not.toHaveBeenCalled();
  });
});
