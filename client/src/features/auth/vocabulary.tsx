import { useTranslation } from 'react-i18next';
import { MEMBERSHIPS, REGIONS, STAKEHOLDER_GROUPS } from '../../../../shared/domain';

const LISTS = { group: STAKEHOLDER_GROUPS, membership: MEMBERSHIPS, region: REGIONS } as const;

/**
 * A select over one of the shared vocabularies (stakeholder group, ITU membership, ITU region), named as the
 * charts, tables and digests name them (positions.json, the one place these words are kept).
 */
export function VocabularySelect({
  kind,
  label,
  value,
  onChange,
  optional = true,
}: {
  kind: keyof typeof LISTS;
  label: string;
  value: string;
  onChange: (value: string) => void;
  optional?: boolean;
}) {
  const { t } = useTranslation('auth');
  return (
    <label>
      {label}
      <select className="field" value={value} onChange={(e) => onChange(e.target.value)} required={!optional}>
        <option value="">{optional ? t('fields.notSaying') : t('fields.choose')}</option>
        {LISTS[kind].map((v) => (
          <option key={v} value={v}>
            {t(`positions:${kind}.${v}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
