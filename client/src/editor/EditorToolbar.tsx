import type { Editor } from '@tiptap/react';
import { useEditorState } from '@tiptap/react';
import { useTranslation } from 'react-i18next';
import { isSafeHref } from '../../../shared/editor/extensions';

/** The secretariat's small toolbar: structure (headings, lists, tables) and links, nothing decorative. */
export function EditorToolbar({ editor }: { editor: Editor }) {
  const { t } = useTranslation('drafts');
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      h2: e.isActive('heading', { level: 2 }),
      h3: e.isActive('heading', { level: 3 }),
      bullet: e.isActive('bulletList'),
      ordered: e.isActive('orderedList'),
      link: e.isActive('link'),
      table: e.isActive('table'),
    }),
  });
  const chain = () => editor.chain().focus();
  const setLink = () => {
    const previous = (editor.getAttributes('link').href as string | undefined) ?? 'https://';
    const href = window.prompt(t('toolbar.linkPrompt'), previous);
    if (href === null) return;
    if (href === '') return void chain().extendMarkRange('link').unsetLink().run();
    if (!isSafeHref(href)) return void window.alert(t('toolbar.linkUnsafe'));
    chain().extendMarkRange('link').setLink({ href }).run();
  };
  const button = (key: string, label: string, active: boolean, run: () => void, text: string) => (
    <button
      key={key}
      type="button"
      className="toolbar-button"
      aria-pressed={active}
      aria-label={label}
      title={label}
      onClick={run}
    >
      {text}
    </button>
  );
  return (
    <div className="editor-toolbar" role="toolbar" aria-label={t('toolbar.label')}>
      {button('bold', t('toolbar.bold'), state.bold, () => chain().toggleBold().run(), 'B')}
      {button('italic', t('toolbar.italic'), state.italic, () => chain().toggleItalic().run(), 'I')}
      {button(
        'h2',
        t('toolbar.heading', { level: 2 }),
        state.h2,
        () => chain().toggleHeading({ level: 2 }).run(),
        'H2',
      )}
      {button(
        'h3',
        t('toolbar.heading', { level: 3 }),
        state.h3,
        () => chain().toggleHeading({ level: 3 }).run(),
        'H3',
      )}
      {button('bullet', t('toolbar.bulletList'), state.bullet, () => chain().toggleBulletList().run(), '•')}
      {button(
        'ordered',
        t('toolbar.orderedList'),
        state.ordered,
        () => chain().toggleOrderedList().run(),
        '1.',
      )}
      {button('link', t('toolbar.link'), state.link, setLink, t('toolbar.linkShort'))}
      {state.table
        ? [
            button(
              'row',
              t('toolbar.addRow'),
              false,
              () => chain().addRowAfter().run(),
              t('toolbar.addRowShort'),
            ),
            button(
              'col',
              t('toolbar.addColumn'),
              false,
              () => chain().addColumnAfter().run(),
              t('toolbar.addColumnShort'),
            ),
            button(
              'deltable',
              t('toolbar.deleteTable'),
              false,
              () => chain().deleteTable().run(),
              t('toolbar.deleteTableShort'),
            ),
          ]
        : button(
            'table',
            t('toolbar.table'),
            false,
            () => chain().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run(),
            t('toolbar.tableShort'),
          )}
    </div>
  );
}
