import type { Editor } from '@tiptap/core';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CampaignSetup } from '../../../../shared/domain/setup';
import {
  COUNTER_FORMS,
  COUNTER_METRICS,
  QUADRANT_CHOICES,
  type CounterForm,
  type CounterMetric,
  type LiveBlockName,
  type QuadrantChoice,
} from '../../../../shared/report/model';
import { useContractQuery } from '../../data/queries';
import { regionName } from '../../workspace/labels';
import { insertBlock } from '../block-catalog';
import { cx } from '../../components/cx';
import buttons from '../../components/button.module.css';
import forms from '../../components/form.module.css';
import layout from '../../components/layout.module.css';
import shared from '../reports.module.css';

const KINDS: readonly LiveBlockName[] = ['swotTable', 'lemmaParagraphs', 'teamSwot', 'participants', 'counter'];

/**
 * Inserts a live block at the cursor of the section being edited: choose what it shows (sector,
 * respondent group, quadrant, ...); the block stores only that and computes its values itself.
 */
export function BlocksPanel({ setup, editor }: { readonly setup: CampaignSetup; readonly editor: Editor | null }) {
  const { t } = useTranslation();
  const id = useId();
  const sectors = setup.sectors.filter((sector) => !sector.deleted);
  const regions = setup.regions.filter((region) => !region.deleted);
  const [kind, setKind] = useState<LiveBlockName>('swotTable');
  const [sectorId, setSectorId] = useState(sectors[0]?.id ?? '');
  const groups = setup.respondentGroups.filter((group) => !group.deleted && group.sector_id === sectorId);
  const [groupId, setGroupId] = useState('');
  const effectiveGroup = groups.some((group) => group.id === groupId) ? groupId : (groups[0]?.id ?? '');
  const [quadrant, setQuadrant] = useState<QuadrantChoice>('all');
  const [scopeKind, setScopeKind] = useState<'sector' | 'region'>('sector');
  const [regionId, setRegionId] = useState(regions[0]?.id ?? '');
  const [metric, setMetric] = useState<CounterMetric>('organisations');
  const [form, setForm] = useState<CounterForm>('kOfN');
  const [lemmaId, setLemmaId] = useState('');
  const board = useContractQuery(
    'swot.board',
    { campaignId: setup.campaign.id, sectorId, groupId: effectiveGroup },
    { enabled: kind === 'counter' && metric === 'lemma' && sectorId !== '' && effectiveGroup !== '' },
  );
  const lemmas = board.data
    ? Object.values(board.data.scored)
        .flat()
        .filter((row) => row.lemmaId)
    : [];

  const usesRegion = (kind === 'participants' || (kind === 'counter' && metric !== 'lemma')) && scopeKind === 'region';
  const needsGroup =
    kind === 'swotTable' ||
    kind === 'lemmaParagraphs' ||
    (kind === 'counter' && (metric === 'lemma' || metric === 'conversations'));
  const scopeId = usesRegion ? regionId : sectorId;

  const attrs = (): Record<string, unknown> => {
    switch (kind) {
      case 'swotTable':
      case 'lemmaParagraphs':
        return { sectorId, groupId: effectiveGroup, quadrant };
      case 'teamSwot':
        return { sectorId, quadrant };
      case 'participants':
        return { scopeKind, scopeId };
      case 'counter':
        return {
          metric,
          scopeKind: metric === 'lemma' ? 'sector' : scopeKind,
          scopeId: metric === 'lemma' ? sectorId : scopeId,
          groupId: needsGroup && !usesRegion ? effectiveGroup || null : null,
          lemmaId: metric === 'lemma' ? lemmaId || null : null,
          form,
        };
    }
  };
  const complete =
    scopeId !== '' &&
    (!needsGroup || usesRegion || effectiveGroup !== '') &&
    (kind !== 'counter' || metric !== 'lemma' || lemmaId !== '');
  const disabled = !editor || !editor.isEditable || !complete;

  return (
    <div className={shared.sidePanel}>
      <h3>{t('reports.blocks.panelTitle')}</h3>
      <p className={cx(layout.muted, layout.small)}>{t('reports.blocks.panelHelp')}</p>
      <div className={cx(forms.field, shared.field)}>
        <label htmlFor={`${id}-kind`}>{t('reports.blocks.kind')}</label>
        <select id={`${id}-kind`} value={kind} onChange={(event) => setKind(event.target.value as LiveBlockName)}>
          {KINDS.map((each) => (
            <option key={each} value={each}>
              {t(`reports.blocks.kinds.${each}`)}
            </option>
          ))}
        </select>
      </div>
      {kind === 'counter' ? (
        <div className={cx(forms.field, shared.field)}>
          <label htmlFor={`${id}-metric`}>{t('reports.blocks.metric')}</label>
          <select
            id={`${id}-metric`}
            value={metric}
            onChange={(event) => setMetric(event.target.value as CounterMetric)}
          >
            {COUNTER_METRICS.map((each) => (
              <option key={each} value={each}>
                {t(`reports.blocks.metrics.${each}`)}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {kind === 'participants' || (kind === 'counter' && metric !== 'lemma') ? (
        <div className={cx(forms.field, shared.field)}>
          <label htmlFor={`${id}-scopeKind`}>{t('reports.blocks.scopeKind')}</label>
          <select
            id={`${id}-scopeKind`}
            value={scopeKind}
            onChange={(event) => setScopeKind(event.target.value as 'sector' | 'region')}
          >
            <option value="sector">{t('reports.blocks.sector')}</option>
            <option value="region">{t('reports.blocks.region')}</option>
          </select>
        </div>
      ) : null}
      {usesRegion ? (
        <div className={cx(forms.field, shared.field)}>
          <label htmlFor={`${id}-region`}>{t('reports.blocks.region')}</label>
          <select id={`${id}-region`} value={regionId} onChange={(event) => setRegionId(event.target.value)}>
            {regions.map((region) => (
              <option key={region.id} value={region.id}>
                {regionName(t, region)}
              </option>
            ))}
          </select>
        </div>
      ) : (
        <div className={cx(forms.field, shared.field)}>
          <label htmlFor={`${id}-sector`}>{t('reports.blocks.sector')}</label>
          <select id={`${id}-sector`} value={sectorId} onChange={(event) => setSectorId(event.target.value)}>
            {sectors.map((sector) => (
              <option key={sector.id} value={sector.id}>
                {sector.code ? `${sector.code} · ${sector.name ?? ''}` : (sector.name ?? '')}
              </option>
            ))}
          </select>
        </div>
      )}
      {needsGroup && !usesRegion ? (
        <div className={cx(forms.field, shared.field)}>
          <label htmlFor={`${id}-group`}>{t('reports.blocks.group')}</label>
          <select id={`${id}-group`} value={effectiveGroup} onChange={(event) => setGroupId(event.target.value)}>
            {groups.map((group) => (
              <option key={group.id} value={group.id}>
                {group.name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {kind === 'swotTable' || kind === 'lemmaParagraphs' || kind === 'teamSwot' ? (
        <div className={cx(forms.field, shared.field)}>
          <label htmlFor={`${id}-quadrant`}>{t('reports.blocks.quadrant')}</label>
          <select
            id={`${id}-quadrant`}
            value={quadrant}
            onChange={(event) => setQuadrant(event.target.value as QuadrantChoice)}
          >
            {QUADRANT_CHOICES.map((each) => (
              <option key={each} value={each}>
                {each === 'all' ? t('reports.blocks.allQuadrants') : t(`swot.quadrants.${each}`)}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {kind === 'counter' && metric === 'lemma' ? (
        <div className={cx(forms.field, shared.field)}>
          <label htmlFor={`${id}-lemma`}>{t('reports.blocks.lemma')}</label>
          <select id={`${id}-lemma`} value={lemmaId} onChange={(event) => setLemmaId(event.target.value)}>
            <option value="">{t('reports.blocks.chooseLemma')}</option>
            {lemmas.map((row) => (
              <option key={row.lemmaId} value={row.lemmaId ?? ''}>
                {row.name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {kind === 'counter' ? (
        <div className={cx(forms.field, shared.field)}>
          <label htmlFor={`${id}-form`}>{t('reports.blocks.form')}</label>
          <select id={`${id}-form`} value={form} onChange={(event) => setForm(event.target.value as CounterForm)}>
            {COUNTER_FORMS.map((each) => (
              <option key={each} value={each}>
                {t(`reports.blocks.forms.${each}`)}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <button
        type="button"
        className={cx(buttons.button, buttons.buttonPrimary)}
        disabled={disabled}
        onClick={() => editor && insertBlock(editor, kind, attrs())}
      >
        {t('reports.blocks.insert')}
      </button>
      {!editor || !editor.isEditable ? (
        <p className={cx(layout.muted, layout.small)}>{t('reports.blocks.noEditor')}</p>
      ) : null}
    </div>
  );
}
