import type { MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DRAFT_TITLE_ID, SIDE_TABS, type SideTab, sideTabId } from './round-anchors';

type Target = 'draft' | SideTab;
const TARGETS: Target[] = ['draft', ...SIDE_TABS];
/** Where each link lands: the draft's heading, or the side column's tab (which it also selects). */
const anchorOf = (target: Target) => (target === 'draft' ? DRAFT_TITLE_ID : sideTabId(target));

/**
 * On a phone the side column comes after the whole draft: this bar, sticky at the top of the round, jumps to
 * the draft, the comments or the positions (and opens that tab). Plain links, so keys and screen readers
 * know them; hidden where the two columns sit side by side.
 */
export function RoundJumpNav({ onShow }: { onShow: (tab: SideTab) => void }) {
  const { t } = useTranslation('consultations');
  const go = (e: MouseEvent, target: Target) => {
    e.preventDefault();
    if (target !== 'draft') onShow(target);
    // After the tab is shown, so that its panel has its height.
    requestAnimationFrame(() => {
      const el = document.getElementById(anchorOf(target));
      el?.scrollIntoView({ block: 'start' });
      el?.focus({ preventScroll: true });
    });
  };
  return (
    <nav className="round-jump" aria-label={t('jump.label')}>
      {TARGETS.map((target) => (
        <a key={target} href={`#${anchorOf(target)}`} onClick={(e) => go(e, target)}>
          {target === 'draft' ? t('jump.draft') : t(`side.${target}`)}
        </a>
      ))}
    </nav>
  );
}
