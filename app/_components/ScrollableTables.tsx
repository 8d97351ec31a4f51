"use client";

import { useEffect } from "react";

/**
 * On a narrow screen a wide table scrolls in its own box (globals.css); a box that scrolls must be
 * reachable by keyboard to be scrolled without a mouse (WCAG 2.1.1), so each one that overflows
 * gets a tab stop, and loses it when it fits again. Tables come and go (streamed after a loading
 * skeleton, client-side navigation), so the page is watched, not read once.
 */
export function ScrollableTables() {
  useEffect(() => {
    const main = document.querySelector("main");
    if (!main) return;
    const sizes = new ResizeObserver(mark);
    function mark() {
      for (const box of main?.querySelectorAll<HTMLElement>("table, .table-scroll") ?? []) {
        sizes.observe(box);
        if (box.scrollWidth > box.clientWidth) box.tabIndex = 0;
        else box.removeAttribute("tabindex");
      }
    }
    const changes = new MutationObserver(mark);
    changes.observe(main, { childList: true, subtree: true });
    mark();
    return () => {
      changes.disconnect();
      sizes.disconnect();
    };
  }, []);
  return null;
}
