"use client";

import { useCallback, useEffect, useId, useRef, useState, type ClipboardEvent, type DragEvent, type ReactNode } from "react";
import { Button } from "@/components/ui/Button";
import { Icon } from "@/components/ui/Icon";
import { ProgressBar } from "@/components/ui/ProgressBar";
import { useI18n } from "@/lib/i18n/client";
import type { I18n } from "@/lib/i18n/translate";
import { KIND_LIMITS, MB, PURPOSE_KINDS, acceptFor, type UploadJson, type UploadPurpose } from "@/lib/uploads/schemas";
import { cx } from "@/lib/ui/cx";
import { UploadError, uploadFile, type UploadProvider } from "./upload-client";
import { errorText } from "@/lib/client/error-text";

export interface UploadDropzoneProps {
  /** `avatar` and `photo` take images only; `attachment` any allowed type. */
  purpose: UploadPurpose;
  /** Where the file is shared (a room's photo queue), for that room's access rule. */
  roomId?: string;
  /** Each stored upload: `{id, url, name, mime, size, kind, width?, height?, thumb_url?}`. */
  onUploaded: (upload: UploadJson) => void;
  /** Each refusal, besides showing it. */
  onError?: (error: UploadError) => void;
  /** Several files, uploaded one after another. */
  multiple?: boolean;
  /** `window`: a pasted file anywhere on the page is uploaded (a chat composer); `zone` (default): while the zone has focus. */
  pasteScope?: "zone" | "window";
  /**
   * Where dropped files are taken: on the zone only, or anywhere in the window (a chat composer:
   * dropping a file on the conversation attaches it), with a full-window hint while dragging.
   */
  dropScope?: "zone" | "window";
  /** Told when an upload starts and ends (a composer holds its send button meanwhile). */
  onBusyChange?: (busy: boolean) => void;
  /** Only the button, progress and message (no drop area look): for a composer or a profile row. */
  compact?: boolean;
  /** Text beside the button in the full zone. */
  label?: ReactNode;
  /** The button's text. */
  buttonLabel?: ReactNode;
  /** Hides the accepted types and sizes line. */
  hideHint?: boolean;
  disabled?: boolean;
  className?: string;
  /** Skip asking the server whether it uploads through UploadThing. */
  provider?: UploadProvider;
}

type State =
  | { phase: "idle" }
  | { phase: "uploading"; name: string; percent: number; waiting: number }
  | { phase: "done"; name: string }
  | { phase: "error"; error: UploadError };

/** A byte count in the reader's language ("10 MB", "10 Mo"). */
export function formatSize(bytes: number, { t, formatNumber }: Pick<I18n, "t" | "formatNumber">): string {
  const one = (n: number) => formatNumber(n, { maximumFractionDigits: 1 });
  if (bytes >= 1024 * MB) return t("uploads.units.gb", { n: one(bytes / (1024 * MB)) });
  if (bytes >= MB) return t("uploads.units.mb", { n: one(bytes / MB) });
  if (bytes >= 1024) return t("uploads.units.kb", { n: one(bytes / 1024) });
  return t("uploads.units.bytes", { n: formatNumber(bytes) });
}

/** A refusal as a title and, for the server's, the catalog sentence of its code (its own is English). */
export function describeUploadError(error: UploadError, i18n: Pick<I18n, "t" | "formatNumber">): { title: string; detail?: string } {
  const { t } = i18n;
  const f = error.failure;
  switch (f.reason) {
    case "server":
      return { title: t("uploads.errors.refused"), detail: errorText(t, f.code) };
    case "tooLarge":
      return { title: t("uploads.errors.tooLarge", { size: formatSize(f.size, i18n), limit: formatSize(f.limit, i18n) }) };
    case "notImage":
      return { title: t("uploads.errors.notImage") };
    case "empty":
      return { title: t("uploads.errors.empty") };
    case "network":
      return { title: t("uploads.errors.network") };
    default:
      return { title: t("uploads.errors.failed") };
  }
}

function filesFrom(data: DataTransfer | null): File[] {
  return Array.from(data?.items ?? [])
    .filter((item) => item.kind === "file")
    .map((item) => item.getAsFile())
    .filter((f): f is File => !!f);
}

/**
 * A file button and drop zone with paste, a progress bar (XMLHttpRequest upload progress) and
 * the server's reason when it refuses a file.
 */
export function UploadDropzone({
  purpose,
  roomId,
  onUploaded,
  onError,
  multiple = false,
  pasteScope = "zone",
  dropScope = "zone",
  onBusyChange,
  compact = false,
  label,
  buttonLabel,
  hideHint = false,
  disabled = false,
  className,
  provider,
}: UploadDropzoneProps) {
  const i18n = useI18n();
  const { t, plural } = i18n;
  const inputRef = useRef<HTMLInputElement>(null);
  const abortRef = useRef<AbortController | null>(null);
  const [state, setState] = useState<State>({ phase: "idle" });
  const [dragging, setDragging] = useState(false);
  const busy = state.phase === "uploading";
  const hintId = useId();

  useEffect(() => () => abortRef.current?.abort(), []);
  useEffect(() => onBusyChange?.(busy), [busy, onBusyChange]);

  const start = useCallback(
    async (files: File[]) => {
      if (disabled || busy || files.length === 0) return;
      const list = multiple ? files : files.slice(0, 1);
      for (let i = 0; i < list.length; i++) {
        const file = list[i]!;
        const controller = new AbortController();
        abortRef.current = controller;
        setState({ phase: "uploading", name: file.name || "…", percent: 0, waiting: list.length - i - 1 });
        try {
          const upload = await uploadFile(file, {
            purpose,
            roomId,
            signal: controller.signal,
            provider,
            onProgress: ({ percent }) => setState((s) => (s.phase === "uploading" ? { ...s, percent } : s)),
          });
          setState({ phase: "done", name: upload.name });
          onUploaded(upload);
        } catch (err) {
          const error = err instanceof UploadError ? err : new UploadError({ reason: "network" });
          if (error.failure.reason === "aborted") {
            setState({ phase: "idle" });
          } else {
            setState({ phase: "error", error });
            onError?.(error);
          }
          break;
        } finally {
          abortRef.current = null;
        }
      }
    },
    [busy, disabled, multiple, onError, onUploaded, provider, purpose, roomId],
  );

  useEffect(() => {
    if (pasteScope !== "window") return;
    const onPaste = (event: globalThis.ClipboardEvent) => {
      const files = filesFrom(event.clipboardData);
      if (!files.length) return; // text is pasted where it was meant to go
      event.preventDefault();
      void start(files);
    };
    window.addEventListener("paste", onPaste);
    return () => window.removeEventListener("paste", onPaste);
  }, [pasteScope, start]);

  const [windowDrag, setWindowDrag] = useState(false);
  useEffect(() => {
    if (dropScope !== "window" || disabled) return;
    const carriesFiles = (e: globalThis.DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes("Files");
    let depth = 0; // dragenter/dragleave fire for every element crossed
    const onEnter = (e: globalThis.DragEvent) => {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      depth++;
      setWindowDrag(true);
    };
    const onOver = (e: globalThis.DragEvent) => {
      if (carriesFiles(e)) e.preventDefault();
    };
    const onLeave = (e: globalThis.DragEvent) => {
      if (!carriesFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setWindowDrag(false);
    };
    const onWindowDrop = (e: globalThis.DragEvent) => {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      depth = 0;
      setWindowDrag(false);
      void start(Array.from(e.dataTransfer?.files ?? []));
    };
    window.addEventListener("dragenter", onEnter);
    window.addEventListener("dragover", onOver);
    window.addEventListener("dragleave", onLeave);
    window.addEventListener("drop", onWindowDrop);
    return () => {
      window.removeEventListener("dragenter", onEnter);
      window.removeEventListener("dragover", onOver);
      window.removeEventListener("dragleave", onLeave);
      window.removeEventListener("drop", onWindowDrop);
    };
  }, [dropScope, disabled, start]);

  const onDrop = (event: DragEvent) => {
    if (dropScope === "window") return; // the window's listener takes it
    event.preventDefault();
    setDragging(false);
    void start(Array.from(event.dataTransfer.files));
  };
  const onZonePaste = (event: ClipboardEvent) => {
    if (pasteScope !== "zone") return;
    const files = filesFrom(event.clipboardData);
    if (!files.length) return;
    event.preventDefault();
    void start(files);
  };

  const hint = PURPOSE_KINDS[purpose].map((k) => t(`uploads.limits.${k}`, { size: formatSize(KIND_LIMITS[k], i18n) })).join(" · ");
  const error = state.phase === "error" ? describeUploadError(state.error, i18n) : null;

  return (
    <div
      className={cx(
        "flex flex-col gap-3",
        compact
          ? "items-start"
          : "items-center rounded-xl border-2 border-dashed p-6 text-center transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent",
        !compact && (dragging ? "border-accent bg-accent-soft" : "border-border-strong"),
        disabled && "opacity-60",
        className,
      )}
      tabIndex={compact ? undefined : 0}
      aria-label={compact ? undefined : t("uploads.zoneLabel")}
      aria-busy={busy || undefined}
      onDragEnter={(e) => {
        e.preventDefault();
        if (!disabled) setDragging(true);
      }}
      onDragOver={(e) => e.preventDefault()}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={onDrop}
      onPaste={onZonePaste}
    >
      {windowDrag ? (
        <div className="pointer-events-none fixed inset-0 z-50 grid place-items-center bg-accent/10 p-6" data-testid="drop-overlay">
          <p className="flex items-center gap-2 rounded-xl border-2 border-dashed border-accent bg-surface px-6 py-4 text-base font-medium text-fg shadow-pop">
            <Icon name="paperclip" className="size-5" />
            {t("uploads.dropToAttach")}
          </p>
        </div>
      ) : null}
      <input
        ref={inputRef}
        type="file"
        className="sr-only"
        tabIndex={-1}
        aria-hidden="true"
        accept={acceptFor(purpose)}
        multiple={multiple}
        disabled={disabled || busy}
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []);
          e.target.value = ""; // choosing the same file again fires again
          void start(files);
        }}
      />
      {!compact ? <p className="text-sm text-fg-muted">{label ?? t("uploads.dropHere")}</p> : null}
      <Button
        variant={compact ? "secondary" : "primary"}
        size="sm"
        icon={purpose === "attachment" ? "paperclip" : "image"}
        onClick={() => inputRef.current?.click()}
        disabled={disabled || busy}
        aria-describedby={hideHint ? undefined : hintId}
      >
        {buttonLabel ?? (multiple ? t("uploads.chooseMany") : t("uploads.choose"))}
      </Button>
      {!hideHint ? (
        <p id={hintId} className="text-xs text-fg-subtle">
          {hint}
        </p>
      ) : null}

      <div aria-live="polite" className="w-full empty:hidden">
        {state.phase === "uploading" ? (
          <div className="flex w-full flex-col gap-1.5">
            <ProgressBar
              value={state.percent}
              label={t("uploads.uploading", { name: state.name })}
              showLabel
              valueText={state.waiting > 0 ? `${state.percent}% · ${plural("uploads.waiting", state.waiting)}` : undefined}
            />
            <Button variant="ghost" size="sm" className="self-end" onClick={() => abortRef.current?.abort()}>
              {t("uploads.cancel")}
            </Button>
          </div>
        ) : null}
        {state.phase === "done" ? (
          <p className="flex items-center gap-1.5 text-sm text-success-soft-fg">
            <Icon name="checkCircle" className="size-4" />
            {t("uploads.done", { name: state.name })}
          </p>
        ) : null}
      </div>
      {error ? (
        <div
          role="alert"
          className="w-full rounded-lg border border-danger/30 bg-danger-soft px-3 py-2 text-left text-sm text-danger-soft-fg"
        >
          <p className="font-medium">{error.title}</p>
          {error.detail ? <p className="mt-0.5">{error.detail}</p> : null}
        </div>
      ) : null}
    </div>
  );
}
