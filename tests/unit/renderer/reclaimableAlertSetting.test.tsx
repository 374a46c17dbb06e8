// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { initI18n } from '../../../src/renderer/src/i18n';
import { parseAlertGb, ReclaimableAlertSetting } from '../../../src/renderer/src/disk/ReclaimableAlertSetting';

beforeAll(async () => {
  await initI18n('en');
});
afterEach(cleanup);

describe("Settings' disk usage hint threshold", () => {
  it.each([
    ['10', 10],
    ['0', 0],
    [' 2.5 ', 2.5],
    ['100000', 100_000],
    ['100001', null],
    ['-1', null],
    ['ten', null],
    ['', null],
    ['1e3', null],
  ])('%j → %s', (text, value) => {
    expect(parseAlertGb(text)).toBe(value);
  });

  it('says what is wrong next to the field and saves nothing; a good value is saved', () => {
    const onSave = vi.fn(async () => undefined);
    render(<ReclaimableAlertSetting value={10} onSave={onSave} />);
    const field = screen.getByRole('textbox', { name: 'Gigabytes that can be freed' });
    fireEvent.change(field, { target: { value: 'lots' } });
    fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
    expect(screen.getByRole('alert').textContent).toBe('Enter a number of gigabytes from 0 to 100000.');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(onSave).not.toHaveBeenCalled();
    fireEvent.change(field, { target: { value: '25' } });
    fireEvent.keyDown(field, { key: 'Enter' });
    expect(onSave).toHaveBeenCalledWith(25);
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
