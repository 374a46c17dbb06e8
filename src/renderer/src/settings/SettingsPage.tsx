import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { BerthError, toBerthError } from '../../../shared/errors';
import type { NotificationKind, SettingsPatch } from '../../../shared/settings';
import { ProblemCard } from '../engine/ProblemCard';
import { Button } from '../ui/Button';
import { inputClass } from '../ui/Field';
import { ReclaimableAlertSetting } from '../disk/ReclaimableAlertSetting';
import { EngineChoiceEditor } from './EngineChoiceEditor';
import { useSettings } from './settingsStore';

function Section({ title, help, children }: { title: string; help?: string; children: ReactNode }) {
  return (
    <section className="border-b border-slate-200 py-5 dark:border-slate-800">
      <h2 className="font-semibold">{title}</h2>
      {help && <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{help}</p>}
      <div className="mt-3">{children}</div>
    </section>
  );
}

const notificationKinds: NotificationKind[] = ['pullFinished', 'pullFailed', 'containerFailed', 'engineStopped'];

/** Every setting, applied as soon as it changes; bad values get a sentence next to the field. */
export function SettingsPage() {
  const { t } = useTranslation();
  const { state, update } = useSettings();
  const [hubUrl, setHubUrl] = useState<string | null>(null);
  const [failure, setFailure] = useState<BerthError | null>(null);
  const [hubError, setHubError] = useState<string | null>(null);
  if (!state) return null;
  const settings = state.settings;

  const save = async (patch: SettingsPatch) => {
    setFailure(null);
    try {
      await update(patch);
    } catch (caught) {
      setFailure(toBerthError(caught));
      throw caught;
    }
  };

  const choice = <K extends 'language' | 'theme'>(key: K, values: readonly string[]) => (
    <div className="flex flex-wrap gap-2" role="radiogroup" aria-label={t(`settings.${key}.label`)}>
      {values.map((value) => (
        <label
          key={value}
          className={`flex cursor-pointer items-center gap-2 rounded-md border px-3 py-1.5 text-sm ${settings[key] === value ? 'border-sky-500 bg-sky-50 dark:bg-sky-950/50' : 'border-slate-300 dark:border-slate-600'}`}
        >
          <input
            type="radio"
            name={key}
            value={value}
            checked={settings[key] === value}
            onChange={() => void save({ [key]: value } as SettingsPatch).catch(() => undefined)}
            data-testid={`setting-${key}-${value}`}
          />
          {t(`settings.${key}.${value}`)}
        </label>
      ))}
    </div>
  );

  const toggle = (label: string, checked: boolean, patch: (value: boolean) => SettingsPatch, testId: string) => (
    <label className="flex items-center gap-2 py-1 text-sm">
      <input
        type="checkbox"
        checked={checked}
        onChange={(event) => void save(patch(event.target.checked)).catch(() => undefined)}
        data-testid={testId}
      />
      {label}
    </label>
  );

  const hubValue = hubUrl ?? settings.hubUrl;
  const saveHub = () => {
    const value = hubValue.trim();
    if (value && !/^https?:\/\/[^\s/]+/.test(value)) {
      setHubError(t('settings.hub.invalid'));
      return;
    }
    setHubError(null);
    void save({ hubUrl: value })
      .then(() => setHubUrl(null))
      .catch(() => undefined);
  };

  return (
    <div className="mx-auto max-w-3xl p-6" data-testid="settings-page">
      <h1 className="text-xl font-semibold">{t('settings.title')}</h1>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{t('settings.intro')}</p>
      {state.recovered && (
        <p
          role="alert"
          data-testid="settings-recovered"
          className="mt-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-700/60 dark:bg-amber-950/40 dark:text-amber-200"
        >
          {t('settings.recovered', { path: state.recovered.backupPath })}
        </p>
      )}
      {failure && <ProblemCard problem={failure.toWire()} />}
      <Section title={t('settings.language.label')}>{choice('language', ['system', 'ko', 'en'])}</Section>
      <Section title={t('settings.theme.label')}>{choice('theme', ['system', 'light', 'dark'])}</Section>
      <Section title={t('settings.engine.label')} help={t('settings.engine.help')}>
        <EngineChoiceEditor onChoose={(engine) => save({ engine })} />
      </Section>
      <Section title={t('settings.hub.label')} help={t('settings.hub.help')}>
        <div className="flex gap-2">
          <input
            className={`${inputClass} font-mono`}
            aria-label={t('settings.hub.label')}
            aria-invalid={Boolean(hubError)}
            placeholder="https://hub.docker.com"
            value={hubValue}
            onChange={(event) => setHubUrl(event.target.value)}
            onBlur={saveHub}
            data-testid="setting-hub-url"
          />
          <Button onClick={saveHub}>{t('settings.engine.apply')}</Button>
        </div>
        {hubError && (
          <p role="alert" className="mt-1 text-xs text-rose-600">
            {hubError}
          </p>
        )}
      </Section>
      <Section title={t('settings.app.label')}>
        {toggle(
          t('settings.app.startAtLogin'),
          settings.startAtLogin,
          (value) => ({ startAtLogin: value }),
          'setting-start-at-login',
        )}
        {toggle(
          t('settings.app.menuBarOnly'),
          settings.menuBarOnly,
          (value) => ({ menuBarOnly: value }),
          'setting-menu-bar-only',
        )}
        {toggle(
          t('settings.app.showTrayIcon'),
          settings.showTrayIcon,
          (value) => ({ showTrayIcon: value }),
          'setting-show-tray',
        )}
      </Section>
      <Section title={t('settings.notifications.label')}>
        {notificationKinds.map((kind) => (
          <div key={kind}>
            {toggle(
              t(`settings.notifications.${kind}`),
              settings.notifications[kind],
              (value) => ({ notifications: { [kind]: value } }),
              `setting-notify-${kind}`,
            )}
          </div>
        ))}
      </Section>
      <Section title={t('disk.settings.label')} help={t('disk.settings.help')}>
        <ReclaimableAlertSetting
          value={settings.reclaimableAlertGb}
          onSave={(gb) => save({ reclaimableAlertGb: gb })}
        />
      </Section>
      <p className="mt-4 font-mono text-xs text-slate-500">{t('settings.file', { path: state.path })}</p>
    </div>
  );
}
