import { create } from 'zustand';
import type { Language } from '../../../shared/i18n';
import { changeLanguage, storedLanguage } from '../i18n';

/** UI state of the whole app: the interface language. */
interface AppState {
  readonly language: Language;
  setLanguage(language: Language): Promise<void>;
}

export const useApp = create<AppState>((set) => ({
  language: storedLanguage(),
  setLanguage: async (language) => {
    await changeLanguage(language);
    set({ language });
  },
}));
