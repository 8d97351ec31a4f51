"use client";

import { usePathname } from "next/navigation";
import { useEffect } from "react";

/**
 * On a narrow screen a wide table scrolls in its own box (globals.css); a box that scrolls must be
 * reachable by keyboard to be scrolled without a mouse (WCAG 2.1.1), so each one that overflows
 * gets a tab stop, and loses it when it fits again (watched as the page and its tables resize).
 */
export function ScrollableTables() {
  const pathname = usePathname();
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs again after each client-side navigation, to mark the new page's tables.
  useEffect(() => {
    const boxes = [...document.querySelectorAll<HTMLElement>("main table, main .table-scroll")];
    const mark = () => {
      for (const box of boxes) {
        if (box.scrollWidth > box.clientWidth) box.tabIndex = 0;
        else box.removeAttribute("tabindex");
      }
    };
    const observer = new ResizeObserver(mark);
    for (const box of boxes) observer.observe(box);
    mark();
    return () => observer.disconnect();
  }, [pathname]);
  return null;
}
