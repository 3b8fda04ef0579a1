import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OptionView } from '../../../../shared/schemas/consultations';
import type { OptionTally, PositionView } from '../../../../shared/schemas/positions';
import type { Viewer } from '../annotations/CommentItem';
import type { ChartSettings } from './ChartControls';
import { PositionForm, type PositionFormProps } from './PositionForm';
import { RationalesList } from './RationalesList';
import { StanceChart } from './StanceChart';
import { hasPositions } from './stances';

export interface OptionCardProps {
  roundId: string;
  option: OptionView;
  tally: OptionTally | undefined;
  /** The round is closed: nobody will take a position any more. */
  closed: boolean;
  settings: ChartSettings;
  /** Who reads the rationales: may they discuss them (and moderate the discussion)? */
  viewer: Viewer;
  /** Present when the caller may take positions here. */
  form?: Omit<PositionFormProps, 'roundId' | 'optionId' | 'optionLabel'>;
}

/** What the caller has said on this option, in a few words, for the collapsed form's button. */
function ownSummary(t: (k: string, o?: Record<string, unknown>) => string, own: PositionView[]) {
  if (own.length === 0) return t('form.take');
  return t('form.yours', { stance: own.map((p) => t(`stance.${p.stance}`)).join(' / ') });
}

/** One option: its description, the live chart, the rationales, and (collapsed) the caller's own position. */
export function OptionCard({ roundId, option, tally, closed, settings, viewer, form }: OptionCardProps) {
  const { t } = useTranslation('positions');
  const [editing, setEditing] = useState(false);
  // Once opened, the form stays mounted while collapsed, so that what was typed is still there on reopening.
  const [opened, setOpened] = useState(false);
  const formId = useId();
  const own = form ? [form.organisation, form.personal].filter((p): p is PositionView => !!p) : [];
  return (
    <li className="option-card">
      <h3 dir="auto">{option.label}</h3>
      {option.description && (
        <p className="meta" dir="auto">
          {option.description}
        </p>
      )}
      {tally && (
        <>
          <StanceChart
            optionId={option.id}
            optionLabel={option.label}
            tally={tally.currencies[settings.currency][settings.view]}
            breakdown={settings.breakdown}
            closed={closed}
          />
          {/* No rationale to read (nor filters to set) where nobody has taken a position. */}
          {hasPositions(tally) && <RationalesList roundId={roundId} optionId={option.id} viewer={viewer} />}
        </>
      )}
      {form && (
        <>
          <button
            type="button"
            className={`secondary position-toggle${own.length ? ' has-position' : ''}`}
            aria-expanded={editing}
            aria-controls={formId}
            onClick={() => {
              setEditing(!editing);
              setOpened(true);
            }}
          >
            {ownSummary(t, own)}
          </button>
          <div id={formId} hidden={!editing}>
            {opened && (
              <PositionForm roundId={roundId} optionId={option.id} optionLabel={option.label} {...form} />
            )}
          </div>
        </>
      )}
    </li>
  );
}
