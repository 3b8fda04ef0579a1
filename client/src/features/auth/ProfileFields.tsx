import { useTranslation } from 'react-i18next';
import { TextField } from './TextField';
import { VocabularySelect } from './vocabulary';

// Separate fields rather than one block: sign-up and profile put other fields between them.

interface FieldProps {
  value: string;
  onChange: (value: string) => void;
}

/** The public name; 100 characters at most, as the server's schema allows. */
export function DisplayNameField(field: FieldProps & { autoComplete?: string }) {
  const { t } = useTranslation('auth');
  return <TextField label={t('fields.displayName')} required maxLength={100} {...field} />;
}

/** The stakeholder group one speaks for in a personal capacity; saying none is allowed. */
export function StakeholderGroupSelect(field: FieldProps) {
  const { t } = useTranslation('auth');
  return <VocabularySelect kind="group" label={t('fields.stakeholderGroup')} {...field} />;
}

/** The ITU region one is in; saying none is allowed. */
export function RegionSelect(field: FieldProps) {
  const { t } = useTranslation('auth');
  return <VocabularySelect kind="region" label={t('fields.region')} {...field} />;
}
