import { useMemo } from 'react';
import type { ConsultationView } from '../../../../shared/schemas/consultations';
import { useMe } from '../auth/useMe';
import type { Viewer } from './CommentItem';

/**
 * What the signed-in person may do with the round's threads, for showing or hiding controls (the server's
 * policy decides): the comments sidebar and the discussions under the rationales ask the same question.
 */
export function useCommentViewer(consultation: ConsultationView): Viewer {
  const { data: me } = useMe();
  const roundOpen = consultation.currentRound?.status === 'open';
  const role = consultation.viewerRole;
  return useMemo(
    () => ({
      userId: me?.id ?? null,
      canComment: !!me && roundOpen && (role === 'secretariat' || role === 'chair' || role === 'participant'),
      moderator: role === 'secretariat' || role === 'chair',
    }),
    [me, roundOpen, role],
  );
}
