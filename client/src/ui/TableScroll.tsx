import type { ReactNode } from 'react';

/**
 * A table wider than its column (five columns on a phone, say) scrolls sideways in this box instead of widening
 * the page. The box is a named region the keyboard can reach, so that its arrow keys scroll it.
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

/**
 * The same box around each table of HTML rendered elsewhere (the server's text on record), named by its place:
 * `label(1)` for the first table.
 */
export function withScrollingTables(html: string, label: (number: number) => string): string {
  const template = document.createElement('template');
  template.innerHTML = html;
  template.content.querySelectorAll('table').forEach((table, i) => {
    const box = document.createElement('div');
    box.className = 'table-scroll';
    box.setAttribute('role', 'region');
    box.setAttribute('aria-label', label(i + 1));
    box.tabIndex = 0;
    table.replaceWith(box);
    box.append(table);
  });
  return template.innerHTML;
}
