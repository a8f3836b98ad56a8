import type { AnyExtension, Editor } from '@tiptap/core';
import { useEffect, useMemo, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ReportSectionView } from '../../../shared/contract/reports';
import type { ContractError } from '../../../shared/contract/result';
import { REPORT_FRAGMENT_KEY } from '../../../shared/report/model';
import { api } from '../api';
import type { StreamEvent } from '../data/events';
import { useContractQuery } from '../data/queries';
import { describeError } from '../errors';
import type { RefusedDraft, SaveState } from '../input/autosave';
import { SaveStatus } from '../input/SaveStatus';
import { autosave } from '../input/useAutosave';
import { base64ToBytes, bytesToBase64 } from '../sync/base64';
import { SectionEditor } from './editor/SectionEditor';
import { SectionSync, type SaveStatus as SyncStatus } from './editor/section-sync';
import { RefusedDraftNotice } from './RefusedDraftNotice';
import { ReadOnlySection } from './VersionViews';
import { cx } from '../components/cx';
import alerts from '../components/alert.module.css';
import buttons from '../components/button.module.css';
import layout from '../components/layout.module.css';
import shared from './reports.module.css';
import styles from './SectionPane.module.css';

export interface SectionPaneProps {
  readonly section: ReportSectionView;
  /** Who owns a section without an owner of its own. */
  readonly penHolderName: string | null;
  /** The report is final (or this is a version): nobody types. */
  readonly frozen: boolean;
  readonly schema: readonly AnyExtension[];
  readonly extensions?: readonly AnyExtension[];
  readonly onEditor?: (editor: Editor | null) => void;
  readonly toolbarExtra?: (editor: Editor) => ReactNode;
  /** The user copied-and-discarded or put back this section's refused drafts (the section list marks them). */
  readonly onRefusedSettled?: () => void;
}

/** Whether an event may carry edits of this section made elsewhere (a duo file, the server, another window). */
export function touchesSection(event: StreamEvent, sectionId: string): boolean {
  if (event.type === 'resync') return true;
  if (event.type !== 'changes' || !event.tables.includes('report_sections')) return false;
  return event.truncated || event.rows.some((row) => row.table === 'report_sections' && row.id === sectionId);
}

/** Refusals the user has to act on (the section is locked, the report final): not retried by themselves. */
function isRefusal(error: ContractError): boolean {
  return error.code === 'FORBIDDEN' || error.code === 'CONFLICT';
}

/** The section's entry in the autosave draft journal. */
export const sectionDraftKey = (sectionId: string) => `report-section:${sectionId}`;

/** The Yjs update the journal kept of this section (an earlier page's unconfirmed text), if any. */
function keptDraft(sectionId: string): Uint8Array | null {
  const call = autosave.draft(sectionDraftKey(sectionId));
  if (call?.channel !== 'reports.section.update' || call.payload.sectionId !== sectionId) return null;
  const bytes = base64ToBytes(call.payload.update);
  return bytes.byteLength > 0 ? bytes : null;
}

type Loaded =
  | { readonly kind: 'loading' }
  | {
      readonly kind: 'ready';
      readonly sync: SectionSync;
      /** The store's state when the section was opened (the refused drafts are shown on top of it). */
      readonly stored: Uint8Array;
      /** Drafts the store refused for good at an earlier start: shown, not retried, not dropped. */
      readonly refused: readonly RefusedDraft[];
    }
  /** The stored content has nodes or marks this app's schema does not know: no editor is bound to it. */
  | { readonly kind: 'unknown'; readonly names: readonly string[] }
  | { readonly kind: 'error'; readonly error: ContractError };

/**
 * One section in the editor. The section's Yjs state is read from the store BEFORE the editor is
 * created (so the editor never starts empty and never adds content of its own); local updates go
 * back through `reports.section.update`; a pushed change event of this section makes it ask the
 * store for what it lacks (its state vector) and apply that with the remote origin.
 */
export function SectionPane({
  section,
  penHolderName,
  frozen,
  schema,
  extensions,
  onEditor,
  toolbarExtra,
  onRefusedSettled,
}: SectionPaneProps) {
  const { t } = useTranslation();
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const sectionId = section.id;

  useEffect(() => {
    let live = true;
    let sync: SectionSync | null = null;
    void api.invoke('reports.section.state', { sectionId, stateVector: null }).then((result) => {
      if (!live) return;
      if (!result.ok) {
        setLoaded({ kind: 'error', error: result.error });
        return;
      }
      // Binding an editor would drop what the schema does not know (y-prosemirror deletes such
      // elements), so the section is shown read-only from its JSON and the stored state is left alone.
      if (result.value.unknownContent.length > 0) {
        setLoaded({ kind: 'unknown', names: result.value.unknownContent });
        return;
      }
      // One autosave mechanism: the registry saves the section before the page goes, and what the
      // store has not confirmed is in the draft journal (replayed at start, restored here).
      const key = sectionDraftKey(sectionId);
      const stored = base64ToBytes(result.value.update);
      sync = new SectionSync(
        stored,
        {
          save: (update, options) =>
            api.invoke('reports.section.update', { sectionId, update: bytesToBase64(update) }, options),
          journal: (unconfirmed) => {
            if (unconfirmed)
              autosave.journal(key, {
                channel: 'reports.section.update',
                payload: { sectionId, update: bytesToBase64(unconfirmed) },
              });
            else autosave.drop(key);
          },
          isRefusal,
        },
        keptDraft(sectionId),
      );
      autosave.track(sync);
      setLoaded({ kind: 'ready', sync, stored, refused: autosave.refusedDrafts(key) });
    });
    return () => {
      live = false;
      if (sync) {
        const closing = sync;
        // Whatever is still queued is sent before the document goes away (unmount, route change).
        void autosave.release(closing).finally(() => closing.destroy());
      }
    };
  }, [sectionId, attempt]);

  const sync = loaded.kind === 'ready' ? loaded.sync : null;

  // Others' edits: pull what this editor lacks when the store says the section changed.
  useEffect(() => {
    if (!sync) return undefined;
    let running = false;
    let again = false;
    const pull = async (): Promise<void> => {
      if (running) {
        again = true;
        return;
      }
      running = true;
      do {
        again = false;
        const result = await api.invoke('reports.section.state', {
          sectionId,
          stateVector: bytesToBase64(sync.stateVector()),
        });
        if (result.ok) sync.applyRemote(base64ToBytes(result.value.update));
      } while (again);
      running = false;
    };
    return api.subscribe((event) => {
      if (touchesSection(event, sectionId)) void pull();
    });
  }, [sync, sectionId]);

  if (loaded.kind === 'error') {
    return (
      <div className={cx(alerts.alert, alerts.alertError)} role="alert">
        <p>{t('reports.section.loadFailed', { reason: describeError(t, loaded.error) })}</p>
        <button
          type="button"
          className={buttons.button}
          onClick={() => {
            setLoaded({ kind: 'loading' });
            setAttempt((value) => value + 1);
          }}
        >
          {t('errors.retry')}
        </button>
      </div>
    );
  }
  if (loaded.kind === 'unknown')
    return <UnknownContentSection section={section} names={loaded.names} schema={schema} />;
  if (!sync) return <p className={layout.muted}>{t('reports.common.loading')}</p>;

  const ownerName = section.ownerName ?? penHolderName ?? t('reports.section.penHolder');
  const lockedByOther = section.locked && !section.mayEdit;
  const editable = !frozen && section.mayEdit;
  const refused = loaded.kind === 'ready' ? loaded.refused : [];
  const settleRefused = () => {
    autosave.dropRefused(sectionDraftKey(sectionId));
    setLoaded((current) => (current.kind === 'ready' ? { ...current, refused: [] } : current));
    onRefusedSettled?.();
    // The notice goes: the focus goes to the section it was about, not to the page's top.
    requestAnimationFrame(() => document.getElementById(`section-title-${sectionId}`)?.focus());
  };
  return (
    <section aria-labelledby={`section-title-${section.id}`}>
      <header className={styles.sectionPaneHeader}>
        <h2 id={`section-title-${section.id}`} tabIndex={-1}>
          {section.title}
        </h2>
        <div className={styles.sectionOwner}>
          {t('reports.section.owner', { name: ownerName })}
          {section.locked ? <span className={shared.lockBadge}>{t('reports.section.locked')}</span> : null}
        </div>
      </header>
      {lockedByOther ? (
        <p className={cx(alerts.alert, alerts.alertInfo)} role="status">
          {t('reports.section.lockedByOther', { name: ownerName })}
        </p>
      ) : null}
      {section.locked && section.mayEdit && !frozen ? (
        <p className={cx(layout.muted, styles.lockNotice)}>{t('reports.section.lockedByYou')}</p>
      ) : null}
      {refused.length > 0 && loaded.kind === 'ready' ? (
        <RefusedDraftNotice
          drafts={refused}
          stored={loaded.stored}
          reason={refusalText(t, refused[refused.length - 1]!.error, section, frozen)}
          editable={editable}
          onPutBack={(updates) => {
            // Put back as this person's edits: queued, journalled and saved like typing.
            for (const update of updates) sync.applyLocal(update);
            settleRefused();
          }}
          onDiscard={settleRefused}
        />
      ) : null}
      <SectionEditor
        key={section.id}
        sync={sync}
        field={REPORT_FRAGMENT_KEY}
        title={section.title}
        editable={editable}
        schema={schema}
        extensions={extensions}
        onEditor={onEditor}
        onBlur={() => void sync.flush()}
        toolbarExtra={toolbarExtra}
        status={<SaveIndicator sync={sync} section={section} frozen={frozen} />}
      />
    </section>
  );
}

/** The section's save state, shown as every autosaved field shows it (unsaved / saving / saved at hh:mm). */
function SaveIndicator({
  sync,
  section,
  frozen,
}: {
  readonly sync: SectionSync;
  readonly section: ReportSectionView;
  readonly frozen: boolean;
}) {
  const { t } = useTranslation();
  const subscribe = useMemo(() => (notify: () => void) => sync.subscribe(notify), [sync]);
  const status = useSyncExternalStore<SyncStatus>(subscribe, () => sync.status);
  const state: SaveState =
    status.kind === 'pending'
      ? { kind: 'dirty' }
      : status.kind === 'failed' || status.kind === 'refused'
        ? { kind: 'error', error: status.error }
        : status;
  if (status.kind !== 'failed' && status.kind !== 'refused') return <SaveStatus state={state} />;
  return (
    <span className={styles.saveError}>
      <SaveStatus
        state={state}
        errorText={t(`reports.save.${status.kind}`, { reason: refusalText(t, status.error, section, frozen) })}
      />{' '}
      <button type="button" className={cx(buttons.button, buttons.buttonSmall)} onClick={() => void sync.retry()}>
        {t('reports.save.retry')}
      </button>
    </span>
  );
}

/**
 * Why a save did not go through, in the user's language. The store answers a refusal in English;
 * the reason the user reads comes from what the screen knows of the section (final report,
 * locked by someone else), so it is named in the catalogs rather than parsed from a message.
 */
function refusalText(t: TFunction, error: ContractError, section: ReportSectionView, frozen: boolean): string {
  if (error.code === 'FORBIDDEN' && frozen) return t('reports.save.reasons.REPORT_FINAL');
  if (error.code === 'FORBIDDEN' && section.locked && !section.mayEdit) return t('reports.save.reasons.SECTION_LOCKED');
  return describeError(t, error);
}

/** A section whose stored content this app cannot edit without losing part of it: said so, shown read-only. */
function UnknownContentSection({
  section,
  names,
  schema,
}: {
  readonly section: ReportSectionView;
  readonly names: readonly string[];
  readonly schema: readonly AnyExtension[];
}) {
  const { t } = useTranslation();
  const json = useContractQuery('reports.section.json', { sectionId: section.id });
  return (
    <section aria-labelledby={`section-title-${section.id}`}>
      <header className={styles.sectionPaneHeader}>
        <h2 id={`section-title-${section.id}`}>{section.title}</h2>
      </header>
      <p className={cx(alerts.alert, alerts.alertError)} role="alert" data-testid="unknown-content">
        {t('reports.section.unknownContent', { count: names.length, names: names.join(', ') })}
      </p>
      {json.error ? <p className={cx(alerts.alert, alerts.alertError)}>{describeError(t, json.error.error)}</p> : null}
      {json.data ? <ReadOnlySection content={json.data.content} schema={schema} /> : null}
    </section>
  );
}
