import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBerthClient } from '../../shared/client';
import { App } from './app/App';
import { detectLanguage, initI18n } from './i18n';
import { pickTransport } from './transport/pickTransport';
import './styles.css';

// ?lang=ko|en lets the harness and tests pick a language; the app otherwise follows the system.
const requested = new URLSearchParams(window.location.search).get('lang');
const language = detectLanguage([...(requested ? [requested] : []), ...navigator.languages]);

void initI18n(language).then(() => {
  const client = createBerthClient(pickTransport());
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App client={client} />
    </StrictMode>,
  );
});
