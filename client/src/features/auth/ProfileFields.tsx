import { useTranslation } from 'react-i18next';
import { TextField } from '../../ui/TextField';
import { VocabularySelect } from './vocabulary';

// Separate fields rather than one block: sign-up and profile put other fields between them.

interface FieldProps {
  value: string;
  onChange: (value: string) => void;
}

/** The public name; 100 characters at most, as the server's schema allows. */
export function DisplayNameField(field: FieldProps & { autoComplete?: string; error?: string }) {
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

/** The country, as its two-letter ISO code (the server asks for capitals; the forms send them so). */
export function CountryField(field: FieldProps & { required?: boolean; error?: string }) {
  const { t } = useTranslation('auth');
  return (
    <TextField
      label={t('fields.country')}
      maxLength={2}
      pattern="[A-Za-z]{2}"
      placeholder="FR"
      hint={t('fields.countryHint')}
      {...field}
    />
  );
}

/** The address one signs in with; `username` on sign-in so password managers pair it with the password. */
export function EmailField(field: FieldProps & { autoComplete: 'username' | 'email'; error?: string }) {
  const { t } = useTranslation('auth');
  return <TextField type="email" label={t('fields.email')} required {...field} />;
}

/** The password: the current one on sign-in, a new one (with what is asked of it) on sign-up. */
export function PasswordField({ fresh, ...field }: FieldProps & { fresh?: boolean; error?: string }) {
  const { t } = useTranslation('auth');
  return (
    <TextField
      type="password"
      label={t(fresh ? 'fields.newPassword' : 'fields.password')}
      autoComplete={fresh ? 'new-password' : 'current-password'}
      required
      minLength={fresh ? 10 : undefined}
      hint={fresh ? t('fields.passwordHint') : undefined}
      {...field}
    />
  );
}
