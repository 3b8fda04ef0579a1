import { useTranslation } from 'react-i18next';
import { MEMBERSHIPS, REGIONS, STAKEHOLDER_GROUPS } from '../../../../shared/domain';
import {
  UNSPECIFIED,
  type Breakdown,
  type StanceCounts,
  type TallyBreakdowns,
} from '../../../../shared/schemas/positions';
import { TableScroll } from '../../ui/TableScroll';
import { STANCE_COLOURS, STANCES } from './stances';

const CATEGORIES: Record<Breakdown, readonly string[]> = {
  group: [...STAKEHOLDER_GROUPS, UNSPECIFIED],
  membership: [...MEMBERSHIPS, UNSPECIFIED],
  region: [...REGIONS, UNSPECIFIED],
};

const sum = (c: StanceCounts) => STANCES.reduce((n, s) => n + c[s], 0);

/** One horizontal stacked bar, drawn in SVG; its accessible name says every count. */
function StackedBar({ counts, scale, label }: { counts: StanceCounts; scale: number; label: string }) {
  let x = 0;
  return (
    <svg className="stance-bar" role="img" aria-label={label} viewBox="0 0 100 10" preserveAspectRatio="none">
      <rect x="0" y="0" width="100" height="10" className="stance-bar-track" />
      {STANCES.map((s) => {
        const width = scale > 0 ? (counts[s] / scale) * 100 : 0;
        const rect =
          width > 0 ? <rect key={s} x={x} y="0" width={width} height="10" fill={STANCE_COLOURS[s]} /> : null;
        x += width;
        return rect;
      })}
    </svg>
  );
}

/**
 * The stances on one option, split along one breakdown: a total bar, one bar per category that has positions,
 * and the same numbers as a table for screen readers and for anyone who prefers figures; or, where nobody has
 * taken a position, a sentence saying so.
 */
export function StanceChart({
  optionId,
  optionLabel,
  tally,
  breakdown,
  closed,
}: {
  optionId: string;
  /** Names the table's scrolling region, which a keyboard user may land on among several options' tables. */
  optionLabel: string;
  tally: TallyBreakdowns;
  breakdown: Breakdown;
  /** The round is closed: an empty chart says no position was taken, not "yet". */
  closed: boolean;
}) {
  const { t } = useTranslation('positions');
  const summary = (c: StanceCounts) => STANCES.map((s) => `${t(`stance.${s}`)} ${c[s]}`).join(', ');
  const rows = CATEGORIES[breakdown]
    .map((key) => ({ key, counts: tally.by[breakdown][key] }))
    .filter((r): r is { key: string; counts: StanceCounts } => !!r.counts && sum(r.counts) > 0);
  const total = sum(tally.total);
  const max = Math.max(1, ...rows.map((r) => sum(r.counts)));
  const categoryName = (key: string) => t(`${breakdown}.${key}`);

  // Nobody has taken a position in this view: the sentence alone, not an empty bar over a table of zeros.
  if (total === 0)
    return (
      <div className="stance-chart" data-testid={`chart-${optionId}`}>
        <p className="meta stance-chart-caption">{t(closed ? 'chart.emptyClosed' : 'chart.empty')}</p>
      </div>
    );
  return (
    <div className="stance-chart" data-testid={`chart-${optionId}`}>
      <p className="meta stance-chart-caption">{t('chart.positions', { count: total })}</p>
      {/* One grid for all the rows, so that the bars line up and the names' column is as wide as this
          breakdown's longest name needs, up to a limit past which names wrap. */}
      <div className="stance-rows">
        <div className="stance-row stance-row-total">
          <span className="stance-row-label">{t('chart.total')}</span>
          <StackedBar
            counts={tally.total}
            scale={total}
            label={`${t('chart.total')}: ${summary(tally.total)}`}
          />
          <span className="stance-row-count" data-testid={`total-${optionId}`}>
            {total}
          </span>
        </div>
        {rows.map((r) => (
          <div className="stance-row" key={r.key}>
            <span className="stance-row-label">{categoryName(r.key)}</span>
            <StackedBar
              counts={r.counts}
              scale={max}
              label={`${categoryName(r.key)}: ${summary(r.counts)}`}
            />
            <span className="stance-row-count">{sum(r.counts)}</span>
          </div>
        ))}
      </div>
      <details className="stance-table">
        <summary>{t('chart.table')}</summary>
        {/* Five columns are wider than a phone or the side column: the table scrolls here, never the page. */}
        <TableScroll label={t('chart.tableRegion', { option: optionLabel })}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t(`breakdown.${breakdown}`)}</th>
                {STANCES.map((s) => (
                  <th scope="col" key={s}>
                    {t(`stance.${s}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.key}>
                  <th scope="row">{categoryName(r.key)}</th>
                  {STANCES.map((s) => (
                    <td key={s}>{r.counts[s]}</td>
                  ))}
                </tr>
              ))}
              <tr>
                <th scope="row">{t('chart.total')}</th>
                {STANCES.map((s) => (
                  <td key={s}>{tally.total[s]}</td>
                ))}
              </tr>
            </tbody>
          </table>
        </TableScroll>
      </details>
    </div>
  );
}

/** Which colour is which stance, once for the whole panel. */
export function StanceLegend() {
  const { t } = useTranslation('positions');
  return (
    <ul className="stance-legend" aria-label={t('chart.legend')}>
      {STANCES.map((s) => (
        <li key={s}>
          <span className="stance-swatch" style={{ background: STANCE_COLOURS[s] }} aria-hidden="true" />
          {t(`stance.${s}`)}
        </li>
      ))}
    </ul>
  );
}
