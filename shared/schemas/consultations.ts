import type { ConsultationStatus, Participation, RoundStatus, Visibility } from '../domain.js';

export interface OptionView {
  id: string;
  label: string;
  description: string;
  sortOrder: number;
  retired: boolean;
}

export interface RoundView {
  id: string;
  consultationId: string;
  number: number;
  status: RoundStatus;
  opensAt: string | null;
  closesAt: string | null;
  openedAt: string | null;
  closedAt: string | null;
  draftDoc: string;
  summaryDoc: string;
  closingDigest: string | null;
}

export interface ConsultationSummaryView {
  id: string;
  title: string;
  question: string;
  visibility: Visibility;
  participation: Participation;
  status: ConsultationStatus;
  currentRound: RoundView | null;
  optionCount: number;
}

export interface ConsultationView extends ConsultationSummaryView {
  description: string;
  hideTalliesUntilClose: boolean;
  rationaleRequired: boolean;
  rationaleMaxLength: number;
  options: OptionView[];
  rounds: RoundView[];
  /** The viewer's role here, for the client to show the right controls; the server checks again. */
  viewerRole: 'secretariat' | 'chair' | 'participant' | 'observer' | null;
}
