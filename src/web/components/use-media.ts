import { useSyncExternalStore } from 'react';

/** A CSS media query as React state, right from the first render (no desktop/phone flicker). */
export function useMedia(query: string): boolean {
  return useSyncExternalStore(
    (notify) => {
      const mql = window.matchMedia(query);
      mql.addEventListener('change', notify);
      return () => mql.removeEventListener('change', notify);
    },
    () => window.matchMedia(query).matches,
    () => false,
  );
}

/** Narrower than antd's `lg` breakpoint: the Sider becomes a Drawer. */
export const useNarrow = () => useMedia('(max-width: 991px)');
/** A phone: lists become cards, forms one column. */
export const usePhone = () => useMedia('(max-width: 575px)');
