import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { SwotConversationView } from '../../../shared/contract/swot';
import { NO_FILTER, type BoardFilter } from './board-view';
import { cx } from '../components/cx';
import buttons from '../components/button.module.css';
import styles from './BoardToolbar.module.css';

interface BoardToolbarProps {
  readonly filter: BoardFilter;
  readonly onFilter: (filter: BoardFilter) => void;
  readonly conversations: readonly SwotConversationView[];
  readonly onFoldAll: (expanded: boolean) => void;
}

/** Above the board: find items by their words or by conversation, fold or unfold every lemma. */
export function BoardToolbar({ filter, onFilter, conversations, onFoldAll }: BoardToolbarProps) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className={styles.toolbar} role="search" aria-label={t('swotBoard.filter.title')}>
      <label htmlFor={`${id}-text`}>{t('swotBoard.filter.text')}</label>
      <input
        id={`${id}-text`}
        type="search"
        value={filter.text}
        onChange={(event) => onFilter({ ...filter, text: event.target.value })}
        placeholder={t('swotBoard.filter.placeholder')}
        autoComplete="off"
      />
      <label htmlFor={`${id}-conversation`}>{t('swotBoard.filter.conversation')}</label>
      <select
        id={`${id}-conversation`}
        value={filter.conversationId}
        onChange={(event) => onFilter({ ...filter, conversationId: event.target.value })}
      >
        <option value="">{t('swotBoard.filter.allConversations')}</option>
        {conversations.map((conversation) => (
          <option key={conversation.id} value={conversation.id}>
            {conversation.label}
          </option>
        ))}
      </select>
      {filter.text !== '' || filter.conversationId !== '' ? (
        <button type="button" className={cx(buttons.button, buttons.buttonSmall)} onClick={() => onFilter(NO_FILTER)}>
          {t('swotBoard.filter.clear')}
        </button>
      ) : null}
      <span className={styles.folds}>
        <button type="button" className={cx(buttons.button, buttons.buttonSmall)} onClick={() => onFoldAll(true)}>
          {t('swotBoard.unfoldAll')}
        </button>
        <button type="button" className={cx(buttons.button, buttons.buttonSmall)} onClick={() => onFoldAll(false)}>
          {t('swotBoard.foldAll')}
        </button>
      </span>
    </div>
  );
}
