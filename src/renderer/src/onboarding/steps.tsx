import { useNow } from '../ui/useNow';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DetectionReport } from '../../../shared/onboarding';
import { Button } from '../ui/Button';
import { useCopy } from '../ui/useCopy';

export function StepFrame({ title, body, children }: { title: string; body?: string; children?: ReactNode }) {
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-semibold">{title}</h1>
      {body && <p className="max-w-2xl leading-7 text-slate-700 dark:text-slate-300">{body}</p>}
      {children}
    </section>
  );
}

/** A command to type in a terminal, with a Copy button (the lessons show their steps' commands with it too): code, never translated. */
export function Command({
  text,
  testId = 'onboarding-command',
  copyLabel,
}: {
  text: string;
  testId?: string;
  /** The Copy button's accessible name, where several commands share a screen. */
  copyLabel?: string;
}) {
  const { t } = useTranslation();
  const [state, copy] = useCopy();
  return (
    <div
      className="flex items-center gap-2 rounded-md bg-slate-900 px-3 py-2 font-mono text-sm text-slate-100"
      data-testid={testId}
    >
      <code className="min-w-0 flex-1 break-words select-all">$ {text}</code>
      <Button className="!px-2 !py-0.5 text-xs" onClick={() => void copy(text)} aria-label={copyLabel}>
        {state === 'copied' ? t('onboarding.start.copied') : t('onboarding.start.copy')}
      </Button>
    </div>
  );
}

export function ExternalLink({ href, children }: { href: string; children: ReactNode }) {
  // target=_blank: in Electron the window-open handler sends it to the OS browser.
  return (
    <a href={href} target="_blank" rel="noreferrer" className="font-medium text-sky-700 underline dark:text-sky-300">
      {children}
    </a>
  );
}

export function Checklist({ report }: { report: DetectionReport | null }) {
  const { t } = useTranslation();
  if (!report) return <p className="text-sm text-slate-500">{t('onboarding.detect.checking')}</p>;
  return (
    <ul
      className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900"
      data-testid="onboarding-checklist"
    >
      {report.items.map((item) => (
        <li
          key={item.id}
          className="flex items-center gap-3 px-4 py-2 text-sm"
          data-testid={`detect-${item.id}`}
          data-found={item.found}
        >
          <span aria-hidden="true" className={item.found ? 'text-emerald-600' : 'text-slate-400'}>
            {item.found ? '✓' : '○'}
          </span>
          <span className="flex-1">{t(`onboarding.detect.items.${item.id}`)}</span>
          <span className={`text-xs ${item.found ? 'text-emerald-700 dark:text-emerald-400' : 'text-slate-500'}`}>
            {item.found ? t('onboarding.detect.found') : t('onboarding.detect.missing')}
          </span>
          {item.where && <span className="max-w-64 truncate font-mono text-xs text-slate-500">{item.where}</span>}
        </li>
      ))}
    </ul>
  );
}

/** How to install Docker on this computer's OS and CPU. */
export function InstallGuide({ report }: { report: DetectionReport }) {
  const { t } = useTranslation();
  if (report.platform === 'darwin') {
    const arm = report.arch === 'arm64';
    return (
      <div className="space-y-3" data-testid="install-guide" data-platform="darwin" data-arch={report.arch}>
        <p>{arm ? t('onboarding.install.macArm') : t('onboarding.install.macIntel')}</p>
        <p>
          <ExternalLink
            href={
              arm
                ? 'https://desktop.docker.com/mac/main/arm64/Docker.dmg'
                : 'https://desktop.docker.com/mac/main/amd64/Docker.dmg'
            }
          >
            {t('onboarding.install.downloadDesktop')}
          </ExternalLink>
        </p>
        <p className="text-sm">{t('onboarding.install.brew')}</p>
        <Command text="brew install --cask docker" />
        <h2 className="pt-2 font-medium">{t('onboarding.install.lighter')}</h2>
        <ul className="list-inside list-disc space-y-1 text-sm">
          <li>{t('onboarding.install.colima')}</li>
          <li>{t('onboarding.install.orbstack')}</li>
        </ul>
      </div>
    );
  }
  if (report.platform === 'win32') {
    return (
      <div className="space-y-3" data-testid="install-guide" data-platform="win32">
        <p>{t('onboarding.install.windows')}</p>
        <p className="text-sm">{t('onboarding.install.windowsWsl')}</p>
        <Command text="wsl --install" />
        <p>
          <ExternalLink href="https://docs.docker.com/desktop/setup/install/windows-install/">
            {t('onboarding.install.downloadWindows')}
          </ExternalLink>
        </p>
      </div>
    );
  }
  return (
    <div className="space-y-3" data-testid="install-guide" data-platform={report.platform}>
      <p>{t('onboarding.install.linux')}</p>
      <Command text="sudo apt-get install docker.io" />
      <Command text="curl -fsSL https://get.docker.com | sh" />
      <p className="text-sm">{t('onboarding.install.linuxGroup')}</p>
      <Command text="sudo usermod -aG docker $USER" />
      <p>
        <ExternalLink href="https://docs.docker.com/engine/install/">{t('onboarding.install.linuxDocs')}</ExternalLink>
      </p>
    </div>
  );
}

/** One of the concept cards, with a link to where Berth shows it. */
export function ConceptCard({
  title,
  body,
  link,
  onOpen,
}: {
  title: string;
  body: string;
  link: string;
  onOpen: () => void;
}) {
  return (
    <article
      className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
      data-testid="concept-card"
    >
      <h2 className="font-semibold">{title}</h2>
      <p className="mt-1 text-sm leading-6 text-slate-700 dark:text-slate-300">{body}</p>
      <Button variant="ghost" className="mt-2 -ml-3 text-sm" onClick={onOpen}>
        {link} →
      </Button>
    </article>
  );
}

/** Seconds since `since`, ticking once a second (a display clock). */
export function useElapsedSeconds(since: number | null): number {
  const now = useNow(since !== null);
  return since === null ? 0 : Math.max(0, Math.floor((now - since) / 1000));
}
