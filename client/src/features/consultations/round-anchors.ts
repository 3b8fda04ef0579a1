/**
 * The parts of a round's page that links land on, and the element ids that name them. The draft's heading
 * and the side column's tabs set these ids, and the phone's jump bar points at them: both take them from here
 * so that a renamed id cannot leave a link pointing nowhere.
 */
export type SideTab = 'comments' | 'positions';
export const SIDE_TABS: SideTab[] = ['comments', 'positions'];

/** The draft's heading (`DraftPanel`). */
export const DRAFT_TITLE_ID = 'draft-title';
/** A side column's tab button (`RoundSideTabs`), and the panel it controls. */
export const sideTabId = (tab: SideTab) => `side-tab-${tab}`;
export const sidePanelId = (tab: SideTab) => `side-panel-${tab}`;
