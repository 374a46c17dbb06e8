import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createBackend } from '../../src/main/backend';
import { realHostSystem } from '../../src/main/host/hostSystem';
import { defaultSettings, type SettingsState } from '../../src/shared/settings';
import { injectFault, requestOk } from '../fixtures/faultTools';

// A settings file that is corrupt or cannot be read: Berth starts from the defaults, says so once
// (the settings page shows the notice with the backup's path), and keeps every byte of the bad file.

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-settings-fault-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const system = realHostSystem(process.env);

describe('settings file faults, through createBackend', () => {
  const corrupt: Array<{ fault: string; bytes: Buffer }> = [
    { fault: 'settings file truncated JSON', bytes: Buffer.from('{"language": "ko", "theme": "da') },
    { fault: 'settings file binary garbage', bytes: Buffer.from([0xff, 0xfe, 0x00, 0x7b, 0x80, 0x81, 0x0a]) },
    { fault: 'settings file wrong types', bytes: Buffer.from('{"language": 42, "engine": {"kind": "custom"}}') },
    { fault: 'settings file is an array', bytes: Buffer.from('[1, 2, 3]') },
  ];

  for (const { fault, bytes } of corrupt) {
    it(`${fault}: defaults with a notice, the bad file kept byte for byte, the next change saved`, async () => {
      await injectFault(fault, async () => {
        const file = path.join(dir, `${fault.replace(/\W+/g, '-')}.json`);
        fs.writeFileSync(file, bytes);
        const backend = createBackend({ system, settingsPath: file });
        try {
          const state = await requestOk<SettingsState>(backend.server, 'settings.get', {});
          expect(state.settings).toEqual(defaultSettings);
          expect(state.recovered).not.toBeNull();
          expect(state.recovered!.reason.length).toBeGreaterThan(20);
          expect(state.recovered!.backupPath).not.toBe(file);
          const kept = fs.readFileSync(state.recovered!.backupPath);
          const lost = kept.equals(bytes) ? 0 : 1;
          expect(kept.equals(bytes)).toBe(true);
          // Berth goes on: a change is saved to the (now valid) file.
          const updated = await requestOk<SettingsState>(backend.server, 'settings.update', { language: 'en' });
          expect(updated.settings.language).toBe('en');
          expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toMatchObject({ language: 'en' });
          return { dataLost: lost, notes: state.recovered!.reason.slice(0, 120) };
        } finally {
          backend.stop();
        }
      });
    });
  }

  it('settings file unreadable: defaults with a notice, the unreadable thing kept', async () => {
    await injectFault('settings file unreadable', async () => {
      const file = path.join(dir, 'unreadable.json');
      // As root no file mode stops a read: a folder where the file should be cannot be read as one.
      const asRoot = process.getuid?.() === 0;
      if (asRoot) {
        fs.mkdirSync(file);
        fs.writeFileSync(path.join(file, 'inside.txt'), 'keep me');
      } else {
        fs.writeFileSync(file, '{"language": "ko"}');
        fs.chmodSync(file, 0o000);
      }
      const backend = createBackend({ system, settingsPath: file });
      try {
        const state = await requestOk<SettingsState>(backend.server, 'settings.get', {});
        expect(state.settings).toEqual(defaultSettings);
        expect(state.recovered?.reason).toMatch(/could not be read/);
        const backup = state.recovered!.backupPath;
        const kept = asRoot
          ? fs.readFileSync(path.join(backup, 'inside.txt'), 'utf8') === 'keep me'
          : fs.existsSync(backup);
        expect(kept).toBe(true);
        return { dataLost: kept ? 0 : 1, notes: state.recovered!.reason.slice(0, 120) };
      } finally {
        backend.stop();
      }
    });
  });
});
