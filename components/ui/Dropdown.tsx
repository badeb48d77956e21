"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useId, useRef, useState, type ComponentProps, type ReactNode } from "react";
import { cx } from "@/lib/ui/cx";
import { Icon, type IconName } from "./Icon";

interface DropdownProps {
  /** Content of the trigger button. */
  trigger: ReactNode;
  /** Accessible name of the trigger when its content is not text (an avatar). */
  label?: string;
  triggerClassName?: string;
  align?: "start" | "end";
  /** The panel; `close` lets an item close it after acting. */
  children: (close: () => void) => ReactNode;
  className?: string;
}

/**
 * A button that shows a small panel of links and actions (disclosure pattern: Tab moves
 * through the items). Closes on Escape (focus back on the button), outside click and navigation.
 */
export function Dropdown({ trigger, label, triggerClassName, align = "end", children, className }: DropdownProps) {
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  const pathname = usePathname();

  useEffect(() => setOpen(false), [pathname]);

  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent) => {
      if (!rootRef.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        setOpen(false);
        buttonRef.current?.focus();
      }
    };
    const onFocus = (e: FocusEvent) => {
      if (e.target instanceof Node && !rootRef.current?.contains(e.target)) setOpen(false);
    };
    document.addEventListener("pointerdown", onPointer);
    document.addEventListener("keydown", onKey);
    document.addEventListener("focusin", onFocus);
    return () => {
      document.removeEventListener("pointerdown", onPointer);
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("focusin", onFocus);
    };
  }, [open]);

  return (
    <div ref={rootRef} className={cx("relative", className)}>
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={label}
        onClick={() => setOpen((v) => !v)}
        className={triggerClassName}
      >
        {trigger}
      </button>
      <div
        id={panelId}
        hidden={!open}
        className={cx(
          "absolute top-full z-50 mt-2 min-w-60 animate-[fade-in_120ms_ease-out] rounded-xl border border-border bg-surface p-1.5 shadow-pop",
          align === "end" ? "right-0" : "left-0",
        )}
      >
        {open ? children(() => setOpen(false)) : null}
      </div>
    </div>
  );
}

const ITEM = "flex w-full min-h-11 sm:min-h-10 items-center gap-2.5 rounded-lg px-3 text-left text-sm text-fg hover:bg-surface-2";

/** A link row inside a Dropdown. */
export function DropdownLink({ icon, className, children, ...rest }: ComponentProps<typeof Link> & { icon?: IconName }) {
  return (
    <Link className={cx(ITEM, className)} {...rest}>
      {icon ? <Icon name={icon} size={18} className="text-fg-subtle" /> : null}
      {children}
    </Link>
  );
}

/** An action row inside a Dropdown. */
export function DropdownButton({ icon, className, children, ...rest }: ComponentProps<"button"> & { icon?: IconName }) {
  return (
    <button type="button" className={cx(ITEM, "disabled:opacity-60", className)} {...rest}>
      {icon ? <Icon name={icon} size={18} className="text-fg-subtle" /> : null}
      {children}
    </button>
  );
}

export function DropdownSeparator() {
  return <div role="separator" className="my-1.5 h-px bg-border" />;
}
