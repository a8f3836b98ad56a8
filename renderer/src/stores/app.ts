import { create } from 'zustand';
import type { AppInfo } from '../../../shared/contract/channels';
import type { Language } from '../../../shared/i18n';
import { api } from '../api';
import { changeLanguage, storedLanguage } from '../i18n';

interface AppState {
  readonly info: AppInfo | null;
  readonly language: Language;
  loadInfo(): Promise<void>;
  setLanguage(language: Language): Promise<void>;
}

export const useApp = create<AppState>((set) => ({
  info: null,
  language: storedLanguage(),
  loadInfo: async () => {
    const result = await api.invoke('app.info', {});
    if (result.ok) set({ info: result.value });
  },
  setLanguage: async (language) => {
    await changeLanguage(language);
    set({ language });
  },
}));
