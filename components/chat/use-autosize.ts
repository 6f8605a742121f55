'use client';

import { useLayoutEffect, type RefObject } from 'react';

/** Grows a textarea with its content (up to its CSS max-height, then it scrolls). */
export function useAutosize(ref: RefObject<HTMLTextAreaElement | null>, value: string): void {
  useLayoutEffect(() => {
    const textarea = ref.current;
    if (!textarea) return;
    textarea.style.height = 'auto';
    textarea.style.height = `${textarea.scrollHeight + textarea.offsetHeight - textarea.clientHeight}px`;
  }, [ref, value]);
}
