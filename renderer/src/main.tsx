// The global base (element defaults, tokens) first: every CSS module after it builds on it.
import './base.css';
// The global sheets of the features not yet converted to CSS modules, in the order they always had: before every
// module, whose shared rules came last in styles.css before. Each goes when its feature is converted.
import './swot/swot.css';
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
