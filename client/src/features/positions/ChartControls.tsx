import { useTranslation } from 'react-i18next';
import {
  BREAKDOWNS,
  CURRENCIES,
  TALLY_VIEWS,
  type Breakdown,
  type Currency,
  type TallyViewName,
} from '../../../../shared/schemas/positions';

export interface ChartSettings {
  breakdown: Breakdown;
  currency: Currency;
  view: TallyViewName;
}

/** A set of radio buttons: one tab stop, arrow keys move within it (native behaviour). */
export function Choice<T extends string>({
  name,
  legend,
  values,
  value,
  label,
  onChange,
}: {
  name: string;
  legend: string;
  values: readonly T[];
  value: T;
  label: (v: T) => string;
  onChange: (v: T) => void;
}) {
  return (
    <fieldset className="segmented">
      <legend>{legend}</legend>
      {values.map((v) => (
        <label key={v} className={v === value ? 'selected' : undefined}>
          <input type="radio" name={name} value={v} checked={v === value} onChange={() => onChange(v)} />
          {label(v)}
        </label>
      ))}
    </fieldset>
  );
}

/** Switches between breakdowns, currencies and the all-stakeholders / members-only views. */
export function ChartControls({
  settings,
  onChange,
  idPrefix,
}: {
  settings: ChartSettings;
  onChange: (s: ChartSettings) => void;
  idPrefix: string;
}) {
  const { t } = useTranslation('positions');
  return (
    <div className="chart-controls">
      <Choice
        name={`${idPrefix}-currency`}
        legend={t('controls.currency')}
        values={CURRENCIES}
        value={settings.currency}
        label={(v) => t(`currency.${v}`)}
        onChange={(currency) => onChange({ ...settings, currency })}
      />
      <Choice
        name={`${idPrefix}-breakdown`}
        legend={t('controls.breakdown')}
        values={BREAKDOWNS}
        value={settings.breakdown}
        label={(v) => t(`breakdown.${v}`)}
        onChange={(breakdown) => onChange({ ...settings, breakdown })}
      />
      <Choice
        name={`${idPrefix}-view`}
        legend={t('controls.view')}
        values={TALLY_VIEWS}
        value={settings.view}
        label={(v) => t(`view.${v}`)}
        onChange={(view) => onChange({ ...settings, view })}
      />
    </div>
  );
}
