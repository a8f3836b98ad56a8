import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { ContractError } from '../../../shared/contract/result';
import type { Note } from '../../../shared/domain/model';
import type { ConversationDetail } from '../../../shared/domain/visit';
import { api } from '../api';
import { FormStatus } from '../components/FormStatus';
import { describeError } from '../errors';
import { useContractQuery } from '../data/queries';
import { SwotCapture } from '../swot/SwotCapture';
import { formatDate } from '../planning/plan';
import { useAutosave, type SaveCall } from '../input/useAutosave';
import { usePageFocus } from '../workspace/usePageFocus';
import { NoteField } from './NoteField';
import { OtherNotes } from './OtherNotes';
import { SaveStatus } from '../input/SaveStatus';
import { participantCountSchema } from '../../../shared/domain/visit';
import { cx } from '../components/cx';
import buttons from '../components/button.module.css';
import alerts from '../components/alert.module.css';
import forms from '../components/form.module.css';
import layout from '../components/layout.module.css';
import visits from './visits.module.css';
import styles from './ConversationScreen.module.css';

/**
 * The conversation screen of a visit day: the sector's guiding questions in order, the current
 * author's notes per question (autosaved) beside the duo partner's, free notes, participants per
 * stakeholder category, start and stop time, and the conversation's SWOT.
 * Alt+↓ / Alt+↑ jump to the next / previous question; Alt+1…9 to question 1…9.
 */
export function ConversationScreen({
  visitId,
  conversationId,
}: {
  readonly visitId: string;
  readonly conversationId: string;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  // Current without polling: the partner's notes (arriving by sync, duo file or LAN) and the
  // choice of who I am refresh it through change events (data/reads.ts).
  const conversation = useContractQuery('conversations.get', { conversationId });
  const detail = conversation.data ?? null;
  const error = conversation.error?.error ?? null;
  const fields = useRef<Array<HTMLTextAreaElement | null>>([]);
  const title = detail
    ? t('visit.conversation.title', { groups: detail.groupNames.join(' + ') })
    : t('visit.conversation.loading');
  const heading = usePageFocus(detail ? title : null);

  const jump = (index: number) => {
    const target = fields.current[index];
    if (!target) return;
    target.focus();
    target.scrollIntoView({ block: 'center' });
  };

  const onKeyDown = (index: number) => (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (!event.altKey) return;
    const count = fields.current.length;
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      jump(Math.min(index + 1, count - 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      jump(Math.max(index - 1, 0));
    } else if (/^[1-9]$/.test(event.key)) {
      event.preventDefault();
      jump(Number(event.key) - 1);
    }
  };

  if (error) {
    return (
      <div className={cx(alerts.alert, alerts.alertError)} role="alert">
        <p>{error.code === 'NOT_FOUND' ? t('visit.conversation.missing') : describeError(t, error)}</p>
        <Link className={buttons.button} href={`/${visitId}`}>
          {t('visit.conversation.backToVisit')}
        </Link>
      </div>
    );
  }
  if (!detail) {
    return (
      <p className={layout.muted} role="status">
        {t('workspace.loading')}
      </p>
    );
  }

  const myName = detail.members.find((member) => member.id === detail.me)?.name ?? '';
  const notesOf = (questionId: string | null) => detail.notes.filter((note) => note.guiding_question_id === questionId);
  const mineOf = (questionId: string | null): Note | undefined =>
    notesOf(questionId).find((note) => note.author_id === detail.me);
  const othersOf = (questionId: string | null) => notesOf(questionId).filter((note) => note.author_id !== detail.me);
  const toCall =
    (questionId: string | null) =>
    (text: string): SaveCall => ({
      channel: 'notes.save',
      payload: { conversationId, guidingQuestionId: questionId, text },
    });
  const partnerLabel =
    detail.duo
      .filter((member) => member.id !== detail.me)
      .map((member) => member.name)
      .join(' & ') || t('visit.notes.partner');
  const questionCount = detail.questions.length;

  return (
    <div className={layout.screen}>
      <div className={layout.pageHeader}>
        <p className={visits.eyebrow}>
          <Link href={`/${visitId}`}>
            {t('visit.conversation.backTo', { organisation: detail.organisation?.name ?? '' })}
          </Link>
        </p>
        <h1 ref={heading} tabIndex={-1}>
          {title}
        </h1>
        <div className={visits.visitMeta}>
          <span>{detail.organisation?.name}</span>
          <span>{formatDate(i18n.language, detail.visit.date, 'full')}</span>
          {detail.sector ? <span className={layout.codeTag}>{detail.sector.code}</span> : null}
        </div>
      </div>

      {detail.me ? null : (
        <p className={cx(alerts.alert, alerts.alertInfo)} role="alert">
          {t('visit.chooseIdentity')}
        </p>
      )}

      <div className={styles.conversationTop}>
        <Timing detail={detail} />
        <Participants key={detail.conversation.id} detail={detail} />
      </div>

      <div className={styles.conversationLayout}>
        <nav className={styles.questionIndex} aria-labelledby={`${id}-index`}>
          <h2 id={`${id}-index`}>{t('visit.conversation.questions')}</h2>
          <p id={`${id}-keys`} className={forms.fieldHint}>
            {t('visit.conversation.keys')}
          </p>
          <ol>
            {detail.questions.map((question, index) => (
              <li key={question.id}>
                <button type="button" className={styles.indexLink} onClick={() => jump(index)}>
                  <span className={styles.indexNumber}>{index + 1}</span>
                  <span className={styles.indexText}>{question.text}</span>
                  {mineOf(question.id)?.text ? (
                    <span className="visually-hidden">{t('visit.conversation.hasNotes')}</span>
                  ) : null}
                  {mineOf(question.id)?.text ? (
                    <span className={styles.indexDot} aria-hidden="true">
                      ●
                    </span>
                  ) : null}
                </button>
              </li>
            ))}
            <li>
              <button type="button" className={styles.indexLink} onClick={() => jump(questionCount)}>
                <span className={styles.indexNumber}>+</span>
                <span className={styles.indexText}>{t('visit.conversation.freeNotes')}</span>
              </button>
            </li>
          </ol>
        </nav>

        <div className={styles.questionList}>
          {detail.questions.length === 0 ? (
            <p className={layout.emptyInline}>{t('visit.conversation.noQuestions')}</p>
          ) : null}
          {[
            ...detail.questions.map((question) => ({ question, key: question.id as string | null })),
            { question: null, key: null },
          ].map(({ question, key }, index) => (
            <section
              key={key ?? 'free'}
              className={cx(layout.card, styles.question, question?.deleted && styles.questionRetired)}
              aria-labelledby={`${id}-q-${index}`}
              data-testid="question"
            >
              <h2 id={`${id}-q-${index}`}>
                {question ? (
                  <>
                    <span className={styles.questionNumber}>{index + 1}.</span> {question.text}
                  </>
                ) : (
                  t('visit.conversation.freeNotes')
                )}
              </h2>
              {question && question.sub_questions && question.sub_questions.length > 0 ? (
                <details className={styles.subQuestions}>
                  <summary>{t('setup.questions.subCount', { count: question.sub_questions.length })}</summary>
                  <ul>
                    {question.sub_questions.map((sub, subIndex) => (
                      <li key={subIndex}>{sub}</li>
                    ))}
                  </ul>
                </details>
              ) : null}
              <div className={styles.noteColumns}>
                <div>
                  {detail.me ? (
                    <NoteField
                      key={`${detail.me}-${key ?? 'free'}`}
                      ref={(element) => {
                        fields.current[index] = element;
                      }}
                      label={
                        question
                          ? t('visit.notes.mineOn', { name: myName, number: index + 1 })
                          : t('visit.notes.mineFree', { name: myName })
                      }
                      initial={mineOf(key)?.text ?? ''}
                      rows={question ? 4 : 6}
                      saveKey={`note:${conversationId}:${key ?? 'free'}:${detail.me}`}
                      toCall={toCall(key)}
                      onKeyDown={onKeyDown(index)}
                      describedBy={`${id}-keys`}
                      testId={question ? `note-${index + 1}` : 'note-free'}
                    />
                  ) : null}
                </div>
                <div
                  className={styles.partnerNotes}
                  aria-label={t('visit.notes.partnerOf', { name: partnerLabel })}
                  role="group"
                >
                  <div className={styles.partnerLabel}>{partnerLabel}</div>
                  <OtherNotes notes={othersOf(key)} members={detail.members} compact />
                </div>
              </div>
            </section>
          ))}
          <section className={cx(layout.card, styles.question)} aria-label={t('visit.conversation.swot')}>
            <SwotCapture conversationId={conversationId} />
          </section>
        </div>
      </div>
    </div>
  );
}

/** The hh:mm of a stored local date-time (YYYY-MM-DDThh:mm). */
function toLocal(value: string | null): string {
  return value ? value.slice(11, 16) : '';
}

function Timing({ detail }: { readonly detail: ConversationDetail }) {
  const { t } = useTranslation();
  const id = useId();
  const [start, setStart] = useState(toLocal(detail.conversation.starts_at));
  const [end, setEnd] = useState(toLocal(detail.conversation.ends_at));
  const [error, setError] = useState<ContractError | null>(null);
  const [saved, setSaved] = useState('');
  const day = detail.visit.date ?? new Date().toISOString().slice(0, 10);
  const now = () => new Date().toTimeString().slice(0, 5);

  async function store(next: { start?: string; end?: string }) {
    const startsAt = next.start !== undefined ? (next.start ? `${day}T${next.start}` : null) : undefined;
    const endsAt = next.end !== undefined ? (next.end ? `${day}T${next.end}` : null) : undefined;
    const result = await api.invoke('conversations.update', {
      id: detail.conversation.id,
      ...(startsAt !== undefined ? { startsAt } : {}),
      ...(endsAt !== undefined ? { endsAt } : {}),
    });
    if (!result.ok) {
      setError(result.error);
      setSaved('');
      return;
    }
    setError(null);
    setSaved(t('visit.timing.saved'));
  }

  const issue = error?.issues?.[0];
  return (
    <section className={layout.card} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('visit.timing.title')}</h2>
      <div className={styles.timingRow}>
        <div className={forms.field}>
          <label htmlFor={`${id}-start`}>{t('visit.timing.start')}</label>
          <div className={styles.timeInput}>
            <input
              id={`${id}-start`}
              type="time"
              value={start}
              onChange={(event) => setStart(event.target.value)}
              onBlur={() => void store({ start })}
            />
            <button
              type="button"
              className={cx(buttons.button, buttons.buttonSmall)}
              onClick={() => {
                const value = now();
                setStart(value);
                void store({ start: value });
              }}
            >
              {t('visit.timing.startNow')}
            </button>
          </div>
        </div>
        <div className={forms.field}>
          <label htmlFor={`${id}-end`}>{t('visit.timing.end')}</label>
          <div className={styles.timeInput}>
            <input
              id={`${id}-end`}
              type="time"
              value={end}
              onChange={(event) => setEnd(event.target.value)}
              onBlur={() => void store({ end })}
              aria-invalid={error ? true : undefined}
            />
            <button
              type="button"
              className={cx(buttons.button, buttons.buttonSmall)}
              onClick={() => {
                const value = now();
                setEnd(value);
                void store({ end: value });
              }}
            >
              {t('visit.timing.stopNow')}
            </button>
          </div>
        </div>
      </div>
      {error ? (
        <p className={forms.fieldError} role="alert">
          {issue?.key ? String(t(issue.key as never)) : describeError(t, error)}
        </p>
      ) : (
        <FormStatus>{saved}</FormStatus>
      )}
    </section>
  );
}

function Participants({ detail }: { readonly detail: ConversationDetail }) {
  const { t } = useTranslation();
  const id = useId();
  const [counts, setCounts] = useState<Record<string, string>>(() =>
    Object.fromEntries(
      Object.entries(detail.conversation.participant_counts ?? {}).map(([category, count]) => [
        category,
        String(count),
      ]),
    ),
  );
  const stored = detail.conversation.participant_counts ?? {};
  // Each field is checked on its own with the contract's rule: a wrong one says what is wrong and
  // keeps its stored value, the others are saved, and the total counts only valid numbers.
  const checked = (values: Record<string, string>) => {
    const valid: Record<string, number> = {};
    const errors: Record<string, string> = {};
    for (const [category, value] of Object.entries(values)) {
      if (value.trim() === '') continue;
      const parsed = participantCountSchema.safeParse(Number(value));
      if (parsed.success) valid[category] = parsed.data;
      else errors[category] = parsed.error.issues[0]?.message ?? 'visit.errors.countWhole';
    }
    return { valid, errors };
  };
  const { state, change, flush } = useAutosave(`participants:${detail.conversation.id}`, (serialised) => {
    const { valid, errors } = checked(JSON.parse(serialised) as Record<string, string>);
    const participantCounts: Record<string, number> = { ...valid };
    for (const category of Object.keys(errors))
      if (stored[category] !== undefined) participantCounts[category] = stored[category];
    return { channel: 'conversations.update', payload: { id: detail.conversation.id, participantCounts } };
  });
  const { valid, errors } = checked(counts);
  const total = Object.values(valid).reduce((sum, value) => sum + value, 0);

  return (
    <section className={layout.card} data-testid="participants" aria-labelledby={`${id}-title`}>
      <div className={visits.noteFieldHead}>
        <h2 id={`${id}-title`}>{t('visit.participants.title')}</h2>
        <SaveStatus state={state} />
      </div>
      {detail.stakeholderCategories.length === 0 ? (
        <p className={layout.emptyInline}>{t('visit.participants.noCategories')}</p>
      ) : (
        <table className={cx(layout.table, styles.participantsTable)}>
          <caption className="visually-hidden">{t('visit.participants.title')}</caption>
          <tbody>
            {detail.stakeholderCategories.map((category) => (
              <tr key={category.id}>
                <th scope="row">
                  <label htmlFor={`${id}-${category.id}`}>{category.name}</label>
                </th>
                <td>
                  <input
                    id={`${id}-${category.id}`}
                    className={styles.countInput}
                    type="number"
                    min={0}
                    max={10000}
                    step={1}
                    inputMode="numeric"
                    value={counts[category.id] ?? ''}
                    onChange={(event) => {
                      const next = { ...counts, [category.id]: event.target.value };
                      setCounts(next);
                      change(JSON.stringify(next));
                    }}
                    onBlur={() => void flush()}
                    aria-invalid={errors[category.id] ? true : undefined}
                    aria-describedby={errors[category.id] ? `${id}-${category.id}-error` : undefined}
                  />
                  {errors[category.id] ? (
                    <p
                      id={`${id}-${category.id}-error`}
                      className={forms.fieldError}
                      data-testid={`count-error-${category.name}`}
                    >
                      {t('field.participants.notSaved', {
                        name: category.name,
                        reason: String(t(errors[category.id] as never)),
                      })}
                    </p>
                  ) : null}
                </td>
              </tr>
            ))}
            <tr className={styles.totalRow}>
              <th scope="row">{t('visit.participants.total')}</th>
              <td data-testid="participants-total">{total}</td>
            </tr>
          </tbody>
        </table>
      )}
    </section>
  );
}
