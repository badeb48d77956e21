import type { HTMLAttributes, ReactNode } from "react";
import { cx } from "@/lib/ui/cx";

/** A surface grouping related content. Compose with CardHeader / CardBody / CardFooter. */
export function Card({ className, as: Tag = "section", ...rest }: HTMLAttributes<HTMLElement> & { as?: "section" | "div" | "article" }) {
  return <Tag className={cx("rounded-xl border border-border bg-surface shadow-card", className)} {...rest} />;
}

interface CardHeaderProps {
  title: ReactNode;
  description?: ReactNode;
  /** Buttons or links on the right of the title. */
  actions?: ReactNode;
  /** Heading level of the title, to keep the page outline right. */
  level?: 2 | 3;
  id?: string;
  className?: string;
}

/** Title (h2 by default), optional description and actions. */
export function CardHeader({ title, description, actions, level = 2, id, className }: CardHeaderProps) {
  const Heading = level === 2 ? "h2" : "h3";
  return (
    <div className={cx("flex flex-wrap items-start justify-between gap-3 px-5 pt-5 sm:px-6 sm:pt-6", className)}>
      <div className="min-w-0 flex-1">
        <Heading id={id} className="text-base font-semibold text-fg">
          {title}
        </Heading>
        {description ? <p className="mt-1 text-sm text-fg-muted">{description}</p> : null}
      </div>
      {actions ? <div className="flex shrink-0 items-center gap-2">{actions}</div> : null}
    </div>
  );
}

export function CardBody({ className, ...rest }: HTMLAttributes<HTMLDivElement>) {
  return <div className={cx("px-5 py-5 sm:px-6", className)} {...rest} />;
}

/** A footer strip, usually holding the card's form actions (right-aligned). */
export function CardFooter({ className, ...rest }: HTMLAttributes<HTMLDivElement>) {
  return (
    <div
      className={cx(
        "flex flex-wrap items-center justify-end gap-3 rounded-b-xl border-t border-border bg-surface-2/50 px-5 py-3 sm:px-6",
        className,
      )}
      {...rest}
    />
  );
}
