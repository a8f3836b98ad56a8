import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { isTextTarget } from './undo';
import buttons from '../components/button.module.css';
import styles from './ShortcutSheet.module.css';

const GROUPS = [
  { title: 'general', keys: ['help', 'undo'] },
  { title: 'capture', keys: ['add', 'edit', 'move', 'remove'] },
  { title: 'board', keys: ['lift', 'moveDrag', 'drop', 'cancel'] },
] as const;

/**
 * The keys of the screens, opened with "?" outside text fields (a native modal dialog: Escape
 * closes it and the focus returns to where it was).
 */
export function ShortcutSheet() {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLElement | null>(null);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== '?' || event.ctrlKey || event.metaKey || event.altKey || isTextTarget(event.target)) return;
      if (!dialog.current || dialog.current.open) return;
      event.preventDefault();
      opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      dialog.current.showModal();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <dialog
      ref={dialog}
      className={styles.shortcutSheet}
      aria-labelledby="shortcut-title"
      data-testid="shortcut-sheet"
      onClose={() => opener.current?.focus()}
    >
      <h2 id="shortcut-title">{t('field.shortcuts.title')}</h2>
      {GROUPS.map((group) => (
        <section key={group.title}>
          <h3>{t(`field.shortcuts.groups.${group.title}`)}</h3>
          <dl>
            {group.keys.map((key) => (
              <div key={key} className={styles.shortcutRow}>
                <dt>
                  <kbd>{t(`field.shortcuts.keys.${key}`)}</kbd>
                </dt>
                <dd>{t(`field.shortcuts.does.${key}`)}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
      <form method="dialog">
        <button type="submit" className={buttons.button} autoFocus>
          {t('field.shortcuts.close')}
        </button>
      </form>
    </dialog>
  );
}
