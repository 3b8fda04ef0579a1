import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CONSULTATION_ROLES, type ConsultationRole } from '../../../../shared/domain';
import { useUnsavedChangesGuard } from '../../app/unsaved-work/useUnsavedChangesGuard';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { useFocusOnFailure } from '../../ui/field-errors';
import { TableScroll } from '../../ui/TableScroll';
import { useConsultations } from '../consultations/api';
import { useConsultationRoles, useRemoveRole, useSetRole, useUsers } from './api';

function RoleSelect({
  value,
  onChange,
  label,
}: {
  value: string;
  onChange: (v: ConsultationRole) => void;
  label: string;
}) {
  const { t } = useTranslation('admin');
  return (
    <select
      className="field"
      aria-label={label}
      value={value}
      onChange={(e) => onChange(e.target.value as ConsultationRole)}
    >
      {CONSULTATION_ROLES.map((r) => (
        <option key={r} value={r}>
          {t(`roles.${r}`)}
        </option>
      ))}
    </select>
  );
}

/** Chairs, participants and observers of one consultation, assigned by the secretariat. */
export function ConsultationRolesAdmin({ selfId }: { selfId: string }) {
  const { t } = useTranslation('admin');
  const { data: consultations } = useConsultations();
  const [consultationId, setConsultationId] = useState('');
  const { data: roles } = useConsultationRoles(consultationId);
  const setRole = useSetRole(consultationId);
  /** The assignment form's own request: its refusal is said, and focused, in the form. */
  const assignRole = useSetRole(consultationId);
  const assignForm = useRef<HTMLFormElement>(null);
  useFocusOnFailure(assignForm, assignRole.error);
  const removeRole = useRemoveRole(consultationId);
  const [q, setQ] = useState('');
  const { data: found } = useUsers(q, q.trim().length >= 2);
  const [userId, setUserId] = useState('');
  const [role, setNewRole] = useState<ConsultationRole>('participant');
  // The person picked counts only while the search shows them: a new search leaves nobody picked, so the
  // role never goes to someone the form does not show. A search alone is no work to lose.
  const person = found?.find((u) => u.id === userId && u.id !== selfId);
  useUnsavedChangesGuard(person ? t('roles.unsaved', { name: person.displayName }) : null);
  const assign = (e: FormEvent) => {
    e.preventDefault();
    if (person) assignRole.mutate({ userId: person.id, role }, { onSuccess: () => setUserId('') });
  };
  return (
    <section aria-labelledby="admin-roles" className="admin-section">
      <h2 id="admin-roles">{t('roles.title')}</h2>
      <label className="inline-field">
        {t('roles.consultation')}
        <select className="field" value={consultationId} onChange={(e) => setConsultationId(e.target.value)}>
          <option value="">{t('roles.pickConsultation')}</option>
          {consultations?.map((c) => (
            <option key={c.id} value={c.id}>
              {c.title}
            </option>
          ))}
        </select>
      </label>
      {consultationId && (
        <>
          <TableScroll label={t('roles.table')}>
            <table className="admin-table">
              <thead>
                <tr>
                  <th scope="col">{t('accounts.name')}</th>
                  <th scope="col">{t('accounts.email')}</th>
                  <th scope="col">{t('roles.role')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('organisations.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {roles?.length === 0 && (
                  <tr>
                    <td colSpan={4}>{t('roles.none')}</td>
                  </tr>
                )}
                {roles?.map((r) => (
                  <tr key={r.userId}>
                    <td dir="auto">{r.displayName}</td>
                    <td>{r.email}</td>
                    <td>
                      <RoleSelect
                        label={t('roles.roleOf', { name: r.displayName })}
                        value={r.role}
                        onChange={(next) => setRole.mutate({ userId: r.userId, role: next })}
                      />
                    </td>
                    <td>
                      <button
                        type="button"
                        className="secondary"
                        aria-label={t('roles.removeNamed', { name: r.displayName })}
                        onClick={() => removeRole.mutate(r.userId)}
                      >
                        {t('roles.remove')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          {/* What went wrong with a change made in the table is said under it. */}
          <ErrorMessage error={setRole.error ?? removeRole.error} />
          <form
            ref={assignForm}
            className="form admin-assign"
            onSubmit={assign}
            aria-label={t('roles.assignTitle')}
          >
            <h3>{t('roles.assignTitle')}</h3>
            <label>
              {t('roles.findPerson')}
              <input
                type="text"
                value={q}
                onChange={(e) => setQ(e.target.value)}
                placeholder={t('roles.findHint')}
              />
            </label>
            <label>
              {t('roles.person')}
              <select className="field" value={person?.id ?? ''} onChange={(e) => setUserId(e.target.value)}>
                <option value="">{t('roles.pickPerson')}</option>
                {found
                  ?.filter((u) => u.id !== selfId)
                  .map((u) => (
                    <option key={u.id} value={u.id}>
                      {u.displayName} — {u.email}
                    </option>
                  ))}
              </select>
            </label>
            <label>
              {t('roles.role')}
              <RoleSelect label={t('roles.role')} value={role} onChange={setNewRole} />
            </label>
            <div>
              <button type="submit" disabled={!person || assignRole.isPending}>
                {t('roles.assign')}
              </button>
            </div>
            <ErrorMessage error={assignRole.error} />
          </form>
        </>
      )}
    </section>
  );
}
