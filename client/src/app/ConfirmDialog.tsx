/**
 * ConfirmDialog lives in ui/ now. This re-export remains only for features/rounds/OpenRoundDialog.tsx, which
 * another branch is changing at the moment: once its import says '../../ui/ConfirmDialog', delete this file.
 */
export { ConfirmDialog } from '../ui/ConfirmDialog';
