import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConsultationView } from '../../../../shared/schemas/consultations';
import type { OptionTally } from '../../../../shared/schemas/positions';
import { useCommentViewer } from '../annotations/useCommentViewer';
import { SignInLink } from '../auth/SignInLink';
import { useMe } from '../auth/useMe';
import { useMyPositions, useTallies } from './api';
import { ChartControls, type ChartSettings } from './ChartControls';
import { OptionCard } from './OptionCard';
import { StanceLegend } from './StanceChart';
import { firstCurrency, hasPositions } from './stances';
import { useLivePositions } from './useLivePositions';
import { usePositionThreadsLive } from './usePositionThreadsLive';

/** Why the caller sees no form, or null when they may take positions. */
function whyNoForm(
  c: ConsultationView,
  signedIn: boolean,
  membership: string | null | undefined,
): string | null {
  const round = c.currentRound;
  if (!round) return 'noRound';
  if (round.status === 'closed') return 'closed';
  if (round.status !== 'open') return 'notOpen';
  if (!signedIn) return 'signIn';
  if (c.viewerRole === 'secretariat' || c.viewerRole === 'chair') return 'neutral';
  if (c.viewerRole !== 'participant') return 'readOnly';
  if (c.participation === 'members_only' && (!membership || membership === 'non_member'))
    return 'membersOnly';
  return null;
}

/** How the charts first show: by stakeholder group, all stakeholders, in the first currency anyone spoke in. */
function firstSettings(tallies?: OptionTally[]): ChartSettings {
  return { breakdown: 'group', view: 'all', currency: firstCurrency(tallies) };
}

/**
 * The options of the current round beside the draft: each option with its description, the live stacked bar
 * chart of stances, and the caller's own position. Anonymous readers see the charts.
 */
export function OptionsPanel({ consultation: c }: { consultation: ConsultationView }) {
  const { t } = useTranslation('positions');
  const round = c.currentRound;
  const { data: me } = useMe();
  const tallies = useTallies(round?.id);
  const mine = useMyPositions(round?.id, !!me);
  const [chosen, setSettings] = useState<ChartSettings | null>(null);
  useLivePositions(c.id, round?.id);
  usePositionThreadsLive(c.id, round?.id);
  const viewer = useCommentViewer(c);

  if (!round) return null;
  const options = c.options.filter((o) => !o.retired);
  const reason = whyNoForm(c, !!me, me?.organisation?.membership ?? me?.membership);
  const canSpeakForOrg = !!mine.data?.canSpeakForOrganisation;
  const data = tallies.data;
  const visible = data && !data.hidden ? data : undefined;
  // Until the first position there is nothing to count, break down, filter or download: one sentence says so,
  // in place of controls acting on nothing and a "No positions yet." on every option. Tallies arrive live, so
  // the charts replace it as soon as someone speaks.
  const empty = !!visible && !visible.options.some(hasPositions);
  const charts = empty ? undefined : visible;
  const settings = chosen ?? firstSettings(charts?.options);
  // Settled once the charts are there: later positions never switch the reader's view under them.
  if (charts && !chosen) setSettings(settings);

  return (
    <section className="options-panel" aria-labelledby="options-panel-title">
      <h2 id="options-panel-title">{t('panel.title')}</h2>
      <p className="meta">
        {t('panel.round', { number: round.number })} · {t(`panel.status.${round.status}`)}
      </p>
      {empty && (
        <div className="positions-empty">
          <p>{t(round.status === 'closed' ? 'empty.closed' : 'empty.none')}</p>
          {!reason && <p className="meta">{t('empty.hint', { action: t('form.take') })}</p>}
        </div>
      )}
      {charts && (
        <>
          <ChartControls settings={settings} onChange={setSettings} idPrefix="tally" />
          <p className="meta currency-hint">{t(`currencyHint.${settings.currency}`)}</p>
          <StanceLegend />
        </>
      )}
      {data?.hidden && (
        <p className="notice" role="note">
          {t('panel.hidden')}
        </p>
      )}
      {reason && (
        <p className="notice" role="note">
          {reason === 'signIn' ? <SignInLink>{t('reason.signIn')}</SignInLink> : t(`reason.${reason}`)}
        </p>
      )}
      <ol className="option-cards">
        {options.map((o) => (
          <OptionCard
            key={o.id}
            roundId={round.id}
            option={o}
            closed={round.status === 'closed'}
            settings={settings}
            viewer={viewer}
            tally={charts?.options.find((x) => x.optionId === o.id)}
            form={
              !reason && mine.data
                ? {
                    personal: mine.data.personal.find((p) => p.optionId === o.id),
                    organisation: mine.data.organisation.find((p) => p.optionId === o.id),
                    organisationName: canSpeakForOrg ? mine.data.organisationName : null,
                    rationaleRequired: c.rationaleRequired,
                    rationaleMaxLength: c.rationaleMaxLength,
                  }
                : undefined
            }
          />
        ))}
      </ol>
      {charts && (
        <p className="export-links">
          <a href={`/api/rounds/${round.id}/positions.csv`} download>
            {t('export.csv')}
          </a>{' '}
          ·{' '}
          <a href={`/api/rounds/${round.id}/positions.json`} download>
            {t('export.json')}
          </a>
        </p>
      )}
    </section>
  );
}
