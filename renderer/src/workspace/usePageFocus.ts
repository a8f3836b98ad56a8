import { useEffect, useRef } from 'react';

/**
 * Sets the window title and moves focus to the screen's heading when a screen opens, so that a
 * screen-reader user hears where they landed after a navigation (not on the first page load).
 */
let firstScreen = true;

export function usePageFocus<T extends HTMLElement = HTMLHeadingElement>(title: string | null) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (title) document.title = `${title} · Veldwerk`;
  }, [title]);
  useEffect(() => {
    if (firstScreen) {
      firstScreen = false;
      return;
    }
    ref.current?.focus();
  }, []);
  return ref;
}
