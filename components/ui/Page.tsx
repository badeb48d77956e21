import type { ReactNode } from "react";
import { cx } from "@/lib/ui/cx";

/** The content column of a page: centred, padded, `narrow` for forms and settings. */
export function Page({ narrow = false, className, children }: { narrow?: boolean; className?: string; children: ReactNode }) {
  return <div className={cx("mx-auto w-full px-4 py-8 sm:px-6 sm:py-12", narrow ? "max-w-3xl" : "max-w-6xl", className)}>{children}</div>;
}

/** The page's h1 with an optional lead paragraph and actions on the right. */
export function PageHeader({
  title,
  description,
  actions,
  children,
}: {
  title: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
  children?: ReactNode;
}) {
  return (
    <div className="mb-8 flex flex-wrap items-end justify-between gap-4">
      <div className="flex min-w-0 flex-col">
        <h1 className="text-2xl font-semibold tracking-tight text-fg sm:text-3xl">{title}</h1>
        {description ? <p className="mt-2 max-w-2xl text-fg-muted">{description}</p> : null}
        {children}
      </div>
      {actions ? <div className="flex items-center gap-2">{actions}</div> : null}
    </div>
  );
}
