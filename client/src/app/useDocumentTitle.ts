import { useEffect } from 'react';

/**
 * The browser tab's title for the page: its most specific parts first ("Round 2 · <consultation>"), then the
 * product's name, so tabs and history tell pages apart. Parts not known yet (still loading) are left out.
 */
export function useDocumentTitle(...parts: (string | null | undefined | false)[]) {
  const title = [...parts.filter((p): p is string => !!p), 'Consulta'].join(' · ');
  useEffect(() => {
    document.title = title;
    return () => {
      document.title = 'Consulta';
    };
  }, [title]);
}
