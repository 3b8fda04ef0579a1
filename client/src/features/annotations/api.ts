import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { StoredAnchor } from '../../../../shared/anchoring/anchor';
import type {
  CommentSearchHit,
  ModerationLogEntry,
  ModerationQueueItem,
  NotificationView,
  PersonView,
  ThreadListView,
  ThreadView,
} from '../../../../shared/schemas/annotations';
import { api } from '../../api/http';

export const annotationKeys = {
  threads: (roundId: string) => ['threads', roundId] as const,
  mentionable: (roundId: string, q: string) => ['mentionable', roundId, q] as const,
  notifications: ['notifications'] as const,
};

export const useThreads = (roundId: string) =>
  useQuery({
    queryKey: annotationKeys.threads(roundId),
    queryFn: () => api<ThreadListView>(`/rounds/${roundId}/threads`),
  });

/** Puts one thread as the server returned it into the cached list (new ones at the end). */
function mergeThreads(qc: QueryClient, roundId: string, threads: ThreadView[], asOf?: string) {
  qc.setQueryData<ThreadListView>(annotationKeys.threads(roundId), (old) => {
    if (!old) return old;
    const byId = new Map(old.threads.map((t) => [t.id, t]));
    for (const t of threads) byId.set(t.id, t);
    return { threads: [...byId.values()], asOf: asOf ?? old.asOf };
  });
}

/**
 * Fetches what changed since the last answer (`?since=asOf`) and merges it: used for live hints and after a
 * reconnection, so a client that missed events catches up from the database, not from the events.
 */
export async function refreshThreadsSince(qc: QueryClient, roundId: string) {
  const cached = qc.getQueryData<ThreadListView>(annotationKeys.threads(roundId));
  if (!cached) return qc.invalidateQueries({ queryKey: annotationKeys.threads(roundId) });
  const changed = await api<ThreadListView>(
    `/rounds/${roundId}/threads?since=${encodeURIComponent(cached.asOf)}`,
  );
  mergeThreads(qc, roundId, changed.threads, changed.asOf);
}

export interface NewThread {
  target: 'passage' | 'option' | 'round' | 'position';
  optionId?: string;
  positionId?: string;
  anchor?: StoredAnchor;
  body: string;
  mentions: string[];
}

function useThreadMutation<V>(roundId: string, request: (v: V) => Promise<ThreadView>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: (thread) => mergeThreads(qc, roundId, [thread]),
  });
}

export const useCreateThread = (roundId: string) =>
  useThreadMutation(roundId, (v: NewThread) =>
    api<ThreadView>(`/rounds/${roundId}/threads`, { method: 'POST', json: v }),
  );

export const useReply = (roundId: string) =>
  useThreadMutation(roundId, (v: { threadId: string; body: string; mentions: string[] }) =>
    api<ThreadView>(`/threads/${v.threadId}/comments`, {
      method: 'POST',
      json: { body: v.body, mentions: v.mentions },
    }),
  );

export const useEditComment = (roundId: string) =>
  useThreadMutation(roundId, (v: { commentId: string; body: string; mentions: string[] }) =>
    api<ThreadView>(`/comments/${v.commentId}`, {
      method: 'PATCH',
      json: { body: v.body, mentions: v.mentions },
    }),
  );

export const useWithdrawComment = (roundId: string) =>
  useThreadMutation(roundId, (commentId: string) =>
    api<ThreadView>(`/comments/${commentId}/withdraw`, { method: 'POST' }),
  );

export const useThreadStatus = (roundId: string) =>
  useThreadMutation(roundId, (v: { threadId: string; status: 'open' | 'resolved' }) =>
    api<ThreadView>(`/threads/${v.threadId}`, { method: 'PATCH', json: { status: v.status } }),
  );

export const useModerate = (roundId: string) =>
  useThreadMutation(roundId, (v: { commentId: string; action: 'hide' | 'unhide'; reason: string }) =>
    api<ThreadView>(`/comments/${v.commentId}/${v.action}`, { method: 'POST', json: { reason: v.reason } }),
  );

export const useFlagComment = () =>
  useMutation({
    mutationFn: (v: { commentId: string; reason: string }) =>
      api<{ flagged: true }>(`/comments/${v.commentId}/flags`, {
        method: 'POST',
        json: { reason: v.reason },
      }),
  });

export const useMentionable = (roundId: string, q: string, enabled: boolean) =>
  useQuery({
    queryKey: annotationKeys.mentionable(roundId, q),
    queryFn: () => api<PersonView[]>(`/rounds/${roundId}/mentionable?q=${encodeURIComponent(q)}`),
    enabled,
    staleTime: 30_000,
  });

export const useNotifications = (enabled: boolean) =>
  useQuery({
    queryKey: annotationKeys.notifications,
    queryFn: () => api<{ items: NotificationView[]; unread: number }>('/notifications'),
    enabled,
  });

export const useMarkNotificationsRead = () => {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<{ unread: number }>('/notifications/read', { method: 'POST', json: {} }),
    onSuccess: () => qc.invalidateQueries({ queryKey: annotationKeys.notifications }),
  });
};

export const moderationKeys = {
  queue: (consultationId: string) => ['moderation', 'queue', consultationId] as const,
  log: (consultationId: string) => ['moderation', 'log', consultationId] as const,
};

export const useModerationQueue = (consultationId: string, enabled: boolean) =>
  useQuery({
    queryKey: moderationKeys.queue(consultationId),
    queryFn: () => api<ModerationQueueItem[]>(`/consultations/${consultationId}/moderation/queue`),
    enabled,
  });

export const useModerationLog = (consultationId: string, enabled: boolean) =>
  useQuery({
    queryKey: moderationKeys.log(consultationId),
    queryFn: () => api<ModerationLogEntry[]>(`/consultations/${consultationId}/moderation/log`),
    enabled,
  });

export const useCommentSearch = (roundId: string, params: { q: string; status?: string; group?: string }) =>
  useQuery({
    queryKey: ['comment-search', roundId, params] as const,
    queryFn: () => {
      const qs = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => !!e[1]));
      return api<CommentSearchHit[]>(`/rounds/${roundId}/comments/search?${qs.toString()}`);
    },
    enabled: params.q.trim().length > 0,
  });
