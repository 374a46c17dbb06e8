import { describe, expect, it } from 'vitest';
import { validateVolumeForm } from '../../../src/renderer/src/volumes/volumeForm';
import { createTranslator } from '../../../src/shared/i18n/translator';

const en = createTranslator('en');
const ko = createTranslator('ko');

describe('the New volume dialog’s checks (the contract’s own schema)', () => {
  it('accepts a name and labels, trimmed, leaving out empty label rows', () => {
    const { input, errors } = validateVolumeForm(en, {
      name: ' redis-data ',
      labels: [
        { key: ' project ', value: 'shop' },
        { key: '', value: '' },
      ],
    });
    expect(errors).toEqual({});
    expect(input).toEqual({ name: 'redis-data', labels: [{ key: 'project', value: 'shop' }] });
  });

  it('says the name’s rule in the user’s language, for a bad character and for a name too short', () => {
    for (const name of ['my data!', 'x', '-starts-with-dash', '']) {
      expect(validateVolumeForm(en, { name, labels: [] }).errors).toEqual({
        name: en('volumes.create.error.volume-name'),
      });
    }
    expect(validateVolumeForm(ko, { name: 'a/b', labels: [] }).errors.name).toContain('영문자, 숫자');
  });

  it('puts a bad label key on the row the user sees, even after an empty row the schema never got', () => {
    const { input, errors } = validateVolumeForm(ko, {
      name: 'ok-name',
      labels: [
        { key: '', value: '' },
        { key: 'fine', value: '1' },
        { key: 'has space', value: '2' },
        { key: '', value: 'value without key' },
      ],
    });
    expect(input).toBeNull();
    expect(errors).toEqual({
      'labels.2.key': ko('volumes.create.error.label-key'),
      'labels.3.key': ko('volumes.create.error.label-key'),
    });
  });
});

describe('a label value too long', () => {
  it('is said on its row, not dropped silently', () => {
    const { input, errors } = validateVolumeForm(en, {
      name: 'ok-name',
      labels: [{ key: 'k', value: 'x'.repeat(4097) }],
    });
    expect(input).toBeNull();
    expect(errors).toEqual({ 'labels.0.value': en('volumes.create.error.label-value') });
  });
});
