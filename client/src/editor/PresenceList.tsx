import { useTranslation } from 'react-i18next';
import type { CollabUserState } from '../../../shared/schemas/collab';

/** Who is here now. Names and colours come from the server, never from another client. */
export function PresenceList({ people }: { people: CollabUserState[] }) {
  const { t } = useTranslation('drafts');
  if (!people.length) return null;
  return (
    <div className="presence" aria-live="polite">
      <span className="presence-label">{t('presence.label', { count: people.length })}</span>
      <ul className="presence-list">
        {people.map((p) => (
          <li key={p.userId} className="presence-person" dir="auto">
            <span className="presence-dot" style={{ backgroundColor: p.color }} aria-hidden="true" />
            {p.name}
          </li>
        ))}
      </ul>
    </div>
  );
}
