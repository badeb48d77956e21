"use client";

import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from "react";
import { useT } from "@/lib/i18n/client";
import { cx } from "@/lib/ui/cx";
import { Icon } from "./Icon";

export type ToastTone = "success" | "error" | "info";

export interface ToastInput {
  title: string;
  description?: string;
  tone?: ToastTone;
  /** ms before it goes away by itself; 0 keeps it until dismissed. Errors stay longer. */
  duration?: number;
}

interface ToastItem extends Required<Omit<ToastInput, "description">> {
  id: number;
  description?: string;
}

const ToastContext = createContext<((toast: ToastInput) => void) | null>(null);

const FLASH_KEY = "m2g-flash";

/**
 * A toast to show after the next full page load (e.g. "account deleted" before going to `/`).
 * Kept in sessionStorage, so only this tab sees it.
 */
export function flashToast(toast: ToastInput): void {
  try {
    sessionStorage.setItem(FLASH_KEY, JSON.stringify(toast));
  } catch {
    /* storage unavailable: the toast is lost, nothing else is */
  }
}

/** Holds the notifications area; wrap the app once (the root layout does). */
export function ToastProvider({ children }: { children: ReactNode }) {
  const t = useT();
  const [toasts, setToasts] = useState<ToastItem[]>([]);
  const nextId = useRef(1);

  const dismiss = useCallback((id: number) => setToasts((list) => list.filter((x) => x.id !== id)), []);

  const push = useCallback((input: ToastInput) => {
    const tone = input.tone ?? "info";
    const item: ToastItem = {
      id: nextId.current++,
      title: input.title,
      description: input.description,
      tone,
      duration: input.duration ?? (tone === "error" ? 8000 : 5000),
    };
    setToasts((list) => [...list.slice(-3), item]);
  }, []);

  useEffect(() => {
    try {
      const raw = sessionStorage.getItem(FLASH_KEY);
      if (!raw) return;
      sessionStorage.removeItem(FLASH_KEY);
      push(JSON.parse(raw) as ToastInput);
    } catch {
      /* ignore a malformed or unavailable flash */
    }
  }, [push]);

  return (
    <ToastContext.Provider value={push}>
      {children}
      <section
        aria-label={t("toast.region")}
        className="pointer-events-none fixed inset-x-0 bottom-0 z-[60] flex flex-col items-center gap-2 p-4 sm:inset-x-auto sm:right-0 sm:items-end"
      >
        <ol className="flex w-full flex-col gap-2 sm:w-96" aria-live="polite" aria-relevant="additions">
          {toasts.map((toast) => (
            <ToastView key={toast.id} toast={toast} onDismiss={() => dismiss(toast.id)} />
          ))}
        </ol>
      </section>
    </ToastContext.Provider>
  );
}

const TONE_ICON = { success: "checkCircle", error: "alert", info: "info" } as const;
const TONE_CLASS = { success: "text-success", error: "text-danger", info: "text-accent" } as const;

function ToastView({ toast, onDismiss }: { toast: ToastItem; onDismiss: () => void }) {
  const t = useT();
  const [paused, setPaused] = useState(false);
  useEffect(() => {
    if (!toast.duration || paused) return;
    const timer = setTimeout(onDismiss, toast.duration);
    return () => clearTimeout(timer);
  }, [toast.duration, paused, onDismiss]);
  return (
    <li
      role={toast.tone === "error" ? "alert" : "status"}
      onMouseEnter={() => setPaused(true)}
      onMouseLeave={() => setPaused(false)}
      onFocus={() => setPaused(true)}
      onBlur={() => setPaused(false)}
      className="pointer-events-auto flex animate-[toast-in_180ms_ease-out] items-start gap-3 rounded-xl border border-border bg-surface p-4 shadow-pop"
    >
      <Icon name={TONE_ICON[toast.tone]} size={20} className={cx("mt-px", TONE_CLASS[toast.tone])} />
      <div className="min-w-0 flex-1">
        <p className="text-sm font-medium text-fg">{toast.title}</p>
        {toast.description ? <p className="mt-0.5 text-sm text-fg-muted">{toast.description}</p> : null}
      </div>
      <button
        type="button"
        onClick={onDismiss}
        className="-m-1.5 grid size-8 place-items-center rounded-md text-fg-subtle hover:bg-surface-2 hover:text-fg"
        aria-label={t("common.dismiss")}
      >
        <Icon name="close" size={16} />
      </button>
    </li>
  );
}

/** `const toast = useToast(); toast({ title: t("profile.saved"), tone: "success" })`. */
export function useToast(): (toast: ToastInput) => void {
  const push = useContext(ToastContext);
  if (!push) throw new Error("useToast must be used inside <ToastProvider>");
  return push;
}
