"use client";

import { useEffect, useId, useRef, type FormEvent, type ReactNode } from "react";
import { useT } from "@/lib/i18n/client";
import { cx } from "@/lib/ui/cx";
import { Button } from "./Button";
import { Icon } from "./Icon";

interface DialogProps {
  open: boolean;
  /** Called when the user dismisses it (Escape, backdrop, close button). */
  onClose: () => void;
  title: ReactNode;
  description?: ReactNode;
  children?: ReactNode;
  /** Buttons, right-aligned at the bottom. */
  footer?: ReactNode;
  /** While true the dialog cannot be dismissed (an action is running). */
  busy?: boolean;
  size?: "sm" | "md";
  /** Turns the body into a form: Enter submits, the footer's submit button too. */
  onSubmit?: (event: FormEvent<HTMLFormElement>) => void;
  /** Focused when the dialog opens (defaults to the first focusable element). */
  initialFocusRef?: React.RefObject<HTMLElement | null>;
}

/**
 * A modal dialog on the native <dialog> element: focus is trapped and restored, Escape closes,
 * the page behind is inert. Labelled by its title and described by its description.
 */
export function Dialog({
  open,
  onClose,
  title,
  description,
  children,
  footer,
  busy = false,
  size = "sm",
  onSubmit,
  initialFocusRef,
}: DialogProps) {
  const t = useT();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      initialFocusRef?.current?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open, initialFocusRef]);

  const body = (
    <>
      <div className="flex items-start justify-between gap-4 px-5 pt-5 sm:px-6">
        <div>
          <h2 id={titleId} className="text-lg font-semibold text-fg">
            {title}
          </h2>
          {description ? (
            <p id={descriptionId} className="mt-1.5 text-sm text-fg-muted">
              {description}
            </p>
          ) : null}
        </div>
        <button
          type="button"
          onClick={onClose}
          disabled={busy}
          className="-mt-1 -mr-2 grid size-10 shrink-0 place-items-center rounded-lg text-fg-subtle hover:bg-surface-2 hover:text-fg disabled:opacity-50"
          aria-label={t("common.close")}
        >
          <Icon name="close" size={18} />
        </button>
      </div>
      {children ? <div className="px-5 pt-4 sm:px-6">{children}</div> : null}
      {footer ? (
        <div className="mt-6 flex flex-col-reverse gap-2 border-t border-border bg-surface-2/50 px-5 py-4 sm:flex-row sm:justify-end sm:px-6">
          {footer}
        </div>
      ) : (
        <div className="h-5" />
      )}
    </>
  );

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      onCancel={(e) => {
        e.preventDefault(); // Escape: we decide (not while busy)
        if (!busy) onClose();
      }}
      onClick={(e) => {
        if (e.target === ref.current && !busy) onClose(); // a click on the backdrop
      }}
      className={cx(
        "m-auto w-[calc(100%-2rem)] overflow-hidden rounded-2xl border border-border bg-surface p-0 text-fg shadow-pop",
        "backdrop:bg-black/50 backdrop:backdrop-blur-[2px] open:animate-[dialog-in_160ms_ease-out]",
        size === "sm" ? "max-w-md" : "max-w-xl",
      )}
    >
      {onSubmit ? (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            onSubmit(e);
          }}
        >
          {body}
        </form>
      ) : (
        body
      )}
    </dialog>
  );
}

interface ConfirmDialogProps extends Omit<DialogProps, "footer" | "onSubmit" | "busy"> {
  confirmLabel: ReactNode;
  /** Label while `onConfirm` runs ("Deleting…"). */
  confirmingLabel?: ReactNode;
  cancelLabel?: ReactNode;
  /** Red confirm button for destructive actions. */
  danger?: boolean;
  /** Runs on confirm; the dialog shows a loading state until it settles. */
  onConfirm: () => void | Promise<void>;
  busy?: boolean;
}

/** "Are you sure?": a Dialog with Cancel and a confirm button; children may hold a field. */
export function ConfirmDialog({
  confirmLabel,
  confirmingLabel,
  cancelLabel,
  danger = false,
  onConfirm,
  busy = false,
  ...rest
}: ConfirmDialogProps) {
  const t = useT();
  return (
    <Dialog
      {...rest}
      busy={busy}
      onSubmit={() => void onConfirm()}
      footer={
        <>
          <Button variant="secondary" onClick={rest.onClose} disabled={busy}>
            {cancelLabel ?? t("common.cancel")}
          </Button>
          <Button type="submit" variant={danger ? "danger" : "primary"} loading={busy} loadingText={confirmingLabel}>
            {confirmLabel}
          </Button>
        </>
      }
    />
  );
}
