import type { ReactNode } from "react";
import { LogoMark } from "@/components/shell/Logo";

/** The frame of the sign-in and sign-up pages: a centred card with the mark and a heading. */
export function AuthCard({
  heading,
  intro,
  children,
  footer,
}: {
  heading: ReactNode;
  intro: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
}) {
  return (
    <div className="flex flex-1 items-start justify-center px-4 py-10 sm:items-center sm:py-16">
      <div className="w-full max-w-md">
        <div className="rounded-2xl border border-border bg-surface px-5 py-8 shadow-card sm:px-8">
          <div className="mb-7 flex flex-col items-center text-center">
            <LogoMark className="mb-4 size-11" />
            <h1 className="text-2xl font-semibold tracking-tight text-fg">{heading}</h1>
            <p className="mt-1.5 text-fg-muted">{intro}</p>
          </div>
          {children}
        </div>
        {footer ? <p className="mt-6 text-center text-sm text-fg-muted">{footer}</p> : null}
      </div>
    </div>
  );
}
