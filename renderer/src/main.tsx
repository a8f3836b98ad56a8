import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { api } from './api';
import { App } from './App';
import { DataProvider } from './data/DataProvider';
import { initI18n } from './i18n';
import { autosave, installUnloadGuards } from './input/useAutosave';
import './styles.css';

await initI18n();
// What an earlier page typed but did not get stored (reload, crash, closed window) is saved before any screen reads it.
if (api.hasCredentials) await autosave.replay();
installUnloadGuards();
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <DataProvider>
      <App />
    </DataProvider>
  </StrictMode>,
);
