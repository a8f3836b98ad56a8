import { createContext, useContext } from 'react';
import type { EvidenceRefs } from '../../../shared/contract/reports';

/** What the evidence panel is asked to show: the ids behind one number, and what the number is. */
export interface EvidenceRequest {
  readonly label: string;
  readonly refs: EvidenceRefs;
}

/**
 * What the editor's node views need from the report around them (they render inside the editor,
 * so they get it through React context, not props).
 */
export interface ReportContextValue {
  readonly campaignId: string;
  readonly reportId: string | null;
  /** 'live': current values; 'frozen': a final report's recorded values; 'version': what a saved version shows (no values). */
  readonly mode: 'live' | 'frozen' | 'version';
  readonly openEvidence: (request: EvidenceRequest) => void;
}

export const ReportContext = createContext<ReportContextValue | null>(null);

export function useReportContext(): ReportContextValue {
  const value = useContext(ReportContext);
  if (!value) throw new Error('useReportContext outside a ReportContext');
  return value;
}
