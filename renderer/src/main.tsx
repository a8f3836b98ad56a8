// The one global sheet (element defaults, tokens) first: every CSS module after it builds on it.
import './base.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { DataProvider } from './data/DataProvider';
import { initI18n } from './i18n';
import { installUnloadGuards } from './input/useAutosave';
import { VaultGate } from './vault/VaultGate';

await initI18n();
installUnloadGuards();
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <DataProvider>
      {/* The profile opens only once unlocked; the gate also replays the drafts of an earlier page
          (reload, crash, closed window) before any screen reads. */}
      <VaultGate>
        <App />
      </VaultGate>
    </DataProvider>
  </StrictMode>,
);
