import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseSettingsFile, SettingsStore } from '../../src/main/settings/settingsStore';
import { BerthError } from '../../src/shared/errors';
import {
  defaultSettings,
  settingsPatchSchema,
  type SettingsPatch,
  type SettingsState,
} from '../../src/shared/settings';

describe('settingsPatchSchema', () => {
  it('keeps what a patch does not name absent (no defaults filled in)', () => {
    expect(settingsPatchSchema.parse({ language: 'en' })).toEqual({ language: 'en' });
    expect(settingsPatchSchema.parse({ notifications: { pullFailed: false } })).toEqual({
      notifications: { pullFailed: false },
    });
    expect(settingsPatchSchema.parse({})).toEqual({});
  });
});

describe('SettingsStore', () => {
  let dir: string;
  let file: string;
  const fixedNow = () => new Date('2026-03-04T05:06:07.089Z');
  const backupName = 'settings.json.corrupt-2026-03-04T05-06-07-089Z.json';
  const open = () => {
    const store = new SettingsStore({ filePath: file, now: fixedNow });
    store.load();
    return store;
  };
  const onDisk = () => JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-settings-'));
    file = path.join(dir, 'settings.json');
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('starts from the defaults when there is no file, without an error or a notice', () => {
    const store = new SettingsStore({ filePath: file });
    expect(store.load()).toEqual({ settings: defaultSettings, recovered: null, path: file });
    expect(defaultSettings).toMatchObject({ language: 'system', theme: 'system', engine: { kind: 'automatic' } });
    // Nothing is written until something changes.
    expect(fs.existsSync(file)).toBe(false);
  });

  it('saves a change and reads it back in a new store', async () => {
    const store = open();
    const state = await store.update({ language: 'ko', engine: { kind: 'context', name: 'colima' } });
    expect(state.settings).toMatchObject({ language: 'ko', engine: { kind: 'context', name: 'colima' } });
    expect(onDisk()).toEqual(state.settings);
    expect(open().state()).toEqual({ settings: state.settings, recovered: null, path: file });
  });

  it('merges notifications key by key and leaves unnamed settings as they were', async () => {
    const store = open();
    await store.update({ theme: 'dark', notifications: { pullFinished: false } });
    const state = await store.update({ notifications: { engineStopped: false } });
    expect(state.settings).toEqual({
      ...defaultSettings,
      theme: 'dark',
      notifications: { pullFinished: false, pullFailed: true, containerFailed: true, engineStopped: false },
    });
  });

  it('refuses an invalid patch with invalid-input and its issues, and changes nothing', async () => {
    const store = open();
    const listener = vi.fn();
    store.onChange(listener);
    const bad = [
      { language: 'fr' },
      { hubUrl: 'ftp://hub' },
      { engine: { kind: 'custom', url: 'http://x' } },
      { colour: 'blue' },
      { notifications: { pullFinished: 'yes' } },
      { notifications: { somethingElse: true } },
    ];
    for (const patch of bad) {
      const error = await store.update(patch as unknown as SettingsPatch).then(
        () => null,
        (reason: unknown) => reason,
      );
      expect(error, JSON.stringify(patch)).toBeInstanceOf(BerthError);
      expect((error as BerthError).code).toBe('invalid-input');
      expect((error as BerthError).issues?.length).toBeGreaterThan(0);
    }
    expect(store.state().settings).toEqual(defaultSettings);
    expect(listener).not.toHaveBeenCalled();
    expect(fs.existsSync(file)).toBe(false);
  });

  it('tells listeners after the change is saved, until they unsubscribe', async () => {
    const store = open();
    const seen: SettingsState[] = [];
    const stop = store.onChange((state) => {
      seen.push(state);
      // The change is on disk by the time listeners hear of it.
      expect(onDisk()).toEqual(state.settings);
    });
    await store.update({ theme: 'light' });
    stop();
    await store.update({ theme: 'dark' });
    expect(seen.map((state) => state.settings.theme)).toEqual(['light']);
  });

  it('subscribe sends the current state first, then each saved change, and a failing listener does not stop the others', async () => {
    const store = open();
    const seen: string[] = [];
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    store.onChange(() => {
      throw new Error('a closed window');
    });
    const stop = store.subscribe((state) => seen.push(state.settings.theme));
    expect(seen).toEqual([defaultSettings.theme]);
    await store.update({ theme: 'light' });
    stop();
    await store.update({ theme: 'dark' });
    expect(seen).toEqual([defaultSettings.theme, 'light']);
    expect(warn).toHaveBeenCalledTimes(2);
    warn.mockRestore();
  });

  it('applies concurrent updates one after another, none lost', async () => {
    const store = open();
    await Promise.all([
      store.update({ language: 'en' }),
      store.update({ theme: 'dark' }),
      store.update({ notifications: { pullFailed: false } }),
      store.update({ startAtLogin: true }),
    ]);
    const expected = {
      ...defaultSettings,
      language: 'en',
      theme: 'dark',
      startAtLogin: true,
      notifications: { ...defaultSettings.notifications, pullFailed: false },
    };
    expect(store.state().settings).toEqual(expected);
    expect(onDisk()).toEqual(expected);
  });

  it('writes atomically: no temporary file is left beside the settings', async () => {
    const store = open();
    for (let index = 0; index < 10; index += 1) await store.update({ startAtLogin: index % 2 === 0 });
    expect(fs.readdirSync(dir)).toEqual(['settings.json']);
    expect(onDisk()).toMatchObject({ startAtLogin: false });
  });

  it('creates the folder of the settings file when it does not exist yet', async () => {
    file = path.join(dir, 'nested', 'deeper', 'settings.json');
    const store = open();
    await store.update({ menuBarOnly: true });
    expect(onDisk()).toMatchObject({ menuBarOnly: true });
  });

  it('moves a corrupt file aside with every byte, uses and saves the defaults, and says so', () => {
    const original = Buffer.from('{"language": "ko", "theme": \u0000 oops');
    fs.writeFileSync(file, original);
    const state = open().state();
    const backup = path.join(dir, backupName);
    expect(state.settings).toEqual(defaultSettings);
    expect(state.recovered).toEqual({ backupPath: backup, reason: expect.stringContaining('not valid JSON') });
    expect(fs.readFileSync(backup).equals(original)).toBe(true);
    expect(onDisk()).toEqual(defaultSettings);
    // The next start reads the saved defaults: no notice again.
    expect(open().state().recovered).toBeNull();
  });

  it('treats a file with an invalid value (language "fr") the same way', () => {
    fs.writeFileSync(file, '{"language":"fr","theme":"dark"}');
    const state = open().state();
    expect(state.settings).toEqual(defaultSettings);
    expect(state.recovered?.reason).toContain('language');
    expect(fs.readFileSync(path.join(dir, backupName), 'utf8')).toBe('{"language":"fr","theme":"dark"}');
  });

  it.each([
    ['an array', '[1, 2]'],
    ['null', 'null'],
    ['an empty file', ''],
    ['an invalid engine choice', '{"engine":{"kind":"context"}}'],
  ])('recovers from %s', (_what, text) => {
    fs.writeFileSync(file, text);
    const state = open().state();
    expect(state.settings).toEqual(defaultSettings);
    expect(state.recovered?.backupPath).toBe(path.join(dir, backupName));
    expect(fs.readFileSync(path.join(dir, backupName), 'utf8')).toBe(text);
  });

  it('keeps an earlier backup: a second corrupt file the same millisecond gets its own name', () => {
    fs.writeFileSync(file, 'first {');
    open();
    fs.writeFileSync(file, 'second {');
    const state = open().state();
    expect(state.recovered?.backupPath).not.toBe(path.join(dir, backupName));
    expect(fs.readFileSync(path.join(dir, backupName), 'utf8')).toBe('first {');
    expect(fs.readFileSync(state.recovered?.backupPath ?? '', 'utf8')).toBe('second {');
  });

  it.skipIf(process.getuid?.() === 0 || process.platform === 'win32')('recovers from a file it may not read', () => {
    fs.writeFileSync(file, '{"theme":"dark"}');
    fs.chmodSync(file, 0o000);
    const state = open().state();
    expect(state.settings).toEqual(defaultSettings);
    expect(state.recovered?.reason).toContain('could not be read');
  });

  it('recovers from a settings path that is a folder, leaving it where it is', () => {
    fs.mkdirSync(file);
    fs.writeFileSync(path.join(file, 'inside'), 'keep me');
    const state = open().state();
    expect(state.settings).toEqual(defaultSettings);
    expect(state.recovered?.reason).toContain('could not be read');
    // A folder is moved aside like a file; what was in it is kept.
    expect(fs.readFileSync(path.join(state.recovered?.backupPath ?? '', 'inside'), 'utf8')).toBe('keep me');
  });

  it('fills in defaults for the keys a partial file does not have', () => {
    fs.writeFileSync(file, JSON.stringify({ language: 'en', notifications: { pullFinished: false } }));
    const state = open().state();
    expect(state.recovered).toBeNull();
    expect(state.settings).toEqual({
      ...defaultSettings,
      language: 'en',
      notifications: { ...defaultSettings.notifications, pullFinished: false },
    });
  });

  it('drops unknown keys of an older or newer version instead of losing everything, but refuses them in update', async () => {
    const text = JSON.stringify({
      language: 'ko',
      telemetry: true,
      notifications: { pullFinished: false, weeklyDigest: true },
      engine: { kind: 'context', name: 'colima', legacyHost: 'x' },
    });
    fs.writeFileSync(file, text);
    const store = open();
    expect(store.state().recovered).toBeNull();
    expect(store.state().settings).toEqual({
      ...defaultSettings,
      language: 'ko',
      engine: { kind: 'context', name: 'colima' },
      notifications: { ...defaultSettings.notifications, pullFinished: false },
    });
    // The file itself is untouched until something changes.
    expect(fs.readFileSync(file, 'utf8')).toBe(text);
    await expect(store.update({ telemetry: true } as unknown as SettingsPatch)).rejects.toMatchObject({
      code: 'invalid-input',
    });
  });

  it('loads a file written before "show stopped containers" existed, and remembers the choice once made', async () => {
    // Exactly what an earlier version saved: every key it knew, none for the Containers toggle.
    const { showStoppedContainers: _absent, ...older } = defaultSettings;
    fs.writeFileSync(file, JSON.stringify({ ...older, language: 'ko' }));
    const store = open();
    expect(store.state().recovered).toBeNull();
    expect(store.state().settings).toMatchObject({ language: 'ko', showStoppedContainers: false });

    await store.update({ showStoppedContainers: true });
    expect(open().state().settings).toMatchObject({ language: 'ko', showStoppedContainers: true });
    await expect(store.update({ showStoppedContainers: 'yes' } as unknown as SettingsPatch)).rejects.toMatchObject({
      code: 'invalid-input',
    });
  });

  it('parseSettingsFile reads a complete file back exactly', () => {
    expect(parseSettingsFile(JSON.stringify(defaultSettings))).toEqual(defaultSettings);
  });

  it('keeps settings in memory only when it has no file', async () => {
    const store = SettingsStore.inMemory();
    expect(store.load()).toEqual({ settings: defaultSettings, recovered: null, path: '' });
    const state = await store.update({ hubUrl: 'http://127.0.0.1:9999' });
    expect(state.settings.hubUrl).toBe('http://127.0.0.1:9999');
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('reports a save that fails and keeps the settings it had', async () => {
    const store = open();
    // The settings file's folder is a file: nothing can be written there.
    const blocker = path.join(dir, 'blocker');
    fs.writeFileSync(blocker, '');
    const stuck = new SettingsStore({ filePath: path.join(blocker, 'settings.json') });
    stuck.load();
    await expect(stuck.update({ theme: 'dark' })).rejects.toMatchObject({ code: 'internal' });
    expect(stuck.state().settings.theme).toBe('system');
    // And a store that failed once still saves the next change that can be saved.
    await store.update({ theme: 'dark' });
    expect(onDisk()).toMatchObject({ theme: 'dark' });
  });
});
