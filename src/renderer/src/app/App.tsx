import { useTranslation } from 'react-i18next';
import type { BerthClient } from '../../../shared/client';
import { EngineStatusProvider } from '../engine/engineStatus';
import { StatusBar } from '../engine/StatusBar';
import { InstallationCheckPage } from '../installation/InstallationCheckPage';
import { EmptyState } from '../ui/EmptyState';
import { ContainersIcon, ImagesIcon, SearchIcon, SettingsIcon } from '../ui/icons';
import { ClientContext } from './clientContext';
import type { Section } from './sections';
import { Sidebar } from './Sidebar';
import { useSection } from './useSection';

export function App({ client }: { client: BerthClient }) {
  const [section, navigate] = useSection('installation');
  return (
    <ClientContext.Provider value={client}>
      <EngineStatusProvider>
        <div className="flex h-full flex-col">
          <div className="flex min-h-0 flex-1">
            <Sidebar current={section} onNavigate={navigate} />
            <main className="min-w-0 flex-1 overflow-y-auto" data-section={section}>
              <SectionView section={section} onNavigate={navigate} />
            </main>
          </div>
          <StatusBar />
        </div>
      </EngineStatusProvider>
    </ClientContext.Provider>
  );
}

function SectionView({ section, onNavigate }: { section: Section; onNavigate: (section: Section) => void }) {
  const { t } = useTranslation();
  const icon = 'h-7 w-7';
  switch (section) {
    case 'installation':
      return <InstallationCheckPage onNavigate={onNavigate} />;
    case 'containers':
      return (
        <EmptyState
          icon={<ContainersIcon className={icon} />}
          title={t('empty.containers.title')}
          body={t('empty.containers.body')}
          action={t('empty.containers.action')}
          onAction={() => onNavigate('installation')}
        />
      );
    case 'images':
      return (
        <EmptyState
          icon={<ImagesIcon className={icon} />}
          title={t('empty.images.title')}
          body={t('empty.images.body')}
          action={t('empty.images.action')}
          onAction={() => onNavigate('hub')}
        />
      );
    case 'hub':
      return (
        <EmptyState
          icon={<SearchIcon className={icon} />}
          title={t('empty.hub.title')}
          body={t('empty.hub.body')}
          action={t('empty.hub.action')}
          onAction={() => onNavigate('installation')}
        />
      );
    case 'settings':
      return (
        <EmptyState
          icon={<SettingsIcon className={icon} />}
          title={t('empty.settings.title')}
          body={t('empty.settings.body')}
          action={t('empty.settings.action')}
          onAction={() => onNavigate('installation')}
        />
      );
  }
}
