"use client";

import { useCallback, useEffect, useId, useRef, useState, type ClipboardEvent, type DragEvent, type ReactNode } from "react";
import { KIND_LIMITS, PURPOSE_KINDS, acceptFor, formatBytes, type UploadJson, type UploadPurpose } from "@/lib/uploads/schemas";
import { UploadError, uploadFile, type UploadProvider } from "./upload-client";

export interface UploadDropzoneProps {
  /** `avatar` and `photo` take images only; `attachment` any allowed type. */
  purpose: UploadPurpose;
  /** Where the file is shared (a room's photo queue), for the room's access rule. */
  roomId?: string;
  /** Called with each stored upload (`{id, url, name, mime, size, width?, height?, kind, thumb_url?}`). */
  onUploaded: (upload: UploadJson) => void;
  /** Called with each refusal, besides showing its message. */
  onError?: (error: UploadError) => void;
  /** Several files, uploaded one after another. */
  multiple?: boolean;
  /** `window`: a paste anywhere on the page uploads (e.g. a chat composer); `zone` (default): when the zone has focus. */
  pasteScope?: "zone" | "window";
  /** Just the button, progress and message (for tight spots such as a composer or a profile). */
  compact?: boolean;
  label?: ReactNode;
  buttonLabel?: ReactNode;
  disabled?: boolean;
  className?: string;
  /** Skip asking the server whether it uploads through UploadThing. */
  provider?: UploadProvider;
}

type State =
  | { phase: "idle" }
  | { phase: "uploading"; name: string; percent: number; queued: number }
  | { phase: "done"; name: string }
  | { phase: "error"; message: string };

const KIND_LABEL = { image: "images", audio: "audio", video: "video", file: "PDF, text or ZIP" } as const;

function hintFor(purpose: UploadPurpose): string {
  return PURPOSE_KINDS[purpose].map((k) => `${KIND_LABEL[k]} up to ${formatBytes(KIND_LIMITS[k])}`).join(", ");
}

/**
 * A file button and drop zone with paste, a progress bar (XMLHttpRequest upload progress) and
 * the server's message when it refuses a file.
 */
export function UploadDropzone({
  purpose,
  roomId,
  onUploaded,
  onError,
  multiple = false,
  pasteScope = "zone",
  compact = false,
  label,
  buttonLabel,
  disabled = false,
  className = "",
  provider,
}: UploadDropzoneProps) {
  const inputRef = useRef<HTMLInputElement>(null);
  const abortRef = useRef<AbortController | null>(null);
  const [state, setState] = useState<State>({ phase: "idle" });
  const [dragging, setDragging] = useState(false);
  const busy = state.phase === "uploading";
  const hintId = useId();
  const statusId = useId();

  useEffect(() => () => abortRef.current?.abort(), []);

  const start = useCallback(
    async (files: File[]) => {
      if (disabled || busy || files.length === 0) return;
      const list = multiple ? files : files.slice(0, 1);
      for (let i = 0; i < list.length; i++) {
        const file = list[i]!;
        const controller = new AbortController();
        abortRef.current = controller;
        setState({ phase: "uploading", name: file.name || "pasted file", percent: 0, queued: list.length - i - 1 });
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
          const error = err instanceof UploadError ? err : new UploadError("The upload failed", "INTERNAL", 0);
          setState(error.code === "ABORTED" ? { phase: "idle" } : { phase: "error", message: error.message });
          if (error.code !== "ABORTED") onError?.(error);
          break;
        } finally {
          abortRef.current = null;
        }
      }
    },
    [busy, disabled, multiple, onError, onUploaded, provider, purpose, roomId],
  );

  const filesFromPaste = (data: DataTransfer | null): File[] =>
    Array.from(data?.items ?? [])
      .filter((item) => item.kind === "file")
      .map((item) => item.getAsFile())
      .filter((f): f is File => !!f);

  useEffect(() => {
    if (pasteScope !== "window") return;
    const onPaste = (event: globalThis.ClipboardEvent) => {
      const files = filesFromPaste(event.clipboardData);
      if (!files.length) return; // plain text goes where it was pasted
      event.preventDefault();
      void start(files);
    };
    window.addEventListener("paste", onPaste);
    return () => window.removeEventListener("paste", onPaste);
  }, [pasteScope, start]);

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    void start(Array.from(event.dataTransfer.files));
  };
  const onZonePaste = (event: ClipboardEvent) => {
    if (pasteScope !== "zone") return;
    const files = filesFromPaste(event.clipboardData);
    if (!files.length) return;
    event.preventDefault();
    void start(files);
  };

  const button = (
    <button
      type="button"
      onClick={() => inputRef.current?.click()}
      disabled={disabled || busy}
      aria-describedby={hintId}
      className="rounded-md bg-sky-600 px-3 py-1.5 text-sm font-medium text-white shadow-sm hover:bg-sky-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600 disabled:cursor-not-allowed disabled:opacity-50"
    >
      {buttonLabel ?? (multiple ? "Choose files" : "Choose a file")}
    </button>
  );

  return (
    <div
      className={
        compact
          ? `flex flex-col items-start gap-2 ${className}`
          : `flex flex-col items-center gap-3 rounded-lg border-2 border-dashed p-6 text-center transition-colors ${
              dragging ? "border-sky-500 bg-sky-50 dark:bg-sky-950/40" : "border-zinc-300 dark:border-zinc-700"
            } ${disabled ? "opacity-60" : ""} ${className}`
      }
      tabIndex={compact ? undefined : 0}
      aria-label={compact ? undefined : "File drop zone: drop or paste a file here"}
      aria-busy={busy}
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
      <input
        ref={inputRef}
        type="file"
        className="sr-only"
        tabIndex={-1}
        accept={acceptFor(purpose)}
        multiple={multiple}
        disabled={disabled || busy}
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []);
          e.target.value = ""; // choosing the same file again still fires
          void start(files);
        }}
      />
      {!compact && <p className="text-sm text-zinc-700 dark:text-zinc-300">{label ?? "Drop a file here, paste one, or"}</p>}
      {button}
      <p id={hintId} className="text-xs text-zinc-500 dark:text-zinc-400">
        {hintFor(purpose)}
      </p>

      <div id={statusId} aria-live="polite" className="w-full">
        {state.phase === "uploading" && (
          <div className="flex w-full flex-col gap-1">
            <div className="flex items-center justify-between gap-2 text-xs text-zinc-600 dark:text-zinc-300">
              <span className="truncate">
                Uploading {state.name}
                {state.queued > 0 ? ` (${state.queued} more waiting)` : ""}
              </span>
              <span className="tabular-nums">{state.percent}%</span>
            </div>
            <div
              role="progressbar"
              aria-label={`Uploading ${state.name}`}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={state.percent}
              className="h-2 w-full overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800"
            >
              <div className="h-full rounded-full bg-sky-600 transition-[width] duration-150" style={{ width: `${state.percent}%` }} />
            </div>
            <button type="button" onClick={() => abortRef.current?.abort()} className="self-end text-xs text-zinc-600 underline hover:text-zinc-900 dark:text-zinc-300">
              Cancel
            </button>
          </div>
        )}
        {state.phase === "done" && <p className="text-xs text-emerald-700 dark:text-emerald-400">Uploaded {state.name}</p>}
      </div>
      {state.phase === "error" && (
        <p role="alert" className="w-full rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950/50 dark:text-red-200">
          {state.message}
        </p>
      )}
    </div>
  );
}
