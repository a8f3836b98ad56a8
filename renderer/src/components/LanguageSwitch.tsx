import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, isLanguage } from '../../../shared/i18n';
import { useApp } from './language-store';
import styles from './LanguageSwitch.module.css';

export function LanguageSwitch() {
  const { t } = useTranslation();
  const id = useId();
  const language = useApp((state) => state.language);
  const setLanguage = useApp((state) => state.setLanguage);
  return (
    <div className={styles.languageSwitch}>
      <label htmlFor={id}>{t('app.language')}</label>
      <select
        id={id}
        value={language}
        onChange={(event) => {
          if (isLanguage(event.target.value)) void setLanguage(event.target.value);
        }}
      >
        {LANGUAGES.map((code) => (
          <option key={code} value={code}>
            {t(`app.languages.${code}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
