"use client";

import { usePathname } from "next/navigation";
import { useEffect } from "react";

/**
 * On a narrow screen a wide table scrolls in its own box (globals.css); a box that scrolls must be
 * reachable by keyboard to be scrolled without a mouse (WCAG 2.1.1), so each one that overflows
 * gets a tab stop, and loses it when it fits again.
 */
export function ScrollableTables() {
  const pathname = usePathname();
  useEffect(() => {
    const mark = () => {
      for (const box of document.querySelectorAll<HTMLElement>("main table, main .table-scroll")) {
        if (box.scrollWidth > box.clientWidth) box.tabIndex = 0;
        else box.removeAttribute("tabindex");
      }
    };
    mark();
    window.addEventListener("resize", mark);
    return () => window.removeEventListener("resize", mark);
  }, [pathname]);
  return null;
}
