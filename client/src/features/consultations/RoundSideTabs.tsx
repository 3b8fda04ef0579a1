import { type KeyboardEvent, type ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useAnnotationBridge } from '../annotations/annotation-bridge';
import { SIDE_TABS, type SideTab, sidePanelId, sideTabId } from './round-anchors';

/**
 * The column beside the draft: the threads and the options panel share it as two tabs (WAI-ARIA tabs: arrow
 * keys move between them). Both stay mounted so their live subscriptions and typed drafts survive a switch.
 * Selecting a passage in the draft brings the comments forward, since that is where the "Comment" action is.
 * The page holds the chosen tab (`tab`, `onTab`): the phone's jump links choose it too.
 */
export function RoundSideTabs({
  comments,
  positions,
  tab,
  onTab: setTab,
}: {
  comments: ReactNode;
  positions: ReactNode;
  tab: SideTab;
  onTab: (tab: SideTab) => void;
}) {
  const { t } = useTranslation('consultations');
  const selection = useAnnotationBridge((s) => s.selection);
  const refs = useRef<Record<SideTab, HTMLButtonElement | null>>({ comments: null, positions: null });

  useEffect(() => {
    if (selection) setTab('comments');
  }, [selection]);

  const onKeyDown = (e: KeyboardEvent) => {
    const step =
      e.key === 'ArrowRight' || e.key === 'ArrowDown'
        ? 1
        : e.key === 'ArrowLeft' || e.key === 'ArrowUp'
          ? -1
          : 0;
    if (!step) return;
    e.preventDefault();
    // In a right-to-left page the arrows follow the reading direction.
    const rtl = document.documentElement.dir === 'rtl' && (e.key === 'ArrowRight' || e.key === 'ArrowLeft');
    const n = SIDE_TABS.length;
    const next = SIDE_TABS[(SIDE_TABS.indexOf(tab) + (rtl ? -step : step) + n) % n];
    setTab(next);
    refs.current[next]?.focus();
  };

  return (
    <div className="side-tabs">
      <div role="tablist" aria-label={t('side.label')} className="side-tablist" onKeyDown={onKeyDown}>
        {SIDE_TABS.map((name) => (
          <button
            key={name}
            ref={(el) => {
              refs.current[name] = el;
            }}
            role="tab"
            type="button"
            id={sideTabId(name)}
            aria-controls={sidePanelId(name)}
            aria-selected={tab === name}
            tabIndex={tab === name ? 0 : -1}
            className={tab === name ? 'side-tab active' : 'side-tab'}
            onClick={() => setTab(name)}
          >
            {t(`side.${name}`)}
          </button>
        ))}
      </div>
      <div
        role="tabpanel"
        id={sidePanelId('comments')}
        aria-labelledby={sideTabId('comments')}
        hidden={tab !== 'comments'}
      >
        {comments}
      </div>
      <div
        role="tabpanel"
        id={sidePanelId('positions')}
        aria-labelledby={sideTabId('positions')}
        hidden={tab !== 'positions'}
      >
        {positions}
      </div>
    </div>
  );
}
